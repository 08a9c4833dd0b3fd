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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Throughput of F1 against an ERP that takes 20 ms a call and serves 5 calls at once: 2,000 shop
 * orders from 500 customers over 300 SKUs (50 unknown to the ERP) are imported and pushed. Prints
 * orders per second and the ratio to the limit the 5-call cap sets:
 * (minimal ERP calls × latency / 5) / time taken. Minimal calls: per new customer a search and a
 * create, per unknown SKU a read, an alias search and a create, per order a create.
 *
 * <p>A smaller warm-up import of other customers and SKUs runs first, at no ERP latency, so the
 * measured run meets a warm JVM, as a hub that has been running does.
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

    static final MagentoSimulator.Credentials SHOP = new MagentoSimulator.Credentials("ck", "cs", "at", "ats", true);
    static final MagentoSimulator magento = MagentoSimulator.start(0, "it", SHOP,
            benchmarkShop(2026, ORDERS, CUSTOMERS, "bench", "BENCH"));
    /** A smaller shop of other customers and SKUs, imported first so the measured run meets a warm JVM. */
    static final MagentoSimulator warmUp = MagentoSimulator.start(0, "it", SHOP, benchmarkShop(7, 400, 100, "warmup", "WARM"));
    static final ErpSimulator erp = ErpSimulator.start(0, "SIN", new ErpSimulator.Credentials("bench", "bench-pw", null),
            CAP);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
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
    void importAndPushToTheErp() {
        for (String prefix : new String[] {"WARM", "BENCH"}) {
            for (int n = 0; n < SKUS - UNKNOWN_SKUS; n++) {
                articles.mirrorFromErp(sku(prefix, n), null, "Articolo " + n, "22", "pz");
                erp.addArticle(sku(prefix, n), "Articolo " + n, "22");
            }
        }
        HubClient hub = new HubClient(port);
        importAndPush(hub, "warmup", warmUp);
        int callsBefore = erp.callCount();
        long autoCodedBefore = articles.count(Articles.Origin.AUTO_CODED);
        erp.latency(LATENCY);

        long started = System.nanoTime();
        SyncRuns.SyncRun[] measured = importAndPush(hub, "bench", magento);
        double total = (System.nanoTime() - started) / 1e9;
        SyncRuns.SyncRun imported = measured[0];
        SyncRuns.SyncRun pushed = measured[1];

        double pushSeconds = Duration.between(pushed.startedAt(), pushed.finishedAt()).toMillis() / 1000.0;
        int unknownUsed = (int) (articles.count(Articles.Origin.AUTO_CODED) - autoCodedBefore);
        // a search and a create per new customer; a read, an alias search and a create per unknown SKU; a create per order
        int minimalCalls = CUSTOMERS * 2 + unknownUsed * 3 + pushed.ordersPushed();
        double limit = minimalCalls * LATENCY.toMillis() / 1000.0 / CAP;
        System.out.printf(Locale.ROOT, "%n=== Sincro ERP throughput benchmark ===%n"
                        + "orders %d, customers %d, SKUs %d (%d unknown, %d of them ordered), ERP latency %d ms, cap %d calls%n"
                        + "shop import: %d imported, %d held in %.1f s%n"
                        + "partial ERP sync: %d customers, %d articles, %d orders pushed in %.1f s (%d ERP calls made)%n"
                        + "orders per second into the ERP: %.1f (end to end: %.1f)%n"
                        + "limit set by the cap: %d minimal calls x %d ms / %d = %.1f s -> ratio %.2f (target >= 0.85)%n%n",
                ORDERS, CUSTOMERS, SKUS, UNKNOWN_SKUS, unknownUsed, LATENCY.toMillis(), CAP,
                imported.ordersImported(), imported.ordersHeld(), Duration.between(imported.startedAt(),
                        imported.finishedAt()).toMillis() / 1000.0,
                pushed.customersPushed(), pushed.articlesPushed(), pushed.ordersPushed(), pushSeconds,
                erp.callCount() - callsBefore,
                pushed.ordersPushed() / pushSeconds, pushed.ordersPushed() / total, minimalCalls, LATENCY.toMillis(), CAP,
                limit, limit / pushSeconds);
        assertThat(orders.count("bench", OrderState.STORED)).isEqualTo(pushed.ordersPushed());
    }

    /** One account's order sync and the partial ERP sync it triggers; both runs, once ended. */
    private SyncRuns.SyncRun[] importAndPush(HubClient hub, String account, MagentoSimulator shop) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("autoCodeArticles", true);
        settings.put("paymentMethods", SandboxConfiguration.settings().paymentMethods());
        settings.put("defaultCarrier", "1");
        settings.put("pageSize", 300);
        assertThat(hub.post("/api/accounts", Map.of("id", account, "name", account, "baseUrl", shop.baseUrl(),
                "storeCode", shop.storeCode(), "credentials", Map.of("mode", "BEARER", "accessToken", SHOP.accessToken()),
                "settings", settings)).status()).isEqualTo(201);
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
