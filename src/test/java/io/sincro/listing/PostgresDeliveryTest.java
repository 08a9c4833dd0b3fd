package io.sincro.listing;

import io.sincro.EmbeddedPostgresDatabase;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The delivery scenarios on PostgreSQL: the delivery's store SQL (V19, due, sending, later, replay) on both databases. */
class PostgresDeliveryTest extends DeliveryScenarios {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres.register(registry);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }
}
