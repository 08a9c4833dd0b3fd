package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.EmbeddedPostgresDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The delivery timer's check in {@code routes/catalogue-channel.camel.yaml} (a camel-jdbc step): the timer
 * walks the lists only when a transaction is left SENT or is PENDING past its Retry-After — on HSQLDB and on
 * PostgreSQL, with the schema Flyway makes.
 */
class DeliveryDueCheckTest {

    static final EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();
    static final DataSource hsqldb = migrated(new DriverManagerDataSource(
            "jdbc:hsqldb:mem:due-check;sql.syntax_pgs=true;hsqldb.tx=mvcc", "SA", ""), "hsqldb");
    static final DataSource postgresql = migrated(new DriverManagerDataSource(postgres.jdbcUrl()), "postgresql");

    CamelContext camel;

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static Stream<DataSource> databases() {
        return Stream.of(hsqldb, postgresql);
    }

    private static DataSource migrated(DataSource dataSource, String vendor) {
        return io.sincro.MigratedStores.migrated(dataSource, vendor);
    }

    /** The timer route as the file has it, every 100 ms, its deliveries counted by a mock instead of made. */
    private MockEndpoint timerOn(DataSource dataSource) throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dataSource", dataSource);
        Properties properties = new Properties();
        properties.setProperty("sincro.listing.delivery.automatic", "true");
        properties.setProperty("sincro.listing.delivery.interval", "100");
        camel.getPropertiesComponent().setInitialProperties(properties);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/catalogue-channel.camel.yaml"));
        ModelCamelContext model = (ModelCamelContext) camel;
        model.removeRouteDefinitions(model.getRouteDefinitions().stream()
                .filter(r -> !r.getRouteId().equals("catalogue-delivery-timer")).toList());
        AdviceWith.adviceWith(camel, "catalogue-delivery-timer", route -> route
                .interceptSendToEndpoint("direct:catalogue-delivery").skipSendToOriginalEndpoint().to("mock:deliver"));
        camel.start();
        return camel.getEndpoint("mock:deliver", MockEndpoint.class);
    }

    private void ticks(int count) {
        NotifyBuilder ticked = new NotifyBuilder(camel).fromRoute("catalogue-delivery-timer").whenDone(count).create();
        assertThat(ticked.matches(20, TimeUnit.SECONDS)).as("the timer fired " + count + " times").isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nothingDueWalksNoList(DataSource dataSource) throws Exception {
        JdbcTemplate jdbc = clean(dataSource);
        long list = aList(jdbc);
        transaction(jdbc, list, "DONE", null);
        transaction(jdbc, list, "FAILED", null);
        transaction(jdbc, list, "PENDING", Instant.now().plusSeconds(3600)); // waiting out the shop's Retry-After
        MockEndpoint deliveries = timerOn(dataSource);

        ticks(3);

        assertThat(deliveries.getReceivedCounter()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPendingTransactionPastItsRetryAfterIsDelivered(DataSource dataSource) throws Exception {
        JdbcTemplate jdbc = clean(dataSource);
        transaction(jdbc, aList(jdbc), "PENDING", Instant.now().minusSeconds(5));
        MockEndpoint deliveries = timerOn(dataSource);

        ticks(2);

        assertThat(deliveries.getReceivedCounter()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionLeftSentIsDelivered(DataSource dataSource) throws Exception {
        JdbcTemplate jdbc = clean(dataSource);
        transaction(jdbc, aList(jdbc), "SENT", null);
        MockEndpoint deliveries = timerOn(dataSource);

        ticks(2);

        assertThat(deliveries.getReceivedCounter()).isPositive();
    }

    private static JdbcTemplate clean(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM listing_transaction");
        jdbc.update("DELETE FROM sales_list");
        jdbc.update("DELETE FROM listing");
        jdbc.update("DELETE FROM shop_account WHERE id = 'due-check'");
        return jdbc;
    }

    private static long aList(JdbcTemplate jdbc) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO shop_account (id, name, platform, base_url, store_code, auth_mode, settings, created_at, "
                + "updated_at) VALUES ('due-check', 'Due check', 'MAGENTO', 'https://shop.example', 'default', 'OAUTH1', "
                + "'{}', ?, ?)", now, now);
        jdbc.update("INSERT INTO listing (name, account_id, store_code, fields, warehouses, quantity_method, price_method, "
                + "sync_rules, created_at, updated_at) VALUES ('L', 'due-check', 'default', '[]', '1', '{}', '{}', '{}', ?, ?)",
                now, now);
        long listing = jdbc.queryForObject("SELECT MAX(id) FROM listing", Long.class);
        jdbc.update("INSERT INTO sales_list (name, listing_id, created_at, updated_at) VALUES ('S', ?, ?, ?)", listing,
                now, now);
        return jdbc.queryForObject("SELECT MAX(id) FROM sales_list", Long.class);
    }

    private static void transaction(JdbcTemplate jdbc, long list, String state, Instant retryAt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO listing_transaction (list_id, article_code, kind, urgency, state, payload, reason, "
                + "retry_at, created_at, updated_at) VALUES (?, 'A1', 'QUANTITY', 2, ?, '{}', 'test', ?, ?, ?)", list, state,
                retryAt == null ? null : retryAt.atOffset(ZoneOffset.UTC), now, now);
    }
}
