package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedPrestaShop;
import io.sincro.sandbox.SimulatedShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F1 second-half scenarios with a PrestaShop shop, on PostgreSQL, started by the test itself. */
class PostgresPrestaShopErpSyncTest extends ErpSyncScenarios {

    static final SimulatedShop shop = startShop(SimulatedPrestaShop::start);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresPrestaShopErpSyncTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopOutsideWorld() throws IOException {
        shop.close();
        postgres.close();
    }
}
