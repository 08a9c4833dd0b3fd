package io.sincro.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.HubClient;
import io.sincro.model.OrderState;
import io.sincro.sandbox.SandboxConfiguration;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.store.Articles;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import io.sincro.sync.PartialErpSync;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Throughput of F1 as a merchant waits for it: from "sync orders" to the last order in the ERP, on a cold
 * hub (nothing imported before), against an ERP that takes 20 ms a call and serves 5 calls at once:
 * 2,000 shop orders from 500 customers over 300 SKUs (50 unknown to the ERP). The import and the push
 * overlap (each stored order goes to the ERP while the next ones are read). Prints the calls made by kind, the
 * strict minimum (a search and a create per new customer, a create per order and per missing article),
 * and the ratio to the limit the 5-call cap sets: (calls made × latency / 5) / time taken.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify}; not part of the test suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErpThroughputBenchmark {

    static final int ORDERS = Integer.getInteger("bench.orders", 2000);
    static final int CUSTOMERS = Integer.getInteger("bench.customers", 500);
    static final int SKUS = Integer.getInteger("bench.skus", 300);
    static final int UNKNOWN_SKUS = Integer.getInteger("bench.unknownSkus", 50);
    static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("bench.latencyMs", 20));
    static final int CAP = 5;
    /**
     * The store the hub runs on: {@code hsqldb-file} (default: what a hub started with no configuration uses,
     * the default URL of {@code application.properties} in a fresh folder, every commit written to disk),
     * {@code postgresql} (production: an embedded server with PostgreSQL's durable defaults) or
     * {@code hsqldb-mem} (an in-memory store no hub runs on, for comparison).
     */
    static final String STORE = System.getProperty("bench.store", "hsqldb-file");

    static final MagentoSimulator.Credentials SHOP = new MagentoSimulator.Credentials("ck", "cs", "at", "ats", true);
    static final MagentoSimulator magento = MagentoSimulator.start(0, "it", SHOP,
            benchmarkShop(2026, ORDERS, CUSTOMERS, "bench", "BENCH"));
    static final ErpSimulator erp = ErpSimulator.start(0, "SIN", new ErpSimulator.Credentials("bench", "bench-pw", null),
            CAP);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BenchmarkStore.register(STORE, registry);
        registry.add("sincro.erp.base-url", erp::baseUrl);
        registry.add("sincro.erp.user", () -> "bench");
        registry.add("sincro.erp.password", () -> "bench-pw");
        registry.add("sincro.erp.company", () -> "SIN");
        registry.add("sincro.erp.max-concurrent-calls", () -> CAP);
        registry.add("sincro.mail.enabled", () -> "false");
        registry.add("logging.level.io.sincro", () -> "WARN");
        registry.add("logging.level.io.sincro.sync.PartialErpSync", () -> "INFO");
    }

    @LocalServerPort
    int port;
    @Autowired
    Articles articles;
    @Autowired
    Orders orders;
    @Autowired
    SyncRuns runs;

    /** The sandbox shop's orders, rewritten to the benchmark's customers and SKUs. */
    static SandboxShop benchmarkShop(long seed, int orders, int customers, String domain, String skuPrefix) {
        SandboxShop generated = SandboxShop.generate(seed, orders, Instant.now().minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS));
        SandboxShop shop = new SandboxShop();
        int i = 0;
        for (ObjectNode order : generated.orders()) {
            int customer = i % customers;
            order.put("status", "processing");
            order.put("customer_is_guest", 1);
            order.remove("customer_id");
            order.remove("customer_taxvat");
            order.put("customer_email", "cliente" + customer + "@" + domain + ".example.it");
            order.put("customer_firstname", "Nome" + customer);
            order.put("customer_lastname", "Cognome" + customer);
            ObjectNode billing = (ObjectNode) order.path("billing_address");
            billing.remove("vat_id");
            billing.remove("company");
            billing.put("firstname", "Nome" + customer);
            billing.put("lastname", "Cognome" + customer);
            ObjectNode shipping = (ObjectNode) order.path("extension_attributes").path("shipping_assignments").path(0)
                    .path("shipping");
            if (!shipping.isMissingNode()) {
                shipping.set("address", billing.deepCopy().put("address_type", "shipping"));
            }
            order.set("payment", order.objectNode().put("method", "checkmo"));
            int k = 0;
            for (JsonNode item : order.path("items")) {
                ((ObjectNode) item).put("sku", sku(skuPrefix, (i * 7 + k++) % SKUS));
            }
            shop.addOrder(order);
            i++;
        }
        return shop;
    }

    static String sku(String prefix, int n) {
        return String.format("%s-%04d", prefix, n);
    }

    @Test
    void fromSyncOrdersToTheLastOrderInTheErp() {
        for (int n = 0; n < SKUS - UNKNOWN_SKUS; n++) {
            articles.mirrorFromErp(sku("BENCH", n), null, "Articolo " + n, "22", "pz");
            erp.addArticle(sku("BENCH", n), "Articolo " + n, "22");
        }
        HubClient hub = new HubClient(port);
        erp.latency(LATENCY);
        erp.clearRequests();

        account(hub, "bench", magento);
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        CpuUse cpuBefore = CpuUse.now();
        Instant trigger = Instant.now();
        SyncRuns.SyncRun[] measured = importAndPush(hub, "bench");
        CpuUse cpu = CpuUse.now().minus(cpuBefore);
        Map<String, Double> cpuByThreads = CpuUse.byThreadGroup();
        SyncRuns.SyncRun imported = measured[0];
        SyncRuns.SyncRun pushed = measured[1];

        List<ErpSimulator.RecordedRequest> calls = erp.requests();
        Instant lastOrder = calls.stream().filter(r -> r.method().equals("POST")
                        && r.path().endsWith("/documenti/ordini-clienti") && r.status() == 201)
                .map(ErpSimulator.RecordedRequest::at).max(Instant::compareTo).orElseThrow();
        // the simulator stamps a call when it arrives: the last order is in the ERP one latency later
        double elapsed = Duration.between(trigger, lastOrder.plus(LATENCY)).toMillis() / 1000.0;
        Map<String, Long> byKind = calls.stream().collect(Collectors.groupingBy(ErpThroughputBenchmark::kind,
                java.util.TreeMap::new, Collectors.counting()));
        int made = calls.size();
        long duringImport = calls.stream().filter(r -> r.at().isBefore(imported.finishedAt())).count();
        double importSeconds = Duration.between(trigger, imported.finishedAt()).toMillis() / 1000.0;
        // the strict minimum: a search and a create per new customer, a create per order and per missing article
        int minimal = pushed.customersPushed() * 2 + pushed.ordersPushed() + pushed.articlesPushed();
        double atTheCap = made * LATENCY.toMillis() / 1000.0 / CAP;
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, count) -> kinds.append(String.format(Locale.ROOT, "  %-28s %5d%n", kind, count)));
        System.out.printf(Locale.ROOT, "%n=== Sincro ERP throughput benchmark (cold hub) ===%n"
                        + "store %s%n"
                        + "orders %d, customers %d, SKUs %d (%d unknown to the ERP), ERP latency %d ms, cap %d calls%n"
                        + "shop import: %d imported, %d held, run took %.1f s%n"
                        + "partial ERP sync: %d customers, %d articles, %d orders pushed%n"
                        + "trigger to last order in the ERP: %.1f s (%.1f orders per second)%n"
                        + "calls made while the import ran (%.1f s): %d, %.0f %% of what the cap allows%n"
                        + "ERP calls made by kind:%n%s"
                        + "the ERP simulator answered a call in %.2f ms on average, from its arrival to its answer written%n"
                        + "calls made %d, strict minimum %d (2 x %d customers + %d orders + %d articles) -> %.3f x minimum%n"
                        + "calls made x %d ms / %d = %.1f s at the cap -> ratio %.2f (target >= 0.85)%n"
                        + "CPU (load-independent): hub %.1f ms per order (%.0f ms), simulators %.0f ms, whole JVM %.0f ms "
                        + "(of which JIT and GC %.0f ms)%n"
                        + "CPU since the JVM started, by thread group (ms): %s%n"
                        + "machine: %d cores, load average %.1f before, %.1f after%n%n",
                BenchmarkStore.describe(STORE), ORDERS, CUSTOMERS, SKUS, UNKNOWN_SKUS, LATENCY.toMillis(), CAP,
                imported.ordersImported(), imported.ordersHeld(), Duration.between(imported.startedAt(),
                        imported.finishedAt()).toMillis() / 1000.0,
                pushed.customersPushed(), pushed.articlesPushed(), pushed.ordersPushed(),
                elapsed, pushed.ordersPushed() / elapsed, importSeconds, duringImport,
                100.0 * duringImport * LATENCY.toMillis() / 1000.0 / CAP / importSeconds, kinds,
                erp.meanAnswerTime().toNanos() / 1e6, made, minimal, pushed.customersPushed(),
                pushed.ordersPushed(), pushed.articlesPushed(), (double) made / minimal, LATENCY.toMillis(), CAP,
                atTheCap, atTheCap / elapsed, cpu.hubMillis() / ORDERS, cpu.hubMillis(), cpu.simulatorMillis(),
                cpu.processMillis(), cpu.jvmMillis(), cpuByThreads, Runtime.getRuntime().availableProcessors(), loadBefore,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(orders.count("bench", OrderState.STORED)).isEqualTo(pushed.ordersPushed());
        assertThat(orders.count("bench", OrderState.NEW)).isZero();
    }

    /**
     * CPU time the JVM spent, and how much of it went to the simulators' threads (their HTTP servers'
     * dispatchers and handlers): the hub's share is the rest (its threads, the JIT and the GC, which the
     * hub's allocations drive). Unlike the elapsed time, it does not depend on what else the machine runs.
     */
    record CpuUse(double processMillis, double simulatorMillis, double javaThreadsMillis) {

        static CpuUse now() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double simulators = 0;
            double all = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    double cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e6;
                    all += cpu;
                    if (isSimulator(info.getThreadName())) {
                        simulators += cpu;
                    }
                }
            }
            return new CpuUse(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6, simulators, all);
        }

        /** CPU of the living threads, grouped by name without numbers, largest first (what the hub spends it on). */
        static Map<String, Double> byThreadGroup() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Double> groups = new HashMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    groups.merge(info.getThreadName().replaceAll("\\d+", "#"),
                            Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e6, Double::sum);
                }
            }
            Map<String, Double> top = new java.util.LinkedHashMap<>();
            groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(e -> top.put(e.getKey(), (double) Math.round(e.getValue())));
            return top;
        }

        static boolean isSimulator(String thread) {
            return thread.startsWith("erp-simulator") || thread.startsWith("magento-simulator")
                    || thread.startsWith("HTTP-Dispatcher");
        }

        CpuUse minus(CpuUse before) {
            return new CpuUse(processMillis - before.processMillis, simulatorMillis - before.simulatorMillis,
                    javaThreadsMillis - before.javaThreadsMillis);
        }

        double hubMillis() {
            return processMillis - simulatorMillis;
        }

        /** The JVM's own threads (JIT compilers, GC), which have no Java name to count them by. */
        double jvmMillis() {
            return processMillis - javaThreadsMillis;
        }
    }

    /** What a WebAPI call was for, from its verb and path. */
    static String kind(ErpSimulator.RecordedRequest call) {
        String path = call.path().replaceFirst("^/webapi/risorse/", "");
        if (path.equals("clienti/0.0")) {
            return "probe (login)";
        }
        if (path.endsWith("/ricerca")) {
            return "search " + path.substring(0, path.length() - "/ricerca".length());
        }
        if (call.method().equals("POST")) {
            return "create " + path;
        }
        String resource = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path;
        return call.method().toLowerCase(Locale.ROOT) + " " + resource;
    }

    private void account(HubClient hub, String account, MagentoSimulator shop) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("autoCodeArticles", true);
        settings.put("paymentMethods", SandboxConfiguration.settings().paymentMethods());
        settings.put("defaultCarrier", "1");
        settings.put("pageSize", 300);
        assertThat(hub.post("/api/accounts", Map.of("id", account, "name", account, "baseUrl", shop.baseUrl(),
                "storeCode", shop.storeCode(), "credentials", Map.of("mode", "BEARER", "accessToken", SHOP.accessToken()),
                "settings", settings)).status()).isEqualTo(201);
    }

    /** One account's order sync ("sync orders") and the partial ERP sync it feeds; both runs, once ended. */
    private SyncRuns.SyncRun[] importAndPush(HubClient hub, String account) {
        long orderRun = hub.post("/api/accounts/" + account + "/sync/orders", null).body().path("runId").asLong();
        SyncRuns.SyncRun imported = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.get(orderRun).orElseThrow(), r -> r.state() != SyncRuns.State.RUNNING);
        SyncRuns.SyncRun pushed = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.list(null, 5).stream().filter(r -> r.kind().equals(PartialErpSync.LOCK_KIND)
                                && r.trigger().equals("ORDER_SYNC " + orderRun)).findFirst().orElse(null),
                        r -> r != null && r.state() != SyncRuns.State.RUNNING);
        return new SyncRuns.SyncRun[] {imported, pushed};
    }
}
