package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F1 second-half scenarios with a Magento shop, on PostgreSQL, started by the test itself. */
class PostgresMagentoErpSyncTest extends ErpSyncScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresMagentoErpSyncTest() {
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
