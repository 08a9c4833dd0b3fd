package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.sandbox.prestashop.WsRow;
import io.sincro.store.ErpMirror;
import io.sincro.sync.ErpSyncRun;
import io.sincro.sync.ErpSyncs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A sales list delivered to a multistore PrestaShop account (shop 2 of shops 1 and 2, each with its own
 * stock): the listing transactions link the products the merchant already sells in both shops (by reference,
 * setting their quantity) and revise one's quantity and price, and only shop 2's stock and product fields
 * change; shop 1 keeps its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.listing.delivery.automatic=true", "sincro.listing.delivery.interval=3600000"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HsqldbPrestaShopMultistoreDeliveryTest {

    static final String KEY = "SANDBOXKEY0000000000000000000042";
    static final long SHOP_1 = SandboxPrestaShop.SHOP_ID;
    static final long SHOP_2 = 2;
    static final String PREFIX = "MS-";

    static PrestaShopSimulator simulator;
    static PrestaShopShop data;

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    ApplicationEventPublisher events;

    @BeforeAll
    static void startShop() {
        data = SandboxPrestaShop.generate(42, 10, LocalDateTime.now(PrestaShopShop.SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS),
                SandboxPrestaShop.StateIds.freshInstall());
        // the merchant sells A and B in shop 1 (50 each), then opens shop 2 with the whole catalogue (40 each)
        for (String code : List.of("A", "B")) {
            WsRow product = data.insert("products", new WsRow().set("reference", PREFIX + code).set("name", "shoe " + code)
                    .set("price", "20.000000").set("active", 1).set("state", 1).set("visibility", "both")
                    .set("available_for_order", 1).set("show_price", 1).set("id_category_default", 2)
                    .set("id_shop_default", SHOP_1).set("type", "simple").set("condition", "new")
                    .set("link_rewrite", "shoe-" + code.toLowerCase()).set("manufacturer_name", ""));
            data.insert("stock_availables", new WsRow().set("id_product", product.id()).set("id_product_attribute", 0)
                    .set("id_shop", SHOP_1).set("id_shop_group", 0).set("quantity", 50).set("depends_on_stock", 0)
                    .set("out_of_stock", 2).set("location", ""));
        }
        data.openShop(SHOP_2, SHOP_1, 40);
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY).onShops(SHOP_1, SHOP_2)), data);
    }

    @AfterAll
    static void stopShop() {
        simulator.close();
    }

    @Test
    void theListingTransactionsOfShopTwosAccountChangeOnlyShopTwosStockAndProducts() {
        HubClient hub = new HubClient(port);
        String account = "ps-multistore";
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("paymentMethods", Map.of("ps_wirepayment", "2"));
        settings.put("prestashop", Map.of("shopId", SHOP_2));
        settings.put("catalogue", Map.of("callsPerSecond", 1000, "maxConcurrentCalls", 4));
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", account, "name", "Negozio 2",
                "platform", "PRESTASHOP", "baseUrl", simulator.baseUrl(), "credentials", Map.of("webserviceKey", KEY),
                "settings", settings));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        ErpCatalogue catalogue = new ErpCatalogue(mirror, PREFIX);
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(hub, account);
        simulator.clearRequests();

        JsonNode first = post(hub, "/api/lists/" + list + "/deliver");
        // the ERP's quantity and price of A change: the next sync's rule evaluation revises A in the shop
        mirror.upsertStock(List.of(catalogue.stock("A", 7)));
        mirror.upsertPrices(List.of(new ErpMirror.Price(PREFIX + "A", 1, new BigDecimal("12"))));
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(2, ErpSyncs.Kind.DELTA));
        await().atMost(Duration.ofSeconds(30)).until(() -> quantity("A", SHOP_2).equals("7")
                && new BigDecimal(product("A", SHOP_2).get("price")).compareTo(new BigDecimal("20")) != 0);

        assertThat(first.toString()).doesNotContain("PROBLEM");
        assertThat(items(hub, list)).extracting(i -> i.path("state").asText()).containsOnly("PUBLISHED");
        assertThat(quantity("B", SHOP_2)).as("linked, and its quantity set").isEqualTo("5");
        assertThat(simulator.calls("POST", "products")).as("linked by reference, never created").isZero();
        // shop 1 as the merchant left it
        assertThat(quantity("A", SHOP_1)).isEqualTo("50");
        assertThat(quantity("B", SHOP_1)).isEqualTo("50");
        assertThat(product("A", SHOP_1).get("price")).isEqualTo("20.000000");
        assertThat(simulator.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.query())
                .as(r.method() + " " + r.path()).containsEntry("id_shop", String.valueOf(SHOP_2)));
    }

    String quantity(String code, long shop) {
        long id = data.productByReference(PREFIX + code).orElseThrow().id();
        return data.where("stock_availables", s -> s.getLong("id_product") == id && s.getLong("id_product_attribute") == 0
                && s.getLong("id_shop") == shop).get(0).get("quantity");
    }

    WsRow product(String code, long shop) {
        long id = data.productByReference(PREFIX + code).orElseThrow().id();
        return data.productInShop(id, shop, SHOP_1).orElseThrow();
    }

    static JsonNode post(HubClient hub, String path) {
        HubClient.Response answer = hub.post(path, null);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    static List<JsonNode> items(HubClient hub, long list) {
        return StreamSupport.stream(hub.get("/api/lists/" + list + "/items").body().spliterator(), false).toList();
    }

    static long list(HubClient hub, String account) {
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("name", "listing " + PREFIX);
        listing.put("accountId", account);
        listing.put("storeCode", "default");
        listing.put("fields", List.of("code", "description"));
        listing.put("warehouses", List.of(1));
        listing.put("quantity", Map.of("kind", "PERCENT", "percent", 100));
        listing.put("price", Map.of("priceList", 1));
        listing.put("syncRules", Map.of("publish", Map.of("enabled", true, "inStock", true),
                "revise", Map.of("enabled", true, "quantity", "ALWAYS", "price", "ALWAYS")));
        HubClient.Response createdListing = hub.post("/api/listings", listing);
        assertThat(createdListing.status()).as(createdListing.text()).isEqualTo(201);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "rule " + PREFIX);
        rule.put("marketplace", "PRESTASHOP");
        rule.put("articleFilter", "code starts with \"" + PREFIX + "\"");
        rule.put("addAction", "ADD_TO_LIST");
        rule.put("removalAction", "STOP_ON_MARKETPLACE");
        rule.put("updateAction", "MODIFY_ON_MARKETPLACE");
        rule.put("treatAsOnSale", false);
        HubClient.Response createdRule = hub.post("/api/sales-rules", rule);
        assertThat(createdRule.status()).as(createdRule.text()).isEqualTo(201);
        HubClient.Response createdList = hub.post("/api/lists", Map.of("name", "list " + PREFIX, "listingId",
                createdListing.body().path("id").asLong(), "ruleId", createdRule.body().path("id").asLong()));
        assertThat(createdList.status()).as(createdList.text()).isEqualTo(201);
        return createdList.body().path("id").asLong();
    }
}
