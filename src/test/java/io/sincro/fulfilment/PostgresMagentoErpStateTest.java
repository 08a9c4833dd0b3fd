package io.sincro.fulfilment;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.sandbox.magento.MagentoShop;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The F2 scenarios against Magento, on PostgreSQL, started by the test itself. */
class PostgresMagentoErpStateTest extends ErpStateScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    PostgresMagentoErpStateTest() {
        super(MagentoShop::start);
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
