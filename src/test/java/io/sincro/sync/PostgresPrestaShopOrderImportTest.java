package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedPrestaShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F1 import scenarios against PrestaShop on PostgreSQL, started by the test itself (no server needed). */
class PostgresPrestaShopOrderImportTest extends OrderImportScenarios {

    static final SimulatedShop shop = SimulatedPrestaShop.start(SEED, ORDERS);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresPrestaShopOrderImportTest() {
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
