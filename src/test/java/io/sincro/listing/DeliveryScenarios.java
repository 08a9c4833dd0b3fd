package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.store.ErpMirror;
import io.sincro.sync.ErpSyncRun;
import io.sincro.sync.ErpSyncs;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 13, the delivery, over real HTTP: sales lists whose account is the sandbox Magento simulator, the ERP
 * mirror written as an ERP sync writes it, the rule evaluation deciding the transactions and the delivery
 * (route {@code catalogue-delivery}) sending them through the account's catalogue channel. The simulator counts
 * the calls per endpoint (and the DELETEs, which must stay 0) and records their order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.listing.delivery.automatic=true", "sincro.listing.delivery.interval=3600000"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DeliveryScenarios {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger sequence = new AtomicInteger();
    static MagentoSimulator shop;

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    String prefix;
    ErpCatalogue catalogue;
    String account;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        int n = sequence.incrementAndGet();
        prefix = "D" + n + "-";
        catalogue = new ErpCatalogue(mirror, prefix);
        account = TestShops.magentoAccount(hub, shop, "delivery-shop-" + n, Map.of("catalogue",
                Map.of("inventory", "MSI", "callsPerSecond", 1000, "maxConcurrentCalls", 4)));
        shop.resetFaults();
        shop.clearCalls();
        shop.clearRequests();
    }

    @AfterEach
    void neverADelete() {
        assertThat(shop.deleteCalls()).as("DELETE calls the hub made").isZero();
    }

    @BeforeAll
    static void startShop() {
        shop = MagentoSimulator.start(0, "it", TestShops.SHOP, new SandboxShop());
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    // --------------------------------------------------------------------------------- seed 004 example

    @Test
    void seedExampleAfterTheSyncOneUpdateEachForAbAndCAndOneStockCallForCAndDThenNothing() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe", "C", "green shoe", "D", "white shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true, "inStock", true), Map.of("enabled", true, "quantity",
                "ALWAYS")), rule("code starts with \"" + prefix + "\"", "STOP_ON_MARKETPLACE", "MODIFY_ON_MARKETPLACE",
                false));
        JsonNode first = deliver(list);
        assertThat(first.path("done").asInt()).as(first.toString()).isEqualTo(4);
        assertThat(shop.calls("POST /V1/products")).isEqualTo(4);
        assertThat(shop.product(prefix + "A").path("name").asText()).isEqualTo("red shoe");
        assertThat(items(list)).allSatisfy(i -> assertThat(i.path("state").asText()).isEqualTo("PUBLISHED"));
        shop.clearCalls();
        shop.clearRequests();

        // A and B change in description, C in description and quantity, D only in quantity; the sync's end
        // starts the rule evaluation, which hands over to the delivery
        mirror.upsertArticles(List.of(catalogue.article("A", "red shoe, leather"), catalogue.article("B", "blue shoe, leather"),
                catalogue.article("C", "green shoe, leather")), 2);
        mirror.upsertStock(List.of(catalogue.stock("C", 3), catalogue.stock("D", 12)));
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(2, ErpSyncs.Kind.DELTA));

        await().atMost(Duration.ofSeconds(30)).until(() -> transactions(list, "DONE").size() == 9);
        assertThat(transactions(list, "PENDING")).isEmpty();
        assertThat(shop.calls("PUT /V1/products/{sku}")).isEqualTo(3);
        assertThat(shop.requests()).filteredOn(r -> r.method().equals("PUT"))
                .extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder(prefix + "A", prefix + "B", prefix + "C");
        assertThat(shop.calls("POST /V1/inventory/source-items")).isEqualTo(1);
        JsonNode stockCall = shop.requests().stream().filter(r -> r.path().endsWith("/V1/inventory/source-items"))
                .findFirst().orElseThrow().bodyJson();
        assertThat(stockCall.path("sourceItems")).extracting(s -> s.path("sku").asText())
                .containsExactlyInAnyOrder(prefix + "C", prefix + "D");
        assertThat(shop.calls("POST /V1/products")).isZero();
        assertThat(shop.product(prefix + "A").toString()).contains("red shoe, leather");
        assertThat(shop.sourceQuantity(prefix + "C", "default")).isEqualByComparingTo("3");
        assertThat(shop.sourceQuantity(prefix + "D", "default")).isEqualByComparingTo("12");
        JsonNode itemC = items(list).stream().filter(i -> i.path("articleCode").asText().equals(prefix + "C"))
                .findFirst().orElseThrow();
        assertThat(itemC.path("publishedQuantity").decimalValue()).isEqualByComparingTo("3");
        assertThat(hub.get("/api/lists/" + list + "/log?article=" + prefix + "C").text())
                .contains("done by the shop").contains("attempt 1");

        // the next sync, with nothing changed, sends nothing
        shop.clearCalls();
        shop.clearRequests();
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(3, ErpSyncs.Kind.DELTA));
        assertThat(deliver(list).path("sent").asInt()).isZero();
        assertThat(shop.requests()).isEmpty();
    }

    // ------------------------------------------------------------------------------ stop before remove

    @Test
    void anArticleLeavingTheErpIsDisabledInTheShopThenRemovedFromTheListNeverDeleted() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"",
                "STOP_ON_MARKETPLACE", "NONE", false));
        deliver(list);
        assertThat(shop.product(prefix + "A").path("status").asInt()).isEqualTo(1);

        // a full sync that sees only B: A is gone from the ERP
        long fullSync = 99_000 + sequence.get();
        mirror.upsertArticles(List.of(catalogue.article("B", "blue shoe")), fullSync);
        jdbc.sql("UPDATE article SET seen_run = ? WHERE code NOT LIKE ?").params(fullSync, prefix + "%").update();
        mirror.markUnseenRemoved(fullSync);
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(fullSync, ErpSyncs.Kind.FULL));

        await().atMost(Duration.ofSeconds(30)).until(() -> codes(list).equals(List.of(prefix + "B")));
        assertThat(shop.product(prefix + "A").path("status").asInt()).as("disabled in the shop").isEqualTo(2);
        assertThat(shop.product(prefix + "B").path("status").asInt()).isEqualTo(1);
        assertThat(shop.deleteCalls()).isZero();
        assertThat(transactions(list, "DONE")).extracting(t -> t.path("kind").asText() + " "
                + t.path("articleCode").asText()).contains("STOP " + prefix + "A");
    }

    // ---------------------------------------------------------------------------------- awaiting link

    @Test
    void anArticleAlreadyInTheShopIsLinkedBySkuThenRevisedNeverCreated() {
        ObjectNode merchants = JSON.createObjectNode().put("sku", prefix + "A").put("name", "the merchant's shoe")
                .put("price", 9.5).put("attribute_set_id", 4);
        String platformId = shop.addProduct(merchants).path("id").asText();
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true, "inStock", true), Map.of("enabled", true, "quantity",
                "ALWAYS")), rule("code starts with \"" + prefix + "\"", "NONE", "MODIFY_ON_MARKETPLACE", true));
        assertThat(items(list)).extracting(i -> i.path("state").asText()).containsExactly("AWAITING_LINK");
        deliver(list);

        // the ERP's quantity and description change: the item is linked by its SKU, then revised
        mirror.upsertStock(List.of(catalogue.stock("A", 7)));
        mirror.upsertArticles(List.of(catalogue.article("A", "red shoe, leather")), 2);
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(2, ErpSyncs.Kind.DELTA));

        await().atMost(Duration.ofSeconds(30)).until(() -> transactions(list, "DONE").size() >= 2);
        JsonNode item = items(list).get(0);
        assertThat(item.path("state").asText()).isEqualTo("PUBLISHED");
        assertThat(item.path("platformId").asText()).isEqualTo(platformId);
        assertThat(shop.calls("POST /V1/products")).as("never created").isZero();
        assertThat(shop.products()).filteredOn(p -> p.path("sku").asText().equalsIgnoreCase(prefix + "A")).hasSize(1);
        assertThat(shop.sourceQuantity(prefix + "A", "default")).isEqualByComparingTo("7");
        assertThat(shop.product(prefix + "A").toString()).contains("red shoe, leather");
    }

    // ----------------------------------------------------------------------------------------- urgency

    @Test
    void withAThousandPublishAndTenStopPendingTheTenStopsAreSentFirst() {
        Map<String, String> first = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            first.put("S" + i, "shoe " + i);
        }
        catalogue.write(first, 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix
                + "\" and description contains \"shoe\"", "STOP_ON_MARKETPLACE", "NONE", false));
        deliver(list);
        assertThat(shop.calls("POST /V1/products")).isEqualTo(10);

        // the ten leave the filter (a STOP each) while a thousand new articles come in (a PUBLISH each)
        Map<String, String> more = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            more.put(String.format("P%04d", i), "new shoe " + i);
        }
        catalogue.write(more, 5, "10");
        mirror.upsertArticles(first.keySet().stream().map(code -> catalogue.article(code, "bag")).toList(), 3);
        shop.clearCalls();
        shop.clearRequests();
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(3, ErpSyncs.Kind.DELTA));

        await().atMost(Duration.ofSeconds(240)).until(() -> codes(list).size() == 1000
                && transactions(list, "PENDING").isEmpty());
        List<MagentoSimulator.RecordedRequest> writes = shop.requests().stream()
                .filter(r -> !r.method().equals("GET")).toList();
        assertThat(writes).hasSizeGreaterThanOrEqualTo(1010);
        assertThat(writes.subList(0, 10)).allSatisfy(w -> {
            assertThat(w.method()).isEqualTo("PUT");
            assertThat(w.path()).contains("/V1/products/" + prefix + "S");
            assertThat(w.bodyJson().path("product").path("status").asInt()).isEqualTo(2);
        });
        assertThat(shop.calls("POST /V1/products")).isEqualTo(1000);
        assertThat(shop.products()).filteredOn(p -> p.path("sku").asText().startsWith(prefix)).hasSize(1010);
    }

    // ------------------------------------------------------------------------------ refusal and replay

    @Test
    void aRefusalMarksTheItemProblemWithTheShopsMessageAndAReplaySendsItAgain() {
        HubClient.Response patched = hub.patch("/api/accounts/" + account, Map.of("settings", Map.of("catalogue",
                Map.of("attributeSetId", 99))));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"", "NONE",
                "NONE", false));

        JsonNode refused = deliver(list);

        assertThat(refused.path("refused").asInt()).as(refused.toString()).isEqualTo(1);
        assertThat(items(list).get(0).path("state").asText()).isEqualTo("PROBLEM");
        JsonNode failed = transactions(list, "FAILED").get(0);
        assertThat(failed.path("result").asText()).contains("HTTP 400").contains("attribute set");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(hub.get("/api/lists/" + list + "/log?article=" + prefix + "A").body().get(0).path("message")
                .asText()).contains("refused by the shop").contains("attribute set");
        assertThat(shop.product(prefix + "A")).isNull();
        assertThat(hub.post("/api/lists/" + list + "/items/" + prefix + "A/retry", null).status())
                .as("nothing is sent again by itself: the replay is asked for").isEqualTo(200);
        assertThat(hub.post("/api/lists/" + list + "/items/" + prefix + "A/retry", null).status())
                .as("a second replay finds nothing refused").isEqualTo(409);
        assertThat(hub.post("/api/lists/" + list + "/items/NOPE/retry", null).status()).isEqualTo(404);

        // the merchant fixes the account, the replayed transaction goes out with the next delivery
        hub.patch("/api/accounts/" + account, Map.of("settings", Map.of("catalogue", Map.of("attributeSetId", 4))));
        JsonNode replayed = deliver(list);

        assertThat(replayed.path("done").asInt()).as(replayed.toString()).isEqualTo(1);
        assertThat(items(list).get(0).path("state").asText()).isEqualTo("PUBLISHED");
        assertThat(transactions(list, "DONE").get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(shop.product(prefix + "A").path("status").asInt()).isEqualTo(1);
    }

    @Test
    void aRateLimitLeavesTheTransactionPendingWithTheReasonUntilTheShopsRetryAfterHasPassed() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"", "NONE",
                "NONE", false));
        shop.rateLimit(1, 2);

        JsonNode limited = deliver(list);
        JsonNode tooEarly = deliver(list);

        assertThat(limited.path("retryLater").asInt()).as(limited.toString()).isEqualTo(1);
        assertThat(tooEarly.path("sent").asInt()).as("the shop's Retry-After is honoured").isZero();
        JsonNode pending = transactions(list, "PENDING").get(0);
        assertThat(pending.path("result").asText()).contains("HTTP 429").contains("not before 2 s");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> deliver(list).path("done").asInt() == 1);
        assertThat(shop.calls("POST /V1/products")).isEqualTo(1);
        assertThat(transactions(list, "DONE").get(0).path("attempts").asInt()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------ crash safety

    @Test
    void aCreateCommittedButUnansweredIsResentAsALinkNotADuplicate() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"", "NONE",
                "NONE", false));
        shop.failAfterCommit(1);

        JsonNode lost = deliver(list);
        assertThat(lost.path("retryLater").asInt()).as(lost.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> deliver(list).path("done").asInt() == 1);

        assertThat(shop.calls("POST /V1/products")).isEqualTo(1);
        assertThat(shop.productOverwrites()).isZero();
        assertThat(items(list).get(0).path("platformId").asText())
                .isEqualTo(shop.product(prefix + "A").path("id").asText());
        assertThat(hub.get("/api/lists/" + list + "/log?article=" + prefix + "A").text())
                .contains("linked to the product the shop already had");
        assertThat(hub.get("/api/lists/" + list + "/items/" + prefix + "A/log").text())
                .contains("linked to the product the shop already had");
    }

    @Test
    void aTransactionACrashLeftSentIsResentWithoutADuplicateProduct() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"", "NONE",
                "NONE", false));
        // as after a crash between the shop's create and the stored outcome: SENT, and the shop has A
        jdbc.sql("UPDATE listing_transaction SET state = 'SENT', pending_key = NULL, attempts = 1 WHERE list_id = ? "
                + "AND state = 'PENDING'").params(list).update();
        String created = shop.addProduct(JSON.createObjectNode().put("sku", prefix + "A").put("name", "red shoe")
                .put("price", 10).put("attribute_set_id", 4)).path("id").asText();

        JsonNode resent = deliver(list);

        assertThat(resent.path("done").asInt()).as(resent.toString()).isEqualTo(2);
        assertThat(shop.calls("POST /V1/products")).as("only B is created").isEqualTo(1);
        assertThat(shop.products()).filteredOn(p -> p.path("sku").asText().startsWith(prefix)).hasSize(2);
        assertThat(items(list)).filteredOn(i -> i.path("articleCode").asText().equals(prefix + "A"))
                .extracting(i -> i.path("platformId").asText()).containsExactly(created);
        assertThat(transactions(list, "DONE")).extracting(t -> t.path("attempts").asInt()).containsOnly(2);
    }

    @Test
    void aTransactionAnotherLiveNodeIsSendingIsLeftToItAndResentOnlyOnceThatNodeIsGone() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null), rule("code starts with \"" + prefix + "\"", "NONE",
                "NONE", false));
        String other = "other-node#" + prefix;
        jdbc.sql("INSERT INTO hub_node (incarnation, node, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                .params(other, "other-node", OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        // the other node marked it SENT and its call to the shop is under way
        jdbc.sql("UPDATE listing_transaction SET state = 'SENT', pending_key = NULL, attempts = 1, sent_by = ? "
                + "WHERE list_id = ? AND state = 'PENDING'").params(other, list).update();

        JsonNode whileAlive = deliver(list);

        assertThat(whileAlive.path("sent").asInt()).as(whileAlive.toString()).isZero();
        assertThat(shop.calls("POST /V1/products")).isZero();

        // its heartbeat stops: past the lease, the outcome is unknown and the transaction is resent
        jdbc.sql("UPDATE hub_node SET heartbeat_at = ? WHERE incarnation = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), other).update();

        JsonNode afterDeath = deliver(list);

        assertThat(afterDeath.path("done").asInt()).as(afterDeath.toString()).isEqualTo(1);
        assertThat(shop.calls("POST /V1/products")).isEqualTo(1);
        jdbc.sql("DELETE FROM hub_node WHERE incarnation = ?").params(other).update();
    }

    // -------------------------------------------------------------------------------------- helpers

    JsonNode deliver(long list) {
        HubClient.Response answer = hub.post("/api/lists/" + list + "/deliver", null);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    List<JsonNode> transactions(long list, String state) {
        HubClient.Response answer = hub.get("/api/lists/" + list + "/transactions?limit=5000&state=" + state);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return StreamSupport.stream(answer.body().spliterator(), false).toList();
    }

    List<JsonNode> items(long list) {
        return StreamSupport.stream(hub.get("/api/lists/" + list + "/items").body().spliterator(), false).toList();
    }

    List<String> codes(long list) {
        return items(list).stream().map(i -> i.path("articleCode").asText()).sorted().toList();
    }

    long listing(Map<String, Object> publish, Map<String, Object> revise) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("publish", publish);
        rules.put("revise", revise);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "listing " + prefix);
        body.put("accountId", account);
        body.put("storeCode", "it");
        body.put("fields", List.of("code", "description"));
        body.put("warehouses", List.of(1));
        body.put("quantity", Map.of("kind", "PERCENT", "percent", 100));
        body.put("price", Map.of("priceList", 1));
        body.put("syncRules", rules);
        HubClient.Response created = hub.post("/api/listings", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    long rule(String filter, String removal, String update, boolean treatAsOnSale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "rule " + prefix);
        body.put("marketplace", "MAGENTO");
        body.put("articleFilter", filter);
        body.put("addAction", "ADD_TO_LIST");
        body.put("removalAction", removal);
        body.put("updateAction", update);
        body.put("treatAsOnSale", treatAsOnSale);
        HubClient.Response created = hub.post("/api/sales-rules", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    long list(long listing, long rule) {
        HubClient.Response created = hub.post("/api/lists", Map.of("name", "list " + prefix, "listingId", listing,
                "ruleId", rule));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }
}
