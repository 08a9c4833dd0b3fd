package io.sincro.sync;

import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** F1 import scenarios against Magento, on the embedded default database, HSQLDB. */
class HsqldbMagentoOrderImportTest extends OrderImportScenarios {

    static final SimulatedShop shop = MagentoShop.start(SEED, ORDERS);

    HsqldbMagentoOrderImportTest() {
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
