package io.sincro.sync;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 second-half scenarios with a Magento shop, on HSQLDB. */
class HsqldbMagentoErpSyncTest extends ErpSyncScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);

    HsqldbMagentoErpSyncTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }
}
