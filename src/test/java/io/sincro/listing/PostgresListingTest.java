package io.sincro.listing;

import io.sincro.EmbeddedPostgresDatabase;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same F5 scenarios on PostgreSQL, started by the test itself: the listing store's SQL on both databases. */
class PostgresListingTest extends ListingScenarios {

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
