package io.sincro.fulfilment;

import io.sincro.sandbox.magento.MagentoShop;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F2 scenarios against Magento, on the default embedded database, HSQLDB. */
class HsqldbMagentoErpStateTest extends ErpStateScenarios {

    HsqldbMagentoErpStateTest() {
        super(MagentoShop::start);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
    }
}
