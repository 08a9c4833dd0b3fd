package io.sincro.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.store.ErpMirror;
import io.sincro.sync.ErpSyncRun;
import io.sincro.sync.ErpSyncs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
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
 * Flow F5 over real HTTP and a real database: listings, sales rules and sales lists through the API, the ERP
 * mirror journalling what changed, and the rule-evaluation route deciding the transactions after an ERP sync.
 * Articles are written as an ERP sync writes them ({@link ErpMirror}); delivery to a shop is stood in for by
 * {@link RuleEvaluation#done} (what the delivery will call when the shop has done a transaction).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ListingScenarios {

    static final AtomicInteger sequence = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    RuleEvaluation evaluation;
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
        prefix = "T" + n + "-";
        catalogue = new ErpCatalogue(mirror, prefix);
        account = "listing-shop-" + n;
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", account, "name", "Shop " + n,
                "platform", "MAGENTO", "baseUrl", "https://shop" + n + ".example.it", "storeCode", "it",
                "credentials", Map.of("mode", "BEARER", "accessToken", "token-" + n)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    // --------------------------------------------------------------------------------- seed 004 example

    @Test
    void seedExampleOneModifyForAbAndCAndOneQuantityForCAndDNothingElse() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe", "C", "green shoe", "D", "white shoe"), 5, "10");
        long listing = listing(Map.of("enabled", true, "inStock", true),
                Map.of("enabled", true, "quantity", "ALWAYS"), null);
        long rule = rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "STOP_ON_MARKETPLACE",
                "MODIFY_ON_MARKETPLACE", false);
        long list = list(listing, rule);
        assertThat(pending(list)).extracting(this::kindAndArticle)
                .containsExactlyInAnyOrder("PUBLISH A", "PUBLISH B", "PUBLISH C", "PUBLISH D");
        deliverAll(list);

        // A and B change in description, C in description and quantity, D only in quantity (a production load)
        mirror.upsertArticles(List.of(catalogue.article("A", "red shoe, leather"), catalogue.article("B", "blue shoe, leather"),
                catalogue.article("C", "green shoe, leather")), 2);
        mirror.upsertStock(List.of(catalogue.stock("C", 3), catalogue.stock("D", 12)));
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(2, ErpSyncs.Kind.DELTA));

        List<JsonNode> decided = await().atMost(Duration.ofSeconds(30)).until(() -> pending(list), p -> p.size() >= 5);
        assertThat(decided).extracting(this::kindAndArticle)
                .containsExactly("QUANTITY C", "QUANTITY D", "MODIFY A", "MODIFY B", "MODIFY C");
        assertThat(decided.get(0).path("values").path("quantity").asInt()).isEqualTo(3);
        assertThat(decided.get(1).path("values").path("quantity").asInt()).isEqualTo(12);
        assertThat(decided.get(2).path("values").path("content").path("description").asText())
                .isEqualTo("red shoe, leather");
        assertThat(decided.get(2).path("reason").asText()).contains("update action").contains("content");
        assertThat(decided.get(0).path("reason").asText()).contains("revise rule (quantity, always)");

        // deciding again changes nothing: one pending transaction per item and kind
        mirror.upsertStock(List.of(catalogue.stock("D", 12)));
        evaluation.record(evaluation.applySyncRules(evaluation.updateSalesLists(evaluation.changedArticles())));
        assertThat(pending(list)).hasSize(5);
        assertThat(hub.get("/api/lists/" + list + "/log?article=" + prefix + "C").body()).isNotEmpty();
    }

    @Test
    void aNewerDecisionSupersedesTheUnsentOlderOne() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true, "inStock", true), Map.of("enabled", true, "quantity",
                "ALWAYS"), null), rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE", "NONE", false));
        deliverAll(list);

        mirror.upsertStock(List.of(catalogue.stock("A", 4)));
        evaluateNow();
        mirror.upsertStock(List.of(catalogue.stock("A", 2)));
        evaluateNow();

        assertThat(pending(list)).extracting(t -> kindAndArticle(t) + " " + t.path("values").path("quantity").asInt())
                .containsExactly("QUANTITY A 2");
        assertThat(hub.get("/api/lists/" + list + "/transactions?state=SUPERSEDED").body()).hasSize(1);
    }

    // --------------------------------------------------------------------- list maintenance (seed 004)

    @Test
    void anAutomaticItemThatNoLongerMatchesIsStoppedOnTheMarketplaceThenRemovedFromTheList() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null, null), rule("code starts with \"" + prefix
                + "\" and description contains \"shoe\"", "ADD_TO_LIST", "STOP_ON_MARKETPLACE", "NONE", false));
        deliverAll(list);

        mirror.upsertArticles(List.of(catalogue.article("A", "red bag")), 3);
        evaluateNow();

        List<JsonNode> stop = pending(list);
        assertThat(stop).extracting(this::kindAndArticle).containsExactly("STOP A");
        assertThat(stop.get(0).path("reason").asText()).contains("no longer matches");
        assertThat(items(list)).contains(prefix + "A");
        deliverAll(list);
        assertThat(items(list)).containsExactly(prefix + "B");
    }

    @Test
    void automaticItemsCannotBeRemovedByHandManualOnesCanAndAreNotStopped() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue bag"), 5, "10");
        long list = list(listing(null, null, null), rule("code starts with \"" + prefix + "\" and description "
                + "contains \"shoe\"", "ADD_TO_LIST", "STOP_ON_MARKETPLACE", "NONE", false));
        HubClient.Response added = hub.post("/api/lists/" + list + "/items", Map.of("articleCodes",
                List.of(prefix + "B")));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.body().get(0).path("origin").asText()).isEqualTo("MANUAL");

        HubClient.Response automatic = hub.delete("/api/lists/" + list + "/items/" + prefix + "A");
        HubClient.Response manual = hub.delete("/api/lists/" + list + "/items/" + prefix + "B");

        assertThat(automatic.status()).isEqualTo(409);
        assertThat(automatic.body().path("detail").asText()).contains("automatic");
        assertThat(manual.status()).isEqualTo(204);
        assertThat(items(list)).containsExactly(prefix + "A");
        assertThat(hub.get("/api/lists/" + list + "/transactions").body()).noneMatch(t -> t.path("kind").asText()
                .equals("STOP"));
    }

    @Test
    void aManualItemThatStartsMatchingBecomesAutomatic() {
        catalogue.write(Map.of("A", "blue bag"), 5, "10");
        long list = list(listing(null, null, null), rule("code starts with \"" + prefix + "\" and description "
                + "contains \"shoe\"", "ADD_TO_LIST", "NONE", "NONE", false));
        hub.post("/api/lists/" + list + "/items", Map.of("articleCodes", List.of(prefix + "A")));

        mirror.upsertArticles(List.of(catalogue.article("A", "blue shoe")), 4);
        evaluateNow();

        assertThat(hub.get("/api/lists/" + list + "/items").body().get(0).path("origin").asText())
                .isEqualTo("AUTOMATIC");
    }

    @Test
    void newItemsAwaitLinkWhenTheRuleTreatsThemAsAlreadyOnSale() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(listing(null, null, Map.of("enabled", true, "inStock", true)),
                rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE", "NONE", true));

        assertThat(hub.get("/api/lists/" + list + "/items").body()).extracting(i -> i.path("state").asText())
                .containsExactly("AWAITING_LINK", "AWAITING_LINK");
        assertThat(pending(list)).extracting(this::kindAndArticle).containsExactlyInAnyOrder("RELIST A", "RELIST B");
        JsonNode view = hub.get("/api/lists/" + list).body();
        assertThat(view.path("items").asInt()).isEqualTo(2);
        assertThat(view.path("onSale").asInt()).isZero();
        assertThat(view.path("marketplace").asText()).isEqualTo("MAGENTO");
    }

    @Test
    void anArticleGoneFromTheErpLeavesTheListWithoutAStopWhenTheRuleSaysNoAction() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue shoe"), 5, "10");
        long list = list(listing(Map.of("enabled", true), null, null), rule("code starts with \"" + prefix + "\"",
                "ADD_TO_LIST", "NONE", "NONE", false));
        deliverAll(list);

        // a full sync that sees only B: A is gone from the ERP
        long fullSync = 99_000 + sequence.get();
        mirror.upsertArticles(List.of(catalogue.article("B", "blue shoe")), fullSync);
        // the other tests' articles were seen too
        jdbc.sql("UPDATE article SET seen_run = ? WHERE code NOT LIKE ?").params(fullSync, prefix + "%").update();
        mirror.markUnseenRemoved(fullSync);
        evaluateNow();

        assertThat(items(list)).containsExactly(prefix + "B");
        assertThat(pending(list)).isEmpty();
    }

    // ------------------------------------------------------------------------------- API rules

    @Test
    void aRuleUsedByAListCannotBeDeletedAndTheAnswerNamesTheLists() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long rule = rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE", "NONE", false);
        long list = list(listing(null, null, null), rule);

        HubClient.Response refused = hub.delete("/api/sales-rules/" + rule);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("detail").asText()).contains("\"list " + prefix + "\" (" + list + ")");
        assertThat(hub.get("/api/sales-rules/" + rule).status()).isEqualTo(200);
        assertThat(hub.delete("/api/lists/" + list).status()).isEqualTo(204);
        assertThat(hub.delete("/api/sales-rules/" + rule).status()).isEqualTo(204);
    }

    @Test
    void aFilterThatDoesNotParseIsRefusedWithWhereAndWhatWasExpected() {
        HubClient.Response refused = hub.post("/api/sales-rules", ruleBody("category = ", "ADD_TO_LIST", "NONE",
                "NONE", false));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.body().path("position").asInt()).isEqualTo(11);
        assertThat(refused.body().path("expected").asText()).isNotBlank();
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("articleFilter");
        assertThat(hub.get("/api/sales-rules").body()).noneMatch(r -> r.path("articleFilter").asText()
                .equals("category = "));
    }

    @Test
    void aRuleOfAnotherMarketplaceCannotServeTheList() {
        long listing = listing(null, null, null);
        Map<String, Object> storefrontRule = new LinkedHashMap<>(ruleBody("", "ADD_TO_LIST", "NONE", "NONE", false));
        storefrontRule.put("marketplace", "STOREFRONT");
        long rule = hub.post("/api/sales-rules", storefrontRule).body().path("id").asLong();

        HubClient.Response refused = hub.post("/api/lists", Map.of("name", "x", "listingId", listing, "ruleId", rule));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.body().path("detail").asText()).contains("STOREFRONT").contains("MAGENTO");
    }

    @Test
    void aListKeptByHandHasNoRuleEvenWhenARuleWithTheFirstIdExists() {
        long listing = listing(null, null, null);
        rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE", "NONE", false);

        HubClient.Response created = hub.post("/api/lists", Map.of("name", "by hand", "listingId", listing));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode read = hub.get("/api/lists/" + created.body().path("id").asLong()).body();

        assertThat(read.path("ruleId").isNull() || read.path("ruleId").isMissingNode()).as(read.toString()).isTrue();
    }

    @Test
    void anEditToARuleReachesEveryListThatUsesIt() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue bag"), 5, "10");
        long rule = rule("code starts with \"" + prefix + "\" and description contains \"shoe\"", "ADD_TO_LIST",
                "NONE", "NONE", false);
        long first = list(listing(null, null, null), rule);
        long second = list(listing(null, null, null), rule);

        HubClient.Response edited = hub.put("/api/sales-rules/" + rule, ruleBody("code starts with \"" + prefix + "\"",
                "ADD_TO_LIST", "NONE", "NONE", false));

        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(items(first)).containsExactly(prefix + "A", prefix + "B");
        assertThat(items(second)).containsExactly(prefix + "A", prefix + "B");
    }

    @Test
    void aPreviewSaysWhatAnEditWouldCauseAndStoresNothing() {
        catalogue.write(Map.of("A", "red shoe", "B", "blue bag"), 5, "10");
        long listing = listing(Map.of("enabled", true), null, null);
        long list = list(listing, rule("code starts with \"" + prefix + "\" and description contains \"shoe\"",
                "ADD_TO_LIST", "NONE", "NONE", false));
        int transactionsBefore = hub.get("/api/lists/" + list + "/transactions").body().size();

        HubClient.Response preview = hub.as(viewerKey()).post("/api/lists/" + list
                + "/preview", Map.of("rule", ruleBody("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE",
                "NONE", false)));

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.body().path("added")).extracting(JsonNode::asText).containsExactly(prefix + "B");
        assertThat(preview.body().path("transactions")).extracting(this::kindAndArticle).contains("PUBLISH B");
        assertThat(items(list)).containsExactly(prefix + "A");
        assertThat(hub.get("/api/lists/" + list + "/transactions").body()).hasSize(transactionsBefore);
    }

    @Test
    void wrongBodiesAreRefusedWithAProblemNamingTheFieldAndChangeNothing() {
        catalogue.write(Map.of("A", "red shoe"), 5, "10");
        long listing = listing(null, null, null);
        long list = list(listing, rule("code starts with \"" + prefix + "\"", "ADD_TO_LIST", "NONE", "NONE", false));
        int listings = hub.get("/api/listings").body().size();
        int lists = hub.get("/api/lists").body().size();
        Map<String, Object> fixedWithoutN = Map.of("name", "x", "accountId", account, "storeCode", "it", "fields",
                List.of("code"), "warehouses", List.of(1), "quantity", Map.of("kind", "FIXED"), "price",
                Map.of("priceList", 1), "syncRules", Map.of());

        List<Object[]> refusals = List.of(
                new Object[] {hub.post("/api/listings", Map.of()), 400, "accountId"},
                new Object[] {hub.post("/api/listings", fixedWithoutN), 400, "quantity.fixed"},
                new Object[] {hub.post("/api/listings", with(fixedWithoutN, "fields", List.of("colour"))), 400, "fields[0]"},
                new Object[] {hub.post("/api/listings", with(with(fixedWithoutN, "quantity", Map.of("kind", "ONE")),
                        "accountId", "nobody")), 422, "accountId"},
                new Object[] {hub.post("/api/listings", with(fixedWithoutN, "quantity", Map.of("kind", "SOME"))), 400,
                        "quantity.kind"},
                new Object[] {hub.post("/api/lists", Map.of("name", "x")), 400, "listingId"},
                new Object[] {hub.post("/api/lists", Map.of("name", "x", "listingId", 987654)), 422, "listingId"},
                new Object[] {hub.post("/api/lists", Map.of("name", "x", "listingId", listing, "ruleId", 987654)), 422,
                        "ruleId"},
                new Object[] {hub.put("/api/lists/" + list, Map.of("name", "x", "listingId", listing + 1000)), 422,
                        "listingId"},
                new Object[] {hub.post("/api/lists/" + list + "/items", Map.of("articleCodes", List.of(prefix + "A",
                        "NO-SUCH-ARTICLE"))), 422, "articleCodes[1]"},
                new Object[] {hub.post("/api/lists/" + list + "/items", Map.of("articleCodes", List.of())), 400,
                        "articleCodes"},
                new Object[] {hub.get("/api/lists/" + list + "/transactions?state=LOST"), 400, "state"},
                new Object[] {hub.get("/api/lists/" + list + "/transactions?limit=abc"), 400, "limit"},
                new Object[] {hub.post("/api/lists/abc/items", Map.of("articleCodes", List.of("x"))), 404, null},
                new Object[] {hub.post("/api/lists/" + list + "/preview", Map.of("rule", ruleBody("code = ", "NONE",
                        "NONE", "NONE", false))), 422, "articleFilter"});

        for (Object[] refusal : refusals) {
            HubClient.Response answer = (HubClient.Response) refusal[0];
            assertThat(answer.status()).as(answer.text()).isEqualTo(refusal[1]);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            if (refusal[2] != null) {
                assertThat(answer.body().path("errors")).as(answer.text())
                        .anyMatch(e -> e.path("field").asText().equals(refusal[2]));
            }
        }
        assertThat(hub.get("/api/listings").body()).hasSize(listings);
        assertThat(hub.get("/api/lists").body()).hasSize(lists);
        assertThat(items(list)).containsExactly(prefix + "A");
    }

    static Map<String, Object> with(Map<String, Object> body, String member, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(member, value);
        return changed;
    }

    // -------------------------------------------------------------------------------------- helpers

    void evaluateNow() {
        events.publishEvent(new ErpSyncRun.ErpSyncCompleted(0, ErpSyncs.Kind.DELTA));
    }

    String kindAndArticle(JsonNode transaction) {
        return transaction.path("kind").asText() + " " + transaction.path("articleCode").asText().substring(prefix.length());
    }

    List<JsonNode> pending(long list) {
        HubClient.Response answer = hub.get("/api/lists/" + list + "/transactions?state=PENDING");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return StreamSupport.stream(answer.body().spliterator(), false).toList();
    }

    List<String> items(long list) {
        return StreamSupport.stream(hub.get("/api/lists/" + list + "/items").body().spliterator(), false)
                .map(i -> i.path("articleCode").asText()).toList();
    }

    /** The shop did every pending transaction of the list. */
    void deliverAll(long list) {
        for (JsonNode t : pending(list)) {
            evaluation.done(t.path("id").asLong(), "m-" + t.path("articleCode").asText());
        }
    }

    long listing(Map<String, Object> publish, Map<String, Object> revise, Map<String, Object> relist) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("publish", publish);
        rules.put("revise", revise);
        rules.put("relist", relist);
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

    Map<String, Object> ruleBody(String filter, String add, String removal, String update, boolean treatAsOnSale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "rule " + prefix);
        body.put("marketplace", "MAGENTO");
        body.put("articleFilter", filter);
        body.put("addAction", add);
        body.put("removalAction", removal);
        body.put("updateAction", update);
        body.put("treatAsOnSale", treatAsOnSale);
        return body;
    }

    long rule(String filter, String add, String removal, String update, boolean treatAsOnSale) {
        HubClient.Response created = hub.post("/api/sales-rules", ruleBody(filter, add, removal, update, treatAsOnSale));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    long list(long listing, long rule) {
        HubClient.Response created = hub.post("/api/lists", Map.of("name", "list " + prefix, "listingId", listing,
                "ruleId", rule));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    /** A VIEWER's key, made as an ADMIN makes one. */
    String viewerKey() {
        HubClient.Response made = hub.post("/api/keys", Map.of("name", "viewer-" + prefix + System.nanoTime(),
                "role", "VIEWER"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.body().path("key").asText();
    }
}
