package io.sincro.sync;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedPrestaShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 second-half scenarios with a PrestaShop shop, on HSQLDB. */
class HsqldbPrestaShopErpSyncTest extends ErpSyncScenarios {

    static final SimulatedShop shop = startShop(SimulatedPrestaShop::start);

    HsqldbPrestaShopErpSyncTest() {
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
