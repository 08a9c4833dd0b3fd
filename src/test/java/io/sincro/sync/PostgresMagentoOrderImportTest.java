package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F1 import scenarios against Magento on PostgreSQL, started by the test itself (no server needed). */
class PostgresMagentoOrderImportTest extends OrderImportScenarios {

    static final SimulatedShop shop = MagentoShop.start(SEED, ORDERS);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresMagentoOrderImportTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopOutsideWorld() throws IOException {
        shop.close();
        postgres.close();
    }
}
