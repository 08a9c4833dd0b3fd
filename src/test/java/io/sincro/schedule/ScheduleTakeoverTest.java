package io.sincro.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubProcess;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a cluster that loses a node loses no schedule. Two hubs, each in a process of its own, on
 * one PostgreSQL (embedded, started here), in one Quartz cluster. The node that takes a firing is held by
 * the test hook right after the firing starts — trigger taken, next firing not yet planned, no run
 * started: the moment that used to lose the schedule — and killed there (SIGKILL). The other node fires
 * that slot again within the run-lock lease, and every later slot fires once.
 */
class ScheduleTakeoverTest {

    static final Duration LEASE = Duration.ofSeconds(20);
    static EmbeddedPostgresDatabase postgres;
    static ErpSimulator erp;
    static MagentoSimulator magento;

    @BeforeAll
    static void startOutsideWorld() {
        postgres = EmbeddedPostgresDatabase.start();
        erp = TestShops.startErp();
        magento = TestShops.startShop(erp, 16, 10);
    }

    @AfterAll
    static void stopOutsideWorld() throws IOException {
        magento.close();
        erp.close();
        postgres.close();
    }

    @Test
    void aFiringTakenByANodeThatDiesFiresAgainOnAnotherNodeWithinTheLeaseAndEveryLaterSlotFiresOnce()
            throws IOException {
        Path hooks = Files.createDirectories(Path.of("target", "hold-firings")).resolve("takeover-" + System.nanoTime());
        Path releaseA = Path.of(hooks + "-a");
        Path releaseB = Path.of(hooks + "-b");
        try (HubProcess a = HubProcess.start("takeover-a", node("takeover-a", releaseA));
                HubProcess b = HubProcess.start("takeover-b", node("takeover-b", releaseB))) {
            // both were probed every half second while they started (HubProcess waits on /actuator/health)
            for (String node : List.of("takeover-a", "takeover-b")) {
                assertThat(Files.readAllLines(Path.of("target", "test-logs", "hub-process-" + node + ".log")))
                        .as("no WARN per Camel health check while Camel starts").noneMatch(l -> l.contains("Probe in group"));
            }
            String account = TestShops.magentoAccount(a.client(), magento, "takeover", Map.of("pageSize", 5));
            String schedulePath = "/api/accounts/" + account + "/schedule";
            HubClient.Response saved = b.client().put(schedulePath, everyThirtySeconds());
            assertThat(saved.status()).as(saved.text()).isEqualTo(200);
            assertThat(saved.body().path("state").asText()).isEqualTo("PLANNED");

            // whichever node takes the first firing holds it; the other goes on freely
            Path heldA = Path.of(releaseA + ".held");
            Path heldB = Path.of(releaseB + ".held");
            Path held = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(heldA) ? heldA : Files.exists(heldB) ? heldB : null, p -> p != null);
            boolean aHolds = held.equals(heldA);
            HubProcess victim = aHolds ? a : b;
            HubClient survivor = (aHolds ? b : a).client();
            String survivorNode = aHolds ? "takeover-b" : "takeover-a";
            Files.createFile(aHolds ? releaseB : releaseA);
            Instant slot = Instant.parse(Files.readString(held).trim().split(" ")[1]);

            JsonNode firing = survivor.get(schedulePath).body();
            assertThat(firing.path("state").asText()).as("taken, not lost: %s", firing).isEqualTo("FIRING");
            assertThat(firing.path("nextRun").isNull()).as("the held firing has not planned the next one yet").isTrue();
            assertThat(Instant.parse(firing.path("firing").path("slot").asText())).isEqualTo(slot);

            Instant killedAt = Instant.now();
            victim.kill();

            JsonNode fire = await().atMost(LEASE).pollInterval(Duration.ofMillis(250))
                    .until(() -> survivor.get(schedulePath).body().path("lastFire"),
                            f -> f.path("at").asText().equals(slot.toString()));
            Duration takeover = Duration.between(killedAt, Instant.now());
            assertThat(fire.path("outcome").asText()).as(fire.toString()).isEqualTo("STARTED");
            assertThat(fire.path("detail").asText()).contains("fired again on " + survivorNode);
            JsonNode run = survivor.awaitRun(fire.path("runId").asLong());
            assertThat(run.path("node").asText()).isEqualTo(survivorNode);
            assertThat(takeover).as("fired again within the lease").isLessThan(LEASE);

            List<Instant> later = new ArrayList<>();
            survivor.get(schedulePath + "/preview?count=2&from=" + slot).body().path("runs")
                    .forEach(r -> later.add(Instant.parse(r.path("at").asText())));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> survivor.get(schedulePath).body().path("lastFire").path("at").asText(),
                            at -> at.equals(later.get(1).toString()));
            JsonNode view = survivor.get(schedulePath).body();
            assertThat(view.path("lastFire").path("outcome").asText()).isEqualTo("STARTED");
            assertThat(view.path("state").asText()).isIn("PLANNED", "FIRING");
            // the held slot and the two after it: one scheduled run each, none doubled, none on the dead node
            List<JsonNode> scheduled = scheduledRuns(survivor, account);
            assertThat(scheduled).as(scheduled.toString()).hasSize(3);
            assertThat(scheduled).allSatisfy(r -> assertThat(r.path("node").asText()).isEqualTo(survivorNode));
        }
    }

    /**
     * 1440 runs in a 12-hour window: every 30 s. The zone is the fixed offset at which it is now about
     * 06:00, so the window (00:00–12:00) never closes during the test.
     */
    static Map<String, Object> everyThirtySeconds() {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(6 - utcHour + 12, 24) - 12;
        return Map.of("frequency", "DAILY", "runsPerDay", 1440, "windowStart", LocalTime.MIDNIGHT.toString(),
                "windowEnd", LocalTime.NOON.toString(), "zone", ZoneOffset.ofHours(offset).getId());
    }

    static List<JsonNode> scheduledRuns(HubClient hub, String account) {
        return StreamSupport.stream(hub.get("/api/runs?account=" + account + "&limit=100").body().spliterator(), false)
                .filter(r -> r.path("trigger").asText().equals("SCHEDULE")).toList();
    }

    static Map<String, String> node(String id, Path holdFiringsUntil) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("sincro.node-id", id);
        properties.put("sincro.secrets.key", SECRETS_KEY);
        properties.put("sincro.locks.lease", LEASE.toSeconds() + "s");
        properties.put("sincro.locks.heartbeat", "2s");
        properties.put("spring.quartz.properties.org.quartz.scheduler.instanceName", "sincro-takeover");
        properties.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "2000");
        properties.put("sincro.schedules.watchdog-interval", "3s");
        properties.put("sincro.test.hold-firings-until", holdFiringsUntil.toAbsolutePath().toString());
        properties.putAll(TestShops.erpProperties(erp.baseUrl()));
        properties.put("sincro.mail.enabled", "false");
        return properties;
    }

    static final String SECRETS_KEY = TestShops.secretsKey();
}
