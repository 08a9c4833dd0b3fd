package io.sincro.api;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedPrestaShop;
import io.sincro.sandbox.SimulatedShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same scenarios with a PrestaShop shop on PostgreSQL (the retry's row lock, the search's SQL), started by the
 * test itself.
 */
class PostgresPrestaShopOperatorTest extends OperatorScenarios {

    static final SimulatedShop shop = startShop(SimulatedPrestaShop::start);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresPrestaShopOperatorTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        properties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopOutsideWorld() throws IOException {
        shop.close();
        postgres.close();
    }
}
