package io.sincro.sync;

import io.sincro.sandbox.SimulatedPrestaShop;
import io.sincro.sandbox.SimulatedShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 import scenarios against PrestaShop, on the embedded default database, HSQLDB. */
class HsqldbPrestaShopOrderImportTest extends OrderImportScenarios {

    static final SimulatedShop shop = SimulatedPrestaShop.start(SEED, ORDERS);

    HsqldbPrestaShopOrderImportTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }
}
