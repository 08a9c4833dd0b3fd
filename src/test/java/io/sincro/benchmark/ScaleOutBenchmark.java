package io.sincro.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubProcess;
import io.sincro.TestShops;
import io.sincro.erp.ErpGateway;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, scale-out: N hub nodes (default 3), each a process of its own, on one PostgreSQL (embedded),
 * M Magento accounts (default 30) each scheduled every minute ({@code DAILY}, 1440 runs), a new shop order
 * per account each minute, and one node killed (SIGKILL) one second after a slot, in the middle of the run.
 * Prints firings expected / fired / doubled / missed (from every node's log, the dead one's included),
 * the runs per node, how long after the kill the dead node's accounts ran again and its runs were marked
 * FAILED, and whether the ERP simulator holds every stored order once.
 *
 * <p>Run alone with {@code ./mvnw -B -Pbenchmark test-compile surefire:test -Dtest=ScaleOutBenchmark} (with the
 * others by {@code ./mvnw -Pbenchmark verify});
 * {@code -Dbench.nodes=…}, {@code -Dbench.accounts=…}, {@code -Dbench.minutes=…} (default 5; the kill at
 * half time), {@code -Dbench.lease=…} (run-lock lease, default 30s). Not part of the test suite.
 */
class ScaleOutBenchmark {

