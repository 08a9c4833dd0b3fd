package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.magento.MagentoShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same order-money scenarios with a Magento shop, on PostgreSQL, started by the test itself. */
class PostgresMagentoOrderMoneyTest extends OrderMoneyScenarios {

    static final SimulatedShop shop = startShop(MagentoShop::start);
    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresMagentoOrderMoneyTest() {
        super(shop);
    }

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopOutsideWorld() throws IOException {
        shop.close();
        postgres.close();
    }
}
