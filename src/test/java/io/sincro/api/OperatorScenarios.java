package io.sincro.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.Hold;
import io.sincro.model.OrderState;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.store.Orders;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an operator does and reads besides starting syncs, over real HTTP and a real database, with the
 * shop and ERP simulators as the outside world: held orders retried after the mapping that held them
 * is fixed, runs' progress while they run, the order search, the counts a first run shows, and a first
 * delta ERP sync that says it ran as a full one. Subclasses choose the shop's platform and the database.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OperatorScenarios {

    static final ErpSimulator erp = TestShops.startErp();
    static final AtomicInteger sequence = new AtomicInteger();

    /** The concrete class's shop: 40 generated orders, whose catalogue the ERP knows. */
    static SimulatedShop startShop(SimulatedShop.Starter platform) {
        return TestShops.startShop(platform, erp, 31, 40);
    }

    final SimulatedShop shop;

    OperatorScenarios(SimulatedShop shop) {
        this.shop = shop;
    }

    static void properties(DynamicPropertyRegistry registry) {
        TestShops.scenarioErp(registry, erp);
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    io.sincro.store.Articles articles;
    @Autowired
    io.sincro.store.Customers customers;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop.resetFaults();
        erp.resetFaults();
        shop.catalogue().forEach(item -> articles.mirrorFromErp(item.sku(), null, item.name(),
                item.vatRate().stripTrailingZeros().toPlainString(), "pz"));
    }

    // --- held orders are retried ---------------------------------------------------------------

    @Test
    void aHeldOrderRetriedAfterItsPaymentIsMappedReachesTheErpOnceAndASecondRetryIsRefused() {
        String account = accountWithoutPaypal(Map.of());
        sync(account);
        Orders.StoredOrder held = heldOnlyForPayment(account);
        HubClient.Response tooEarly = hub.post("/api/orders/" + held.id() + "/retry", null);
        assertThat(tooEarly.status()).as(tooEarly.text()).isEqualTo(200);
        assertThat(tooEarly.body().path("state").asText()).isEqualTo("HELD");
        assertThat(tooEarly.body().path("holds").get(0).path("code").asText()).isEqualTo(Hold.UNMAPPED_PAYMENT);

        mapPaypal(account);
        HubClient.Response retried = hub.post("/api/orders/" + held.id() + "/retry", null);

        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().path("state").asText()).isIn("NEW", "STORED");
        assertThat(retried.body().path("holds")).isEmpty();
        assertThat(retried.body().path("erpPayment").asText()).isEqualTo("3");
        Orders.StoredOrder stored = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orders.get(held.id()).orElseThrow(), o -> o.state() == OrderState.STORED);
        HubClient.Response again = hub.post("/api/orders/" + held.id() + "/retry", null);
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().path("detail").asText()).contains("already in the ERP").contains(stored.erpKey());
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains(reference(account, held)))
                .hasSize(1);
    }

    @Test
    void aBulkRetryOfAnAccountReleasesWhatNoLongerHoldsAndReportsTheRest() {
        String account = accountWithoutPaypal(Map.of());
        sync(account);
        List<Orders.StoredOrder> heldBefore = orders.find(account, OrderState.HELD, 1000, 0);
        long paymentOnly = heldBefore.stream().filter(o -> o.holds().stream()
                .allMatch(h -> h.code().equals(Hold.UNMAPPED_PAYMENT))).count();
        assertThat(paymentOnly).as("the shop has paypal orders held for their payment only").isPositive();
        mapPaypal(account);

        HubClient.Response bulk = hub.post("/api/orders/retry", Map.of("account", account));

        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        JsonNode body = bulk.body();
        assertThat(body.path("retried").asInt()).isEqualTo(heldBefore.size());
        assertThat(body.path("released").asInt()).isEqualTo((int) paymentOnly);
        assertThat(body.path("stillHeld").asInt()).isEqualTo(heldBefore.size() - (int) paymentOnly);
        assertThat(body.path("results")).hasSize(heldBefore.size());
        body.path("results").forEach(r -> {
            assertThat(r.path("state").asText()).isIn("NEW", "HELD", "STORED");
            assertThat(r.path("state").asText().equals("HELD")).isEqualTo(!r.path("holds").isEmpty());
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.count(account, OrderState.NEW) == 0);
        assertThat(orders.count(account, OrderState.HELD)).isEqualTo(heldBefore.size() - paymentOnly);
    }

    @Test
    void aBulkRetryGoesOnPastOrdersThatAreNotHeld() {
        String account = accountWithoutPaypal(Map.of());
        sync(account);
        Orders.StoredOrder held = heldOnlyForPayment(account);
        Orders.StoredOrder inErp = await().atMost(Duration.ofSeconds(60))
                .until(() -> orders.find(account, OrderState.STORED, 1, 0), list -> !list.isEmpty()).get(0);
        mapPaypal(account);

        HubClient.Response bulk = hub.post("/api/orders/retry", Map.of("ids", List.of(inErp.id(), 987654321L,
                held.id())));

        assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
        assertThat(bulk.body().path("retried").asInt()).isEqualTo(1);
        assertThat(bulk.body().path("released").asInt()).isEqualTo(1);
        JsonNode results = bulk.body().path("results");
        assertThat(results.get(0).path("state").asText()).isEqualTo("STORED");
        assertThat(results.get(0).path("reason").asText()).contains("never imported twice");
        assertThat(results.get(1).path("reason").asText()).contains("no order 987654321");
        assertThat(results.get(2).path("reason").isNull() || results.get(2).path("reason").isMissingNode()).isTrue();
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains(reference(account, inErp)))
                .hasSize(1);
    }

    @Test
    void aBulkRetryNeedsEitherIdsOrAnAccount() {
        assertThat(hub.post("/api/orders/retry", Map.of()).status()).isEqualTo(400);
        assertThat(hub.post("/api/orders/retry", Map.of("ids", List.of(1), "account", "x")).status()).isEqualTo(400);
        assertThat(hub.post("/api/orders/retry", Map.of("ids", List.of())).status()).isEqualTo(400);
        assertThat(hub.post("/api/orders/retry", Map.of("account", "no-such-account")).status()).isEqualTo(404);
        assertThat(hub.post("/api/orders/not-a-number/retry", null).status()).isEqualTo(404);
    }

    // --- progress while running ----------------------------------------------------------------

    @Test
    void anOrderSyncShowsGrowingCountsAndItsTotalWhileItRuns() {
        String account = account(Map.of("pageSize", 5));
        shop.latency(Duration.ofMillis(300));
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        long runId = started.body().path("runId").asLong();
        List<JsonNode> running = new ArrayList<>();

        JsonNode last = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode run = hub.get("/api/runs/" + runId).body();
                    if (run.path("state").asText().equals("RUNNING")) {
                        running.add(run.path("progress"));
                    }
                    return run;
                }, run -> !run.path("state").asText().equals("RUNNING"));

        List<Integer> reads = running.stream().map(p -> p.path("read").asInt()).filter(r -> r > 0).distinct().toList();
        assertThat(reads).as("distinct non-zero counts seen while running").hasSizeGreaterThanOrEqualTo(2);
        assertThat(reads).isSorted();
        if (shop.orderListsSayTheirTotal()) {
            assertThat(running).anySatisfy(p -> assertThat(p.path("total").asInt()).isEqualTo(importable()));
        }
        assertThat(last.path("progress").path("stored").asInt() + last.path("progress").path("held").asInt())
                .isEqualTo(importable());
        // the runs list shows the same figures
        JsonNode listed = hub.get("/api/runs?account=" + account).body().get(0);
        assertThat(listed.path("progress")).isEqualTo(last.path("progress"));
    }

    @Test
    void aPartialErpSyncShowsWhatItPushedWhileItRuns() {
        String account = account(Map.of());
        // The run writes its counts at most every 500 ms, and orders now reach the ERP as soon as each is stored:
        // calls slower than that interval spread the pushes over several writes.
        erp.latency(Duration.ofMillis(700));
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        String trigger = "ORDER_SYNC " + started.body().path("runId").asLong();
        long partialRun = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> partialRunOf(trigger), id -> id != null);
        List<JsonNode> running = new ArrayList<>();

        JsonNode last = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode run = hub.get("/api/runs/" + partialRun).body();
                    if (run.path("state").asText().equals("RUNNING")) {
                        running.add(run.path("progress"));
                    }
                    return run;
                }, run -> !run.path("state").asText().equals("RUNNING"));

        List<Integer> pushed = running.stream().map(p -> p.path("pushed").asInt()).filter(n -> n > 0).distinct()
                .toList();
        assertThat(pushed).as("distinct non-zero push counts seen while running").hasSizeGreaterThanOrEqualTo(2);
        assertThat(running).anySatisfy(p -> assertThat(p.path("total").asInt()).isPositive());
        assertThat(last.path("progress").path("pushed").asInt()).isGreaterThanOrEqualTo(pushed.get(pushed.size() - 1));
        assertThat(last.path("progress").path("pushed").asInt()).isEqualTo(last.path("customersPushed").asInt()
                + last.path("articlesPushed").asInt() + last.path("ordersPushed").asInt());
    }

    // --- first run counts ----------------------------------------------------------------------

    @Test
    void aFirstRunCountsPageBoundaryRereadsApartFromAlreadyImportedOrders() {
        String account = account(Map.of("pageSize", 7));

        JsonNode first = sync(account);

        JsonNode progress = first.path("progress");
        assertThat(first.path("pages").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(progress.path("alreadyImported").asInt()).as(first.toString()).isZero();
        assertThat(progress.path("reread").asInt()).isPositive();
        assertThat(progress.path("read").asInt()).isEqualTo(progress.path("stored").asInt()
                + progress.path("held").asInt() + progress.path("reread").asInt());

        SimulatedShop.ShopOrder changed = shop.orders().get(5);
        shop.touchOrder(changed.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        JsonNode second = sync(account);

        assertThat(second.path("progress").path("alreadyImported").asInt()).as(second.toString()).isEqualTo(1);
        assertThat(second.path("progress").path("reread").asInt())
                .isEqualTo(second.path("ordersRead").asInt() - 1);
    }

    // --- order search --------------------------------------------------------------------------

    @Test
    void ordersAreFoundByShopNumberErpKeyCustomerStateAndAccount() {
        String account = account(Map.of());
        sync(account);
        Orders.StoredOrder inErp = await().atMost(Duration.ofSeconds(60))
                .until(() -> orders.find(account, OrderState.STORED, 1, 0), list -> !list.isEmpty()).get(0);
        String key = inErp.erpKey();

        JsonNode byNumber = hub.get("/api/orders?account=" + account + "&number=" + inErp.number()).body();
        JsonNode byKey = hub.get("/api/orders?account=" + account + "&erpKey=" + key.replace("+", "%2B")).body();
        JsonNode byKeyAndYear = hub.get("/api/orders?account=" + account + "&erpKey="
                + (key + "/" + inErp.erpYear()).replace("+", "%2B")).body();
        JsonNode otherYear = hub.get("/api/orders?account=" + account + "&erpKey="
                + (key + "/" + (inErp.erpYear() + 1)).replace("+", "%2B")).body();
        String email = inErp.customerEmail();
        String part = email.substring(0, email.indexOf('@')).toUpperCase();
        JsonNode byEmail = hub.get("/api/orders?account=" + account + "&customer=" + part).body();
        String lastName = customers.get(inErp.customerId()).orElseThrow().lastName();
        JsonNode byName = hub.get("/api/orders?account=" + account + "&customer=" + lastName.toLowerCase()
                .replace(" ", "%20")).body();
        JsonNode heldOnly = hub.get("/api/orders?account=" + account + "&state=held&limit=1000").body();

        assertThat(ids(byNumber)).containsExactly(inErp.id());
        assertThat(ids(byKey)).containsExactly(inErp.id());
        assertThat(ids(byKeyAndYear)).containsExactly(inErp.id());
        assertThat(ids(otherYear)).isEmpty();
        assertThat(ids(byEmail)).contains(inErp.id());
        byEmail.forEach(o -> assertThat(o.path("customerEmail").asText().toUpperCase()).contains(part));
        assertThat(ids(byName)).contains(inErp.id());
        assertThat(heldOnly).isNotEmpty().allSatisfy(o -> assertThat(o.path("state").asText()).isEqualTo("HELD"));
        assertThat(heldOnly).allSatisfy(o -> assertThat(o.path("accountId").asText()).isEqualTo(account));
    }

    @Test
    void aMalformedSearchParameterIsABadRequestNamingIt() {
        for (String query : List.of("erpKey=OC-1-3", "erpKey=OC%2B1%2B3/20x7", "state=LOST", "number=" + "9".repeat(70),
                "customer=" + "x".repeat(400), "limit=0")) {
            HubClient.Response answer = hub.get("/api/orders?" + query);
            assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("errors").get(0).path("field").asText())
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    // --- a first delta ERP sync ----------------------------------------------------------------

    @Test
    void aFirstDeltaSyncSaysItRunsAsAFullOneThatCountsAgainstTheQuota() {
        HubClient.Response answer = hub.post("/api/erp/sync/delta", null);

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        assertThat(answer.body().path("ranAs").asText()).isEqualTo("FULL");
        assertThat(answer.body().path("reason").asText()).isEqualTo("no delta watermark yet: the first delta runs as "
                + "a full sync and counts against the quota");
        JsonNode run = hub.awaitRun(answer.body().path("runId").asLong());
        assertThat(run.path("kind").asText()).isEqualTo("ERP_FULL");
        assertThat(run.path("requestedKind").asText()).isEqualTo("ERP_DELTA");
        assertThat(run.path("kindReason").asText()).startsWith("no delta watermark yet");

        HubClient.Response next = hub.post("/api/erp/sync/delta", null);
        assertThat(next.status()).as(next.text()).isEqualTo(202);
        assertThat(next.body().path("ranAs").asText()).isEqualTo("DELTA");
        assertThat(next.body().has("reason")).isFalse();
        hub.awaitRun(next.body().path("runId").asLong());
    }

    // --- deployment ----------------------------------------------------------------------------

    @Test
    void theProbeTheComposeHealthcheckCallsAnswersWithoutAKey() {
        HubClient.Response probe = hub.anonymous().get(io.sincro.DeploymentFilesTest.healthPath());

        assertThat(probe.status()).as(probe.text()).isEqualTo(200);
        assertThat(probe.body().path("status").asText()).isEqualTo("UP");
    }

    // --- helpers -------------------------------------------------------------------------------

    String account(Map<String, Object> extra) {
        return TestShops.account(hub, shop, "operator-" + sequence.incrementAndGet(), extra);
    }

    /** An account whose payment table lacks PayPal: the shop's PayPal orders are held for it. */
    String accountWithoutPaypal(Map<String, Object> extra) {
        Map<String, String> payments = new HashMap<>(shop.paymentMethods());
        payments.remove(shop.paypalPaymentMethod());
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("paymentMethods", payments);
        return account(settings);
    }

    void mapPaypal(String account) {
        HubClient.Response patched = hub.patch("/api/accounts/" + account,
                Map.of("settings", Map.of("paymentMethods", Map.of(shop.paypalPaymentMethod(), "3"))));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    }

    Orders.StoredOrder heldOnlyForPayment(String account) {
        return orders.find(account, OrderState.HELD, 1000, 0).stream()
                .filter(o -> o.holds().stream().allMatch(h -> h.code().equals(Hold.UNMAPPED_PAYMENT)))
                .findFirst().orElseThrow(() -> new AssertionError("no order held for its payment only"));
    }

    JsonNode sync(String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    Long partialRunOf(String trigger) {
        for (JsonNode run : hub.get("/api/runs?limit=50").body()) {
            if (run.path("kind").asText().equals("PARTIAL_ERP_SYNC") && run.path("trigger").asText().equals(trigger)) {
                return run.path("id").asLong();
            }
        }
        return null;
    }

    int importable() {
        return shop.importableOrders().size();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(o -> ids.add(o.path("id").asLong()));
        return ids;
    }

    static String reference(String account, Orders.StoredOrder order) {
        return "[sincro:" + account + ":" + order.shopOrderId() + "]";
    }
}