    static final int NODES = Integer.getInteger("bench.nodes", 3);
    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 30);
    static final int MINUTES = Integer.getInteger("bench.minutes", 5);
    static final String LEASE = System.getProperty("bench.lease", "30s");
    static final Schedule EVERY_MINUTE = new Schedule(Schedule.Frequency.DAILY, 1440, null, null, null, null, null,
            null, null, null);
    static final Pattern STARTED = Pattern.compile("Scheduled run of account (\\S+) of (\\S+) (started|skipped)");
    static final Pattern REPEATED = Pattern.compile("Schedule account:(\\S+): the firing of (\\S+) fired again on");

    @Test
    void nodesShareTheSchedulesAndADeadNodeCostsNoSlot() throws Exception {
        String secretsKey = TestShops.secretsKey();
        List<HubProcess> nodes = new ArrayList<>();
        List<MagentoSimulator> shops = new ArrayList<>();
        Map<String, Deque<ObjectNode>> heldBack = new HashMap<>();
        Map<String, SandboxShop> liveShops = new HashMap<>();
        try (EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start();
                ErpSimulator erp = TestShops.startErp()) {
            for (int n = 1; n <= NODES; n++) {
                nodes.add(HubProcess.start("scale-out-" + n, node(postgres, erp, "node-" + n, secretsKey)));
            }
            HubClient hub = nodes.get(0).client();
            for (int a = 1; a <= ACCOUNTS; a++) {
                String account = "shop-" + a;
                // a shop whose orders arrive one a minute: three at the start, the rest held back
                SandboxShop generated = SandboxShop.generate(1000 + a, 3 + MINUTES + 1, Instant.now()
                        .minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
                SandboxShop live = new SandboxShop();
                generated.customers().forEach(live::addCustomer);
                Deque<ObjectNode> later = new ArrayDeque<>(generated.orders());
                for (int i = 0; i < 3; i++) {
                    live.addOrder(later.removeFirst());
                }
                MagentoSimulator shop = MagentoSimulator.start(0, "it", TestShops.SHOP, live);
                TestShops.stockErp(erp, shop);
                shops.add(shop);
                liveShops.put(account, live);
                heldBack.put(account, later);
                TestShops.magentoAccount(hub, shop, account, Map.of("pageSize", 20));
            }
            for (int a = 1; a <= ACCOUNTS; a++) {
                HubClient.Response put = nodes.get(a % NODES).client().put("/api/accounts/shop-" + a + "/schedule",
                        Map.of("frequency", "DAILY", "runsPerDay", 1440));
                if (put.status() != 200) {
                    throw new IllegalStateException(put.text());
                }
            }
            Instant saved = Instant.now(); // every account planned: the slots counted start after this
            List<Instant> slots = EVERY_MINUTE.next(saved, MINUTES);
            Instant killAt = slots.get(MINUTES / 2).plusSeconds(1);
            HubProcess victim = nodes.get(NODES - 1);
            String victimNode = "node-" + NODES;
            Instant killed = null;
            int released = ACCOUNTS * 3;
            for (int minute = 0; minute < MINUTES; minute++) {
                Instant slot = slots.get(minute);
                if (minute > 0) { // a new order per shop half a minute before each slot but the first
                    awaitInstant(slot.minusSeconds(30));
                    for (var entry : heldBack.entrySet()) {
                        ObjectNode order = entry.getValue().removeFirst();
                        SandboxShop live = liveShops.get(entry.getKey());
                        live.addOrder(order);
                        live.touchOrder(order.path("entity_id").asLong(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
                        released++;
                    }
                }
                if (killed == null && !killAt.isAfter(slot.plusSeconds(59))) {
                    awaitInstant(killAt);
                    victim.kill();
                    killed = Instant.now();
                }
            }
            Instant last = slots.get(MINUTES - 1);
            HubClient survivor = nodes.get(0).client();
            // every run ended, and the dead node's runs marked FAILED
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> runs(survivor)
                    .stream().noneMatch(r -> r.path("state").asText().equals("RUNNING"))
                    && Instant.now().isAfter(last.plusSeconds(30)));
            // the last orders reach the ERP with the partial syncs of the last runs
            report(survivor, erp, slots, saved, killed, victimNode, released);
        } finally {
            nodes.forEach(HubProcess::close);
            shops.forEach(MagentoSimulator::close);
        }
    }

    private void report(HubClient hub, ErpSimulator erp, List<Instant> slots, Instant saved, Instant killed,
            String victimNode, int released) throws IOException {
        // firings, from every node's log (the dead node's was written up to its death): per slot, the runs
        // started, and the firings skipped because a run was still going
        Map<String, Integer> started = new TreeMap<>();
        Map<String, Integer> skippedBy = new TreeMap<>();
        List<Duration> repeatedAfter = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            for (String line : Files.readAllLines(Path.of("target", "test-logs", "hub-process-scale-out-" + n + ".log"))) {
                Matcher fired = STARTED.matcher(line);
                if (fired.find()) {
                    (fired.group(3).equals("started") ? started : skippedBy)
                            .merge(fired.group(1) + " " + fired.group(2), 1, Integer::sum);
                }
                if (REPEATED.matcher(line).find()) {
                    repeatedAfter.add(Duration.between(killed, Instant.parse(line.substring(0, line.indexOf(' ')))));
                }
            }
        }
        int expected = 0;
        int fired = 0;
        int skipped = 0;
        int doubled = 0;
        List<String> missed = new ArrayList<>();
        for (int a = 1; a <= ACCOUNTS; a++) {
            for (Instant slot : slots) {
                expected++;
                String key = "shop-" + a + " " + slot;
                int runsStarted = started.getOrDefault(key, 0);
                if (runsStarted > 0 || skippedBy.containsKey(key)) {
                    fired++;
                }
                if (runsStarted == 0 && skippedBy.containsKey(key)) {
                    skipped++;
                }
                doubled += Math.max(0, runsStarted - 1);
                if (runsStarted == 0 && !skippedBy.containsKey(key)) {
                    missed.add(key);
                }
            }
        }
        List<JsonNode> runs = runs(hub);
        Map<String, Integer> perNode = new TreeMap<>();
        runs.forEach(r -> perNode.merge(r.path("node").asText(), 1, Integer::sum));
        long failedByDeath = runs.stream().filter(r -> r.path("node").asText().equals(victimNode)
                && r.path("state").asText().equals("FAILED")).count();
        Instant markedFailed = runs.stream().filter(r -> r.path("node").asText().equals(victimNode)
                && r.path("state").asText().equals("FAILED")).map(r -> Instant.parse(r.path("finishedAt").asText()))
                .max(Instant::compareTo).orElse(null);
        // takeover: each account the dead node served last before its death, until it ran again on another node
        Duration takeover = Duration.ZERO;
        for (int a = 1; a <= ACCOUNTS; a++) {
            String account = "shop-" + a;
            List<JsonNode> mine = runs.stream().filter(r -> r.path("accountId").asText().equals(account))
                    .sorted((x, y) -> x.path("startedAt").asText().compareTo(y.path("startedAt").asText())).toList();
            JsonNode before = mine.stream().filter(r -> Instant.parse(r.path("startedAt").asText()).isBefore(killed))
                    .reduce((x, y) -> y).orElse(null);
            if (before != null && before.path("node").asText().equals(victimNode)) {
                Instant again = mine.stream().map(r -> Instant.parse(r.path("startedAt").asText()))
                        .filter(t -> t.isAfter(killed)).findFirst().orElse(null);
                Duration d = again == null ? Duration.ofDays(1) : Duration.between(killed, again);
                takeover = d.compareTo(takeover) > 0 ? d : takeover;
            }
        }
        // the ERP: every order the hub stored is there once, every released shop order reached the hub
        Map<String, Integer> inErp = new HashMap<>();
        Pattern reference = Pattern.compile("\\[sincro:[^\\]]+\\]");
        for (ObjectNode order : erp.orders()) {
            Matcher m = reference.matcher(order.toString());
            if (m.find()) {
                inErp.merge(m.group(), 1, Integer::sum);
            }
        }
        int inHub = 0;
        int stored = 0;
        int storedMissingInErp = 0;
        for (int a = 1; a <= ACCOUNTS; a++) {
            for (JsonNode order : hub.get("/api/orders?account=shop-" + a + "&limit=1000").body()) {
                inHub++;
                if (order.path("state").asText().equals("STORED")) {
                    stored++;
                    if (!inErp.containsKey(ErpGateway.reference("shop-" + a, order.path("shopOrderId").asText()))) {
                        storedMissingInErp++;
                    }
                }
            }
        }
        long erpDuplicates = inErp.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
        Map<String, Integer> erpCustomersByEmail = new HashMap<>();
        erp.customers().forEach(c -> {
            String email = c.path("email").asText("");
            if (!email.isBlank()) {
                erpCustomersByEmail.merge(email.toLowerCase(), 1, Integer::sum);
            }
        });
        long erpCustomerDuplicates = erpCustomersByEmail.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("nodes / accounts / minutes", NODES + " / " + ACCOUNTS + " / " + MINUTES
                + " (every account every minute, on one PostgreSQL; run-lock lease " + LEASE + ")");
        figures.put("node killed", victimNode + " at " + killed + " (" + Duration.between(slots.get(MINUTES / 2), killed)
                .toMillis() + " ms after a slot)");
        figures.put("firings expected", expected);
        figures.put("fired", fired + " (" + skipped + " of them skipped: the account's run was still going)");
        figures.put("doubled (a slot with two runs)", doubled);
        figures.put("missed", missed.size() + (missed.isEmpty() ? "" : " " + missed));
        figures.put("firings the dead node had taken, fired again elsewhere", repeatedAfter.size()
                + (repeatedAfter.isEmpty() ? "" : " (" + repeatedAfter.stream().map(d -> d.toMillis() / 1000.0 + " s")
                        .toList() + " after the kill)"));
        figures.put("runs per node", perNode);
        figures.put("runs of the dead node marked FAILED", failedByDeath + (markedFailed == null ? ""
                : " (" + Duration.between(killed, markedFailed).toSeconds() + " s after the kill)"));
        figures.put("dead node's accounts running again (their next run)", takeover.toSeconds() + " s after the kill");
        figures.put("shop orders released / in the hub / STORED in the ERP", released + " / " + inHub + " / " + stored);
        figures.put("ERP: duplicate orders / stored orders missing / duplicate customers", erpDuplicates + " / "
                + storedMissingInErp + " / " + erpCustomerDuplicates);
        System.out.println();
        System.out.println("=== Sincro scale-out benchmark (issue 16) ===");
        figures.forEach((name, value) -> System.out.printf("%-68s: %s%n", name, value));
    }

    /** Every scheduled run of the accounts. */
    private static List<JsonNode> runs(HubClient hub) {
        List<JsonNode> runs = new ArrayList<>();
        for (int a = 1; a <= ACCOUNTS; a++) {
            StreamSupport.stream(hub.get("/api/runs?account=shop-" + a + "&limit=1000").body().spliterator(), false)
                    .filter(r -> r.path("trigger").asText().equals("SCHEDULE")).forEach(runs::add);
        }
        return runs;
    }

    private static void awaitInstant(Instant at) {
        await().atMost(Duration.between(Instant.now(), at).plusSeconds(5).abs()).pollInterval(Duration.ofMillis(100))
                .until(() -> !Instant.now().isBefore(at));
    }

    private static Map<String, String> node(EmbeddedPostgresDatabase postgres, ErpSimulator erp, String id,
            String secretsKey) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("sincro.node-id", id);
        properties.put("sincro.secrets.key", secretsKey);
        properties.put("sincro.locks.lease", LEASE);
        properties.put("sincro.locks.heartbeat", "5s");
        properties.put("spring.quartz.properties.org.quartz.scheduler.instanceName", "sincro-scale-out");
        properties.put("sincro.mail.enabled", "false");
        properties.put("logging.level.io.sincro", "INFO");
        properties.putAll(TestShops.erpProperties(erp.baseUrl()));
        return properties;
    }
}
