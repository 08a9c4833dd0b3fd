package io.sincro.fulfilment;

import io.sincro.sandbox.SimulatedPrestaShop;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F2 scenarios against PrestaShop, on the default embedded database, HSQLDB. */
class HsqldbPrestaShopErpStateTest extends ErpStateScenarios {

    HsqldbPrestaShopErpStateTest() {
        super(SimulatedPrestaShop::start);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
    }
}
