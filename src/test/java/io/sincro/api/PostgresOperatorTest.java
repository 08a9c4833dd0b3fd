package io.sincro.api;

import io.sincro.EmbeddedPostgresDatabase;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on PostgreSQL (the retry's row lock, the search's SQL), started by the test itself. */
class PostgresOperatorTest extends OperatorScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        properties(registry);
        postgres.register(registry);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
