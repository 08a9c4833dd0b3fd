package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubNode;
import io.sincro.model.OrderCustomer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16: two nodes storing the same new article or customer at the same moment, as two order imports
 * side by side do — on PostgreSQL, where the second insert waits for the first transaction and is then
 * refused. The second adopts what the first stored: no exception, no twin, and its own transaction goes
 * on and commits.
 */
class InsertOrAdoptTest {

    static EmbeddedPostgresDatabase postgres;
    static HubNode hub;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresDatabase.start();
        hub = HubNode.start(Map.of("spring.datasource.url", postgres.jdbcUrl(), "spring.datasource.username",
                "postgres", "spring.datasource.password", "", "sincro.mail.enabled", "false"));
    }

    @AfterAll
    static void stop() throws IOException {
        hub.close();
        postgres.close();
    }

    @Test
    void theSameNewArticleCodedByTwoNodesAtOnceIsStoredOnceAndTheSecondAdoptsIt() {
        Articles articles = hub.bean(Articles.class);
        List<Articles.Article> coded = race(() -> articles.autoCode("RACE-1", "Tazza rossa", "22"),
                () -> articles.autoCode("RACE-1", "Tazza rossa (2)", "22"));

        assertThat(coded.get(1).code()).isEqualTo("RACE-1");
        assertThat(coded.get(1).description()).as("the first node's article").isEqualTo("Tazza rossa");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM article WHERE code = 'RACE-1'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theSameNewCustomerStoredByTwoNodesAtOnceIsStoredOnceAndTheSecondAdoptsIt() {
        Customers customers = hub.bean(Customers.class);
        OrderCustomer buyer = new OrderCustomer(null, "Mario.Rossi@example.it", "Mario", "Rossi", null, null, null,
                null, null, null);
        OrderCustomer sameBuyer = new OrderCustomer(null, " mario.rossi@example.it", "MARIO", "Rossi ", null, null,
                null, null, null, null);
        List<Long> ids = race(() -> customers.insert(buyer), () -> customers.insert(sameBuyer));

        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(customers.findByEmail("mario.rossi@example.it")).hasSize(1);
    }

    /**
     * Runs {@code first} in a transaction that stays open until {@code second}, in a transaction of its own,
     * is waiting on it in the database; then commits the first and lets the second finish, which then
     * also writes and commits.
     */
    private <T> List<T> race(Supplier<T> first, Supplier<T> second) {
        TransactionTemplate transaction = new TransactionTemplate(hub.bean(PlatformTransactionManager.class));
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<T> one = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            T result = first.get();
            firstWrote.countDown();
            awaitLatch(commitFirst);
            return result;
        }));
        awaitLatch(firstWrote);
        CompletableFuture<T> two = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            T result = second.get();
            // the transaction is still usable after the refused insert
            jdbc().sql("SELECT COUNT(*) FROM article").query(Long.class).single();
            return result;
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc().sql("SELECT COUNT(*) FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock'").query(Long.class).single() > 0);
        commitFirst.countDown();
        return List.of(one.join(), two.join());
    }

    private static JdbcClient jdbc() {
        return hub.bean(JdbcClient.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
