package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubProcess;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hub process killed (SIGKILL) in the middle of a partial ERP sync, with creates in flight (some
 * committed in the ERP whose answer never came back, some not yet committed), started again on the same
 * store: every order and customer ends in the ERP exactly once, nothing waits without a reason, and all
 * is delivered within the lease after the restart.
 */
class CrashSafeErpWritesTest {

    static final Duration LEASE = Duration.ofSeconds(12);
    static EmbeddedPostgresDatabase postgres;
    static ErpSimulator erp;
    static MagentoSimulator magento;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresDatabase.start();
        erp = TestShops.startErp();
        magento = TestShops.startShop(erp, 91, 60);
    }

    @AfterAll
    static void stop() throws Exception {
        magento.close();
        erp.close();
        postgres.close();
    }

    static Map<String, String> hub() {
        Map<String, String> properties = new HashMap<>(TestShops.erpProperties(erp.baseUrl()));
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("sincro.node-id", "crash-node");
        properties.put("sincro.secrets.key", SECRETS_KEY);
        properties.put("sincro.locks.lease", LEASE.toSeconds() + "s");
        properties.put("sincro.locks.heartbeat", "1s");
        properties.put("sincro.erp.read-timeout", "30s");
        properties.put("sincro.mail.enabled", "false");
        return properties;
    }

    static final String SECRETS_KEY = TestShops.secretsKey();

    @Test
    void aHubKilledWithCreatesInFlightDeliversEveryOrderAndCustomerOnceAfterItStartsAgain() {
        String account;
        try (HubProcess hub = HubProcess.start("crash", hub())) {
            account = TestShops.magentoAccount(hub.client(), magento, "crash-shop", Map.of("pageSize", 20));
            // slow ERP calls: at any moment some are still waiting to be served (not committed)
            erp.latency(Duration.ofMillis(400));
            HubClient.Response started = hub.client().post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> ordersInErp(account) >= 3);

            // the next creates are committed but their answers never reach the hub: killed while waiting for them
            erp.stallFor(Duration.ofSeconds(20));
            erp.timeoutAfterCommit("documenti/ordini-clienti", 2);
            erp.timeoutAfterCommit("clienti", 1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> erp.timeoutsAfterCommitLeft("documenti/ordini-clienti") == 0
                            && erp.timeoutsAfterCommitLeft("clienti") == 0);
            // killed while the 3 committed-but-unanswered creates are in flight (they stall 20 s); calls not yet
            // committed are often in flight beside them, but not always: the pages behind the stalled customer
            // wait for it, so only these three are certain
            assertThat(erp.callsInFlight()).isGreaterThanOrEqualTo(3);
            hub.kill();
        }
        int committedAtKill = ordersInErp(account);
        erp.resetFaults();
        erp.latency(Duration.ofMillis(20));
        // the stalled answers keep their service slots until they end, as on the real WebAPI
        await().atMost(Duration.ofSeconds(30)).until(() -> erp.callsInFlight() == 0);

        try (HubProcess hub = HubProcess.start("crash-again", hub())) {
            long restartedAt = System.nanoTime();
            HubClient client = hub.client();
            // nothing waits without saying why
            for (JsonNode order : client.get("/api/orders?account=" + account + "&state=NEW&limit=1000").body()) {
                assertThat(order.path("erpReason").asText()).as(order.toString()).isNotBlank();
            }
            // the rest of the shop's orders (the killed order sync may not have read them all)
            HubClient.Response again = await().atMost(LEASE).until(
                    () -> client.post("/api/accounts/" + account + "/sync/orders", null), r -> r.status() == 202);
            client.awaitRun(again.body().path("runId").asLong());
            await().atMost(LEASE).pollInterval(Duration.ofMillis(200)).until(() -> pending(client, account) == 0
                    && noPartialSyncRunning(client));
            assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).as("delivered within the lease")
                    .isLessThan(LEASE);

            JsonNode stored = client.get("/api/orders?account=" + account + "&state=STORED&limit=1000").body();
            Map<String, Long> references = erp.orders().stream().map(o -> o.path("nota").asText())
                    .filter(n -> n.contains("[sincro:" + account + ":"))
                    .collect(Collectors.groupingBy(n -> n.substring(n.indexOf("[sincro:"), n.indexOf(']',
                            n.indexOf("[sincro:")) + 1), Collectors.counting()));
            assertThat(references).as("every order once").hasSize(stored.size())
                    .allSatisfy((reference, count) -> assertThat(count).as(reference).isEqualTo(1L));
            assertThat(stored.size()).isGreaterThan(committedAtKill);
            Map<String, Long> customers = erp.customers().stream().map(c -> c.path("email").asText().toLowerCase())
                    .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
            assertThat(customers).as("every customer once").allSatisfy((email, count) ->
                    assertThat(count).as(email).isEqualTo(1L));
            for (JsonNode order : stored) {
                assertThat(erp.order(order.path("erpKey").asText())).as(order.path("number").asText()).isPresent();
            }
        }
    }

    static int ordersInErp(String account) {
        return (int) erp.orders().stream().filter(o -> o.path("nota").asText().contains("[sincro:" + account + ":"))
                .count();
    }

    static int pending(HubClient client, String account) {
        return client.get("/api/orders?account=" + account + "&state=NEW&limit=1000").body().size();
    }

    static boolean noPartialSyncRunning(HubClient client) {
        for (JsonNode run : client.get("/api/runs?limit=20").body()) {
            if (run.path("kind").asText().equals(PartialErpSync.LOCK_KIND) && run.path("state").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }
}
