package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F1 import scenarios on PostgreSQL, started by the test itself (no server needed). */
class PostgresOrderImportTest extends OrderImportScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
