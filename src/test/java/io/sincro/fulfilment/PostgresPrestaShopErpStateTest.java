package io.sincro.fulfilment;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedPrestaShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F2 scenarios against PrestaShop, on PostgreSQL, started by the test itself. */
class PostgresPrestaShopErpStateTest extends ErpStateScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresPrestaShopErpStateTest() {
        super(SimulatedPrestaShop::start);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        erpProperties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
