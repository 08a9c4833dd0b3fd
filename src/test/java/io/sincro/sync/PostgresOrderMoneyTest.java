package io.sincro.sync;

import io.sincro.EmbeddedPostgresDatabase;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same order-money scenarios on PostgreSQL, started by the test itself. */
class PostgresOrderMoneyTest extends OrderMoneyScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void registerProperties(DynamicPropertyRegistry registry) {
        properties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
