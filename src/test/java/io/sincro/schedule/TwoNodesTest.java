package io.sincro.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubNode;
import io.sincro.HubProcess;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.store.RunLocks;
import io.sincro.store.SyncRuns;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.ShopRuns;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two hub nodes on one PostgreSQL (embedded, started here), each a whole hub with its own Quartz
 * scheduler in the same cluster: a schedule fires on one node only; a manual run asked of node B while
 * node A runs is refused with who holds it; a node that dies holding a lock (a hub in a process of its
 * own, killed in the middle of an order sync) loses it after the lease and its run ends as FAILED; a
 * node with a fixed name that starts again releases what it held at once.
 */
class TwoNodesTest {

    static final AtomicInteger sequence = new AtomicInteger();
    /** Nodes on one database share the key the shops' secrets are sealed with. */
    static final String SECRETS_KEY = TestShops.secretsKey();
    static EmbeddedPostgresDatabase postgres;
    static ErpSimulator erp;
    static MagentoSimulator magento;
    static HubNode nodeA;
    static HubNode nodeB;

    @BeforeAll
    static void startCluster() {
        postgres = EmbeddedPostgresDatabase.start();
        erp = TestShops.startErp();
        magento = TestShops.startShop(erp, 77, 15);
        nodeA = HubNode.start(clusterNode("node-a"));
        nodeB = HubNode.start(clusterNode("node-b"));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, magento, erp}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others still close
            }
        }
        postgres.close();
    }

    /** A node of the Quartz cluster (A and B): same scheduler name, so each trigger fires on one of them. */
    static Map<String, String> clusterNode(String id) {
        Map<String, String> properties = node(id);
        properties.put("spring.quartz.properties.org.quartz.scheduler.instanceName", "sincro-cluster");
        return properties;
    }

    /**
     * A node on the same database, for the run locks. Outside the test, nodes that share a database share
     * the scheduler too; here a node that stops within the test keeps a scheduler name of its own, as Quartz
     * registers its connections per name in the JVM and a stopped node's pool would be handed to the others.
     */
    static Map<String, String> node(String id) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("sincro.node-id", id);
        properties.put("sincro.secrets.key", SECRETS_KEY);
        properties.put("sincro.locks.lease", "12s");
        properties.put("sincro.locks.heartbeat", "1s");
        properties.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "2000");
        properties.putAll(TestShops.erpProperties(erp.baseUrl()));
        properties.put("sincro.mail.enabled", "false");
        return properties;
    }

    @Test
    void aScheduleFiresOnOneNodeOnly() {
        String account = account(nodeA.client());
        LocalTime at = ZonedDateTime.now(Schedule.DEFAULT_ZONE).plusSeconds(8).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
        HubClient.Response saved = nodeB.client().put("/api/accounts/" + account + "/schedule",
                Map.of("frequency", "DAILY", "at", at.toString()));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Instant firesAt = Instant.parse(saved.body().path("nextRun").asText());
        assertThat(firesAt).as("today, not tomorrow").isBefore(Instant.now().plusSeconds(15));

        SyncRuns runs = nodeA.bean(SyncRuns.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledRuns(runs, account) == 1
                        && runs.list(account, 50).stream().noneMatch(r -> r.state() == SyncRuns.State.RUNNING));
        // both nodes had the trigger; had both fired it there would be a second run (or a skipped one)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> scheduledRuns(runs, account) == 1);
        assertThat(Instant.parse(nodeA.client().get("/api/accounts/" + account + "/schedule").body()
                .path("nextRun").asText())).as("planned once more, for tomorrow").isAfter(firesAt);
    }

    @Test
    void aManualRunAskedOfNodeBWhileNodeARunsIsRefusedWithTheRunThatHoldsIt() {
        String account = account(nodeA.client());
        magento.latency(Duration.ofMillis(1500));
        try {
            HubClient.Response onA = nodeA.client().post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(onA.status()).as(onA.text()).isEqualTo(202);
            long runOnA = onA.body().path("runId").asLong();

            HubClient.Response onB = nodeB.client().post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(onB.status()).as(onB.text()).isEqualTo(409);
            assertThat(onB.body().path("runId").asLong()).isEqualTo(runOnA);
            assertThat(onB.body().path("node").asText()).isEqualTo("node-a");
            assertThat(onB.body().path("since").asText()).isNotBlank();
            assertThat(onB.body().path("detail").asText()).contains("already running").contains("node-a");
        } finally {
            magento.latency(Duration.ZERO);
        }
    }

    @Test
    void aNodeKilledInTheMiddleOfARunLosesItsLockAfterTheLeaseItsRunFailsAndAnotherNodeRuns() {
        String account = account(nodeA.client());
        JsonNode run;
        long killedRun;
        try (HubProcess killed = HubProcess.start("killed", node("node-killed"))) {
            magento.latency(Duration.ofMillis(1500));
            magento.clearRequests();
            HubClient.Response started = killed.client().post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            killedRun = started.body().path("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> !magento.requests().isEmpty());
            killed.kill();
        } finally {
            magento.latency(Duration.ZERO);
        }

        // its lock stays until its lease runs out: nothing on the killed node could release it
        HubClient.Response refused = nodeB.client().post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("runId").asLong()).isEqualTo(killedRun);
        assertThat(refused.body().path("node").asText()).isEqualTo("node-killed");

        HubClient.Response taken = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> nodeB.client().post("/api/accounts/" + account + "/sync/orders", null),
                        r -> r.status() == 202);
        run = await().atMost(Duration.ofSeconds(60)).until(() -> nodeB.client()
                .get("/api/runs/" + taken.body().path("runId").asLong()).body(),
                r -> !r.path("state").asText().equals("RUNNING"));
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("node").asText()).isEqualTo("node-b");
        assertThat(run.path("ordersImported").asInt()).as("the orders the killed run did not store").isPositive();
        JsonNode died = nodeA.client().get("/api/runs/" + killedRun).body();
        assertThat(died.path("state").asText()).as("not shown as running for ever").isEqualTo("FAILED");
        assertThat(died.path("message").asText()).contains("Node node-killed stopped answering");
    }

    @Test
    void aNodeWithAFixedNameThatStartsAgainReleasesWhatItHeldAtOnce() {
        String account = account(nodeA.client());
        long runOfD;
        try (HubNode nodeD = HubNode.start(node("node-d"))) {
            runOfD = nodeD.bean(SyncRuns.class).start(OrderSyncs.LOCK_KIND, account, "MANUAL", "node-d");
            assertThat(nodeD.bean(RunLocks.class).tryAcquire(OrderSyncs.LOCK_KIND, account, runOfD)).isEmpty();
        }
        try (HubNode nodeD = HubNode.start(node("node-d"))) {
            // its heartbeat would otherwise keep the dead run's lock alive for ever
            assertThat(nodeD.bean(RunLocks.class).holder(OrderSyncs.LOCK_KIND, account)).isEmpty();
            JsonNode died = nodeD.client().get("/api/runs/" + runOfD).body();
            assertThat(died.path("state").asText()).isEqualTo("FAILED");
            assertThat(died.path("message").asText()).contains("Node node-d stopped while it ran this run");
            HubClient.Response started = nodeB.client().post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            nodeB.client().awaitRun(started.body().path("runId").asLong());
        }
    }

    static long scheduledRuns(SyncRuns runs, String account) {
        return runs.list(account, 50).stream()
                .filter(r -> r.kind().equals(ShopRuns.LOCK_KIND) && r.trigger().equals("SCHEDULE")).count();
    }


    static String account(HubClient hub) {
        return TestShops.magentoAccount(hub, magento, "cluster-" + sequence.incrementAndGet(), Map.of("pageSize", 5));
    }
}
