package io.sincro.api;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same scenarios with a Magento shop on PostgreSQL (the retry's row lock, the search's SQL), started by the
 * test itself.
 */
class PostgresMagentoOperatorTest extends OperatorScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresMagentoOperatorTest() {
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
