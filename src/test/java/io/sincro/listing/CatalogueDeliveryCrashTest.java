package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubProcess;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hub process killed (SIGKILL) in the middle of delivering 500 PUBLISH transactions to the Magento simulator,
 * started again on the same store: after the next delivery every product exists once in the shop (the ones
 * whose create was in flight are linked, not created again), and no duplicate reaches the log as a failure.
 */
class CatalogueDeliveryCrashTest {

    static final int ARTICLES = 500;
    static EmbeddedPostgresDatabase postgres;
    static ErpSimulator erp;
    static MagentoSimulator shop;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresDatabase.start();
        erp = TestShops.startErp();
        erp.generateArticles(ARTICLES);
        shop = MagentoSimulator.start(0, "it", TestShops.SHOP, new SandboxShop());
    }

    @AfterAll
    static void stop() throws Exception {
        shop.close();
        erp.close();
        postgres.close();
    }

    static final String SECRETS_KEY = TestShops.secretsKey();

    static Map<String, String> hub() {
        Map<String, String> properties = new HashMap<>(TestShops.erpProperties(erp.baseUrl()));
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("sincro.node-id", "delivery-crash-node");
        properties.put("sincro.secrets.key", SECRETS_KEY);
        properties.put("sincro.mail.enabled", "false");
        properties.put("sincro.listing.delivery.automatic", "false");
        return properties;
    }

    @Test
    void aHubKilledInTheMiddleOf500PublishLeavesEveryProductOnceAfterItStartsAgain() {
        long list;
        try (HubProcess hub = HubProcess.start("delivery-crash", hub())) {
            HubClient client = hub.client();
            HubClient.Response sync = client.post("/api/erp/sync/full", null);
            assertThat(sync.status()).as(sync.text()).isEqualTo(202);
            client.awaitRun(sync.body().path("runId").asLong());
            String account = TestShops.magentoAccount(client, shop, "crash-catalogue", Map.of("catalogue",
                    Map.of("inventory", "MSI", "callsPerSecond", 1000)));
            list = list(client, account);
            assertThat(pending(client, list)).hasSize(ARTICLES);

            // each call takes a while, so calls are in flight whenever the hub is killed
            shop.latency(Duration.ofMillis(15));
            CompletableFuture.runAsync(() -> {
                try {
                    client.post("/api/lists/" + list + "/deliver", null);
                } catch (RuntimeException killed) {
                    // the answer never comes: the hub is killed meanwhile
                }
            });
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> shop.calls("POST /V1/products") >= ARTICLES / 3);
            hub.kill();
        }
        long createdAtKill = shop.calls("POST /V1/products");
        assertThat(createdAtKill).as("killed in the middle").isLessThan(ARTICLES);
        shop.resetFaults();

        try (HubProcess hub = HubProcess.start("delivery-crash-again", hub())) {
            HubClient client = hub.client();
            JsonNode delivered = client.post("/api/lists/" + list + "/deliver", null).body();

            assertThat(delivered.path("done").asInt()).as(delivered.toString())
                    .isEqualTo(delivered.path("sent").asInt());
            assertThat(transactions(client, list, "DONE")).hasSize(ARTICLES);
            assertThat(transactions(client, list, "FAILED")).isEmpty();
            assertThat(pending(client, list)).isEmpty();
            Map<String, Long> products = shop.products().stream().map(p -> p.path("sku").asText().toUpperCase())
                    .collect(Collectors.groupingBy(sku -> sku, Collectors.counting()));
            assertThat(products).as("every product once").hasSize(ARTICLES)
                    .allSatisfy((sku, count) -> assertThat(count).as(sku).isEqualTo(1L));
            assertThat(shop.productOverwrites()).as("no create named a SKU the shop had").isZero();
            assertThat(shop.calls("POST /V1/products")).isEqualTo(ARTICLES);
            JsonNode log = client.get("/api/lists/" + list + "/log?limit=10000").body();
            assertThat(StreamSupport.stream(log.spliterator(), false).filter(e -> e.path("errors").asInt() > 0)
                    .map(e -> e.path("message").asText()).toList()).as("no failure in the log").isEmpty();
            assertThat(shop.deleteCalls()).isZero();
        }
    }

    static long list(HubClient client, String account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "everything");
        body.put("accountId", account);
        body.put("storeCode", "it");
        body.put("fields", List.of("code", "description"));
        body.put("warehouses", List.of(1));
        body.put("quantity", Map.of("kind", "PERCENT", "percent", 100));
        body.put("price", Map.of("priceList", 1));
        body.put("syncRules", Map.of("publish", Map.of("enabled", true)));
        HubClient.Response listing = client.post("/api/listings", body);
        assertThat(listing.status()).as(listing.text()).isEqualTo(201);
        Map<String, Object> rule = new HashMap<>(Map.of("name", "all", "marketplace", "MAGENTO", "articleFilter", "",
                "addAction", "ADD_TO_LIST", "removalAction", "NONE", "updateAction", "NONE", "treatAsOnSale", false));
        HubClient.Response list = client.post("/api/lists", Map.of("name", "all", "listingId",
                listing.body().path("id").asLong(), "rule", rule));
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        return list.body().path("id").asLong();
    }

    static List<JsonNode> pending(HubClient client, long list) {
        return transactions(client, list, "PENDING");
    }

    static List<JsonNode> transactions(HubClient client, long list, String state) {
        HubClient.Response answer = client.get("/api/lists/" + list + "/transactions?limit=5000&state=" + state);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return StreamSupport.stream(answer.body().spliterator(), false).toList();
    }
}
