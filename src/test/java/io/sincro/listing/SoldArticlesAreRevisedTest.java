package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.OrderState;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.store.ErpMirror;
import io.sincro.store.Orders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * F1 step 5 over the sandbox shop and ERP: a partial sync that brought sold orders into the ERP has the sold
 * articles' quantities re-evaluated, and the listed ones whose listing revises quantities get a QUANTITY
 * transaction with what is left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SoldArticlesAreRevisedTest {

    static final MagentoSimulator magento = MagentoSimulator.start(0, "it", TestShops.SHOP,
            SandboxShop.generate(23, 30, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    static final ErpSimulator erp = TestShops.startErp();
    static final BigDecimal STOCK = BigDecimal.valueOf(1000);

    static {
        TestShops.stockErp(erp, magento);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
        registry.add("sincro.mail.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    RuleEvaluation evaluation;
    @Autowired
    Orders orders;

    @Test
    void afterAPartialSyncWithSoldOrdersTheListedSoldArticlesGetQuantityTransactions() {
        HubClient hub = new HubClient(port);
        // the hub knows the catalogue from an ERP sync: 1000 of each in warehouse 1, at 10 in price list 1
        List<ErpMirror.ErpArticle> articles = magento.shop().catalogue().stream()
                .map(item -> new ErpMirror.ErpArticle(item.sku(), item.name(), "22", "pz", null, null)).toList();
        mirror.upsertArticles(articles, 1);
        mirror.upsertPrices(articles.stream().map(a -> new ErpMirror.Price(a.code(), 1, BigDecimal.TEN)).toList());
        mirror.upsertStock(articles.stream().map(a -> new ErpMirror.Stock(a.code(), 1, STOCK, STOCK, null)).toList());
        String account = TestShops.magentoAccount(hub, magento, "sold-shop", Map.of());
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("name", "everything on the shop");
        listing.put("accountId", account);
        listing.put("storeCode", "it");
        listing.put("fields", List.of("code", "description"));
        listing.put("warehouses", List.of(1));
        listing.put("quantity", Map.of("kind", "PERCENT", "percent", 100));
        listing.put("price", Map.of("priceList", 1));
        listing.put("syncRules", Map.of("publish", Map.of("enabled", true, "inStock", true),
                "revise", Map.of("enabled", true, "quantity", "ALWAYS")));
        long listingId = hub.post("/api/listings", listing).body().path("id").asLong();
        Map<String, Object> rule = new HashMap<>(Map.of("name", "all", "marketplace", "MAGENTO", "articleFilter", "",
                "addAction", "ADD_TO_LIST", "removalAction", "NONE", "updateAction", "NONE", "treatAsOnSale", false));
        HubClient.Response list = hub.post("/api/lists", Map.of("name", "all", "listingId", listingId, "rule", rule));
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        long listId = list.body().path("id").asLong();
        for (JsonNode publish : hub.get("/api/lists/" + listId + "/transactions?state=PENDING").body()) {
            evaluation.done(publish.path("id").asLong(), "m-" + publish.path("articleCode").asText());
        }

        HubClient.Response run = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        hub.awaitRun(run.body().path("runId").asLong());
        await().atMost(Duration.ofSeconds(120)).until(() -> orders.count(account, OrderState.NEW) == 0
                && orders.count(account, OrderState.STORED) > 0);

        Map<String, BigDecimal> sold = new HashMap<>();
        for (Orders.StoredOrder stored : orders.find(account, OrderState.STORED, 10_000, 0)) {
            orders.get(stored.id()).orElseThrow().lines().stream().filter(l -> l.kind().equals("ARTICLE"))
                    .forEach(l -> sold.merge(l.articleCode(), l.quantity(), BigDecimal::add));
        }
        Map<String, BigDecimal> expected = new HashMap<>();
        java.util.Set<String> listed = new java.util.HashSet<>(articles.stream().map(ErpMirror.ErpArticle::code).toList());
        // articles the hub coded from the orders were not in the list when it was published
        sold.forEach((code, quantity) -> {
            if (listed.contains(code)) {
                expected.put(code, STOCK.subtract(quantity));
            }
        });
        assertThat(expected).isNotEmpty();
        Map<String, BigDecimal> revised = await().atMost(Duration.ofSeconds(60)).until(() -> quantities(hub, listId),
                q -> q.keySet().containsAll(expected.keySet()));
        assertThat(revised).allSatisfy((code, quantity) -> assertThat(quantity)
                .isEqualByComparingTo(expected.get(code)));
        assertThat(revised.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    static Map<String, BigDecimal> quantities(HubClient hub, long listId) {
        Map<String, BigDecimal> quantities = new HashMap<>();
        StreamSupport.stream(hub.get("/api/lists/" + listId + "/transactions?state=PENDING").body().spliterator(), false)
                .filter(t -> t.path("kind").asText().equals("QUANTITY"))
                .forEach(t -> quantities.put(t.path("articleCode").asText(), t.path("values").path("quantity")
                        .decimalValue()));
        return quantities;
    }
}
