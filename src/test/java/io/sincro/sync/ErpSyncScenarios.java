package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.OrderState;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
 * Flow F1, second half, over real HTTP and a real database: shop orders reach the ERP simulator
 * through the partial ERP sync, once, whatever the ERP does meanwhile.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// the hub stops with the class, so no background work reaches the next class; the ERP simulator is shared
// by the concrete classes, so tests look only at what their own account sent
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ErpSyncScenarios {

    static final ErpSimulator erp = TestShops.startErp();
    static final AtomicInteger sequence = new AtomicInteger();

    /** The concrete class's shop: 120 generated orders, whose catalogue the ERP knows. */
    static SimulatedShop startShop(SimulatedShop.Starter platform) {
        return TestShops.startShop(platform, erp, 11, 120);
    }

    final SimulatedShop shop;

    ErpSyncScenarios(SimulatedShop shop) {
        this.shop = shop;
    }

    static void erpProperties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
        registry.add("sincro.erp.read-timeout", () -> "2s");
        registry.add("sincro.erp.busy-backoff", () -> "50ms");
        registry.add("sincro.mail.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    Customers customers;
    @Autowired
    io.sincro.store.Articles articles;
    @Autowired
    RuleEvaluationHandOff ruleEvaluation;
    @Autowired
    ErpPush push;
    @Autowired
    io.sincro.erp.WebApiClient webApi;
    @Autowired
    io.sincro.store.ShopAccounts accounts;
    @Autowired
    io.sincro.store.SyncRuns runs;
    @Autowired
    io.sincro.store.RunLocks locks;
    @Autowired
    LockedRuns lockedRuns;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop.resetFaults();
        erp.resetFaults();
        erp.down(false);
        erp.clearRequests();
        shop.catalogue().forEach(item -> articles.mirrorFromErp(item.sku(), null, item.name(),
                item.vatRate().stripTrailingZeros().toPlainString(), "pz"));
        awaitNoPartialSyncRunning();
    }

    @Test
    void shopOrdersReachTheErpOnceWithTheirCustomersRowsVatAndShippingAddresses() {
        String account = shopAccount();
        JsonNode orderRun = syncOrders(account);
        awaitNoPartialSyncRunning();

        List<Orders.StoredOrder> stored = orders.find(account, OrderState.STORED, 10_000, 0);
        assertThat(stored).hasSize(orderRun.path("ordersImported").asInt());
        assertThat(orders.count(account, OrderState.NEW)).isZero();
        Map<String, Long> refs = erp.orders().stream().map(o -> o.path("nota").asText())
                .filter(n -> n.contains("[sincro:" + account + ":"))
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        assertThat(refs).hasSize(stored.size()).allSatisfy((ref, count) -> assertThat(count).isEqualTo(1));

        for (Orders.StoredOrder hubOrder : stored.subList(0, Math.min(stored.size(), 25))) {
            Orders.StoredOrder full = orders.get(hubOrder.id()).orElseThrow();
            ObjectNode erpOrder = erp.order(full.erpKey()).orElseThrow();
            Customers.CustomerRecord customer = customers.get(full.customerId()).orElseThrow();
            assertThat(erpOrder.path("cod_conto").asText()).isEqualTo(customer.erpCode()).startsWith("501.");
            assertThat(erpOrder.path("codice_articolo")).hasSize(full.lines().size());
            for (Orders.Line line : full.lines()) {
                JsonNode vat = valueOfRow(erpOrder.path("cod_iva"), line.lineNo());
                assertThat(vat.asText()).isEqualTo(line.vatRate().stripTrailingZeros().toPlainString());
            }
            boolean shipsElsewhere = full.shipping() != null && !full.shipping().sameAs(full.billing());
            assertThat(erpOrder.hasNonNull("id_ind_sped")).isEqualTo(shipsElsewhere);
        }
        assertThat(stored).anySatisfy(o -> assertThat(orders.get(o.id()).orElseThrow().lines())
                .anyMatch(l -> l.kind().equals("SHIPPING")));
        assertThat(ruleEvaluation.received()).anyMatch(e -> e.accountId().equals(account));
    }

    @Test
    void ordersStoredWhileAPartialSyncRunsGoIntoTheErpWithThePartialSyncThatFollowsIt() {
        String account = shopAccount();
        // a partial sync is running (it read its pending lists before this account's orders were stored)
        long running = runs.start(PartialErpSync.LOCK_KIND, null, "MANUAL", locks.node());
        assertThat(locks.tryAcquire(PartialErpSync.LOCK_KIND, PartialErpSync.LOCK_SCOPE, running)).isEmpty();
        long orderRun;
        try {
            HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
            orderRun = started.body().path("runId").asLong();
            assertThat(hub.awaitRun(orderRun).path("ordersImported").asInt()).isPositive();
            assertThat(orders.count(account, OrderState.NEW)).as("waiting for the running one to end").isPositive();
        } finally {
            lockedRuns.finish(running, io.sincro.store.SyncRuns.State.COMPLETED, null);
        }

        io.sincro.store.SyncRuns.SyncRun followUp = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(null, 50).stream().filter(r -> r.kind().equals(PartialErpSync.LOCK_KIND)
                        && r.trigger().equals("ORDER_SYNC " + orderRun)).findFirst().orElse(null),
                        r -> r != null && r.state() != io.sincro.store.SyncRuns.State.RUNNING);
        assertThat(followUp.state()).isEqualTo(io.sincro.store.SyncRuns.State.COMPLETED);
        assertThat(orders.count(account, OrderState.NEW)).isZero();
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains("[sincro:" + account + ":"))
                .hasSize(orders.find(account, OrderState.STORED, 10_000, 0).size());
    }

    @Test
    void anErpSyncCallsTheOrderSyncAsItsStepWhichAManualRequestMeanwhileIsToldIsRunning() {
        String account = shopAccount();
        shop.latency(Duration.ofMillis(700));
        long erpRun;
        io.sincro.store.SyncRuns.SyncRun orderRun;
        try {
            HubClient.Response started = hub.post("/api/erp/sync/delta", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            erpRun = started.body().path("runId").asLong();
            orderRun = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runs.list(null, 50).stream().filter(r -> r.kind().equals(OrderSyncs.LOCK_KIND)
                            && account.equals(r.accountId()) && r.trigger().endsWith(" " + erpRun)).findFirst()
                            .orElse(null), java.util.Objects::nonNull);

            HubClient.Response manual = hub.post("/api/accounts/" + account + "/sync/orders", null);
            assertThat(manual.status()).as(manual.text()).isEqualTo(409);
            assertThat(manual.body().path("runId").asLong()).as("the run the ERP sync's step is running")
                    .isEqualTo(orderRun.id());
        } finally {
            shop.latency(Duration.ZERO);
        }

        hub.awaitRun(erpRun);
        Map<String, Object> steps = runs.steps(erpRun);
        assertThat(steps.get("orders of " + account)).as("the step ended with the order sync it called")
                .asString().contains("state=COMPLETED").contains("run=" + orderRun.id());
        io.sincro.store.SyncRuns.SyncRun ended = runs.get(orderRun.id()).orElseThrow();
        assertThat(ended.state()).isEqualTo(io.sincro.store.SyncRuns.State.COMPLETED);
        assertThat(steps.get("push pending")).as("the partial sync it called had ended too").asString()
                .doesNotContain("run=" + orderRun.id());
        long partialRun = ((Number) ((Map<?, ?>) steps.get("push pending")).get("run")).longValue();
        assertThat(runs.get(partialRun).orElseThrow().state()).isNotEqualTo(io.sincro.store.SyncRuns.State.RUNNING);
        assertThat(orders.count(account, OrderState.NEW)).isZero();
    }

    @Test
    void eachStoredPageGoesIntoTheErpWhileTheNextPageIsRead() {
        String account = TestShops.account(hub, shop, "erp-shop-" + sequence.incrementAndGet(),
                Map.of("pageSize", 10));
        shop.latency(Duration.ofMillis(300));
        JsonNode run;
        try {
            run = syncOrders(account);
        } finally {
            shop.latency(Duration.ZERO);
        }

        String reference = "[sincro:" + account + ":";
        List<Instant> ordersIntoErp = erp.requests().stream().filter(r -> r.method().equals("POST")
                        && r.path().endsWith("/documenti/ordini-clienti") && r.status() == 201
                        && r.body().contains(reference))
                .map(ErpSimulator.RecordedRequest::at).sorted().toList();
        assertThat(run.path("pages").asInt()).isGreaterThan(3);
        assertThat(ordersIntoErp).isNotEmpty();
        assertThat(ordersIntoErp.get(0)).as("the first pages' orders reach the ERP before the shop is read to its end")
                .isBefore(Instant.parse(run.path("finishedAt").asText()));
        io.sincro.store.SyncRuns.SyncRun partial = runs.list(null, 50).stream()
                .filter(r -> r.trigger().equals("ORDER_SYNC " + run.path("id").asLong())).findFirst().orElseThrow();
        assertThat(partial.state()).isEqualTo(io.sincro.store.SyncRuns.State.COMPLETED);
        assertThat(partial.ordersPushed()).isEqualTo(run.path("ordersImported").asInt());
        assertThat(ordersIntoErp).as("each once").hasSize(run.path("ordersImported").asInt());
        assertThat(orders.count(account, OrderState.NEW)).isZero();
    }

    @Test
    void eachStoredOrderGoesIntoTheErpWhileTheRestOfItsPageIsStored() {
        // one page holds all the shop's orders: a push that waited for the page would start after its last order
        String account = TestShops.account(hub, shop, "erp-shop-" + sequence.incrementAndGet(),
                Map.of("pageSize", 300));
        JsonNode run = syncOrders(account);
        awaitNoPartialSyncRunning();

        String reference = "[sincro:" + account + ":";
        Instant firstOrderIntoErp = erp.requests().stream().filter(r -> r.method().equals("POST")
                        && r.path().endsWith("/documenti/ordini-clienti") && r.status() == 201
                        && r.body().contains(reference))
                .map(ErpSimulator.RecordedRequest::at).min(Instant::compareTo).orElseThrow();
        List<Orders.StoredOrder> stored = orders.find(account, null, 10_000, 0);
        Instant lastOrderStored = stored.stream().map(Orders.StoredOrder::createdAt).max(Instant::compareTo)
                .orElseThrow();
        assertThat(run.path("pages").asInt()).isEqualTo(1);
        assertThat(firstOrderIntoErp).as("the page's first orders reach the ERP before its last one is stored")
                .isBefore(lastOrderStored);
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains(reference)).as("each once")
                .hasSize(run.path("ordersImported").asInt());
        assertThat(orders.count(account, OrderState.NEW)).isZero();
    }

    @Test
    void whenTheErpIsDownOrdersWaitWithTheReasonAndTheNextPartialSyncDeliversThemOnce() {
        erp.down(true);
        String account = shopAccount();
        syncOrders(account);
        awaitNoPartialSyncRunning();

        List<Orders.StoredOrder> pending = orders.find(account, OrderState.NEW, 10_000, 0);
        assertThat(pending).isNotEmpty().allSatisfy(o -> assertThat(o.erpReason()).contains("cannot be reached"));

        erp.down(false);
        JsonNode run = partialSync();

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(orders.count(account, OrderState.NEW)).isZero();
        long inErp = erp.orders().stream().filter(o -> o.path("nota").asText().contains("[sincro:" + account + ":")).count();
        assertThat(inErp).isEqualTo(pending.size());
    }

    @Test
    void anErpThatTimesOutAfterCommittingGetsNoDuplicateOrderOrCustomer() {
        erp.down(true);
        String account = shopAccount();
        syncOrders(account);
        awaitNoPartialSyncRunning();
        erp.down(false);
        erp.stallFor(Duration.ofSeconds(3));
        erp.timeoutAfterCommit("documenti/ordini-clienti", 2);
        erp.timeoutAfterCommit("clienti", 1);

        partialSync();

        Map<String, Long> refs = erp.orders().stream().map(o -> o.path("nota").asText())
                .filter(n -> n.contains("[sincro:" + account + ":"))
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        assertThat(refs.values()).allMatch(count -> count == 1);
        assertThat(refs).hasSize((int) orders.find(account, OrderState.STORED, 10_000, 0).size());
        Map<String, Long> emails = erp.customers().stream().map(c -> c.path("email").asText())
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
        assertThat(emails.values()).allMatch(count -> count == 1);
    }

    @Test
    void anErpThatRefusesTheLoginIsNotRetriedAndTheRunFailsClearly() {
        erp.failNext(1, 401);
        erp.clearRequests();

        JsonNode run = partialSync();

        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("message").asText()).contains("refused the hub's WebAPI user").contains("will not retry");
        assertThat(erp.requests()).hasSize(1);
        assertThat(erp.userLocked()).isFalse();
        // the login guard now stops every ERP call; the operator's retry lifts it (the probe is accepted)
        assertThat(hub.get("/api/erp/login").body().path("state").asText()).isEqualTo("REFUSED");
        assertThat(hub.post("/api/erp/login/retry", null).body().path("state").asText()).isEqualTo("OK");
    }

    @Test
    void aBusyErpIsBackedOffAndTheSyncCompletes() {
        erp.down(true);
        String account = shopAccount();
        syncOrders(account);
        awaitNoPartialSyncRunning();
        erp.down(false);
        erp.failNext(3, 503);

        JsonNode run = partialSync();

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(orders.count(account, OrderState.NEW)).isZero();
    }

    @Test
    void theHubNeverMakesMoreConcurrentErpCallsThanConfigured() {
        erp.down(true);
        String account = shopAccount();
        syncOrders(account);
        awaitNoPartialSyncRunning();
        erp.down(false);
        erp.latency(Duration.ofMillis(30));
        // an earlier test's stalled answers may still hold service slots the hub already gave up on
        await().atMost(Duration.ofSeconds(30)).until(() -> erp.callsInFlight() == 0);
        erp.resetConcurrencyStats();

        partialSync();

        assertThat(erp.maxObservedConcurrency()).isBetween(2, 5);
        assertThat(erp.requests()).noneMatch(r -> r.status() == 503);
        assertThat(orders.count(account, OrderState.NEW)).isZero();
    }

    @Test
    void aStorefrontOrderGoesIntoTheErpAtOnceWhenItAnswers() {
        String account = storefrontAccount();

        HubClient.Response response = hub.post("/api/orders", storefrontOrder(account, "SF-1"));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.body().path("state").asText()).isEqualTo("STORED");
        String key = response.body().path("erpKey").asText();
        assertThat(response.body().path("erpYear").asInt()).as("the ERP documents' year it is in").isEqualTo(2026);
        assertThat(erp.order(2026, key)).isPresent();
        HubClient.Response again = hub.post("/api/orders", storefrontOrder(account, "SF-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("erpKey").asText()).isEqualTo(key);
    }

    @Test
    void aStorefrontOrderWaitsWhenTheErpIsDownAndThePartialSyncDeliversIt() {
        String account = storefrontAccount();
        erp.down(true);

        HubClient.Response response = hub.post("/api/orders", storefrontOrder(account, "SF-2"));

        assertThat(response.status()).as(response.text()).isEqualTo(202);
        assertThat(response.body().path("state").asText()).isEqualTo("NEW");
        assertThat(response.body().path("erpReason").asText()).contains("next partial ERP sync");
        erp.down(false);
        partialSync();
        long id = response.body().path("orderId").asLong();
        assertThat(orders.get(id).orElseThrow().state()).isEqualTo(OrderState.STORED);
    }

    @Test
    void anSkuTheErpKnowsAsAnAliasIsOrderedAsTheErpsArticleNotCodedAgain() {
        String account = storefrontAccount();
        String erpArticle = shop.catalogue().get(1).sku();
        String alias = "ALS-" + account.replaceAll("\\D", "");
        erp.addArticleAlias(alias, erpArticle);

        HubClient.Response response = hub.post("/api/orders", storefrontOrder(account, "SF-A", alias, "RSSMRA85T10A562S"));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        ObjectNode inErp = erp.order(response.body().path("erpKey").asText()).orElseThrow();
        assertThat(valueOfRow(inErp.path("codice_articolo"), 1).asText()).isEqualTo(erpArticle);
        assertThat(erp.articles()).noneMatch(a -> a.path("codice").asText().equals(alias));
        assertThat(articles.findByCodeOrAlias(alias)).hasValueSatisfying(a -> assertThat(a.code()).isEqualTo(erpArticle));
    }

    @Test
    void aCustomerTheErpAlreadyHasIsFoundByFiscalCodeAndNotCreatedAgain() {
        String account = storefrontAccount();
        int n = sequence.incrementAndGet();
        String firstFifteen = String.format("VRDGLI80A%02dL219", 1 + n % 28);
        String fiscalCode = firstFifteen + io.sincro.fiscal.CodiceFiscale.checkCharacter(firstFifteen);
        String code = String.format("501.09%03d", n);
        erp.addCustomer(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("codice", code)
                .put("ragione_sociale", "Verdi Giulia").put("codice_fiscale", fiscalCode)
                .put("email", "giulia.verdi+" + n + "@old-provider.it"));
        int customersBefore = erp.customers().size();

        HubClient.Response response = hub.post("/api/orders",
                storefrontOrder(account, "SF-CF", shop.catalogue().get(0).sku(), fiscalCode));

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        ObjectNode inErp = erp.order(response.body().path("erpKey").asText()).orElseThrow();
        assertThat(inErp.path("cod_conto").asText()).isEqualTo(code);
        assertThat(erp.customers()).hasSize(customersBefore);
    }

    @Test
    void twoPushesOfTheSameOrderAtOnceWriteItIntoTheErpOnce() throws Exception {
        String account = storefrontAccount();
        erp.down(true);
        long id = hub.post("/api/orders", storefrontOrder(account, "SF-TWICE")).body().path("orderId").asLong();
        erp.down(false);
        erp.latency(Duration.ofMillis(200));

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> push.pushOrder(id));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> push.pushOrder(id));

        assertThat(List.of(first.get().result(), second.get().result())).contains(PushOutcome.Result.PUSHED);
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains("[sincro:" + account + ":SF-TWICE]"))
                .hasSize(1);
        assertThat(orders.get(id).orElseThrow().state()).isEqualTo(OrderState.STORED);
    }

    @Test
    void twoNodesPushingTheSameNewCustomerAtOnceCreateItOnce() throws Exception {
        String account = storefrontAccount();
        erp.down(true);
        long orderId = hub.post("/api/orders", storefrontOrder(account, "SF-NODES")).body().path("orderId").asLong();
        long customerId = orders.get(orderId).orElseThrow().customerId();
        erp.down(false);
        erp.latency(Duration.ofMillis(200));
        ErpPush otherNode = new ErpPush(new io.sincro.erp.ErpGateway(webApi,
                new com.fasterxml.jackson.databind.ObjectMapper(), 20), customers, articles, orders, accounts);

        var here = java.util.concurrent.CompletableFuture.supplyAsync(() -> push.pushCustomer(customerId));
        var there = java.util.concurrent.CompletableFuture.supplyAsync(() -> otherNode.pushCustomer(customerId));

        assertThat(List.of(here.get().result(), there.get().result())).contains(PushOutcome.Result.PUSHED);
        String email = customers.get(customerId).orElseThrow().email();
        assertThat(erp.customers()).filteredOn(c -> c.path("email").asText().equals(email)).hasSize(1);
    }

    /** Every request the hub made in the test is one the public WebAPI description allows (issue 9). */
    @org.junit.jupiter.api.AfterEach
    void everyRequestTheHubMadeIsInTheWebApiDescription() {
        List<ErpSimulator.RecordedRequest> made = erp.requests();
        assertThat(io.sincro.contracts.WebApiContract.load().violations(made)).isEmpty();
    }

    @Test
    void aPendingOrderBeingWrittenSaysByWhichNodeAndSinceAndNoOtherPushWritesIt() {
        String account = storefrontAccount();
        erp.down(true);
        long id = hub.post("/api/orders", storefrontOrder(account, "SF-HELD-BY")).body().path("orderId").asLong();
        erp.down(false);

        assertThat(orders.claimForErp(id).taken()).isTrue();

        assertThat(hub.get("/api/orders/" + id).body().path("erpReason").asText())
                .startsWith("being written into the ERP by node " + locks.node() + " since ");
        assertThat(push.pushOrder(id).result()).isEqualTo(PushOutcome.Result.IN_PROGRESS);
        assertThat(erp.orders()).noneMatch(o -> o.path("nota").asText().contains("[sincro:" + account + ":"));
        orders.erpFailed(id, "the test let go of its claim");
    }

    @Test
    void anOrderClaimedByAProcessThatIsGoneIsLookedUpInTheErpAndAdoptedNotSentAgain() throws Exception {
        String account = storefrontAccount();
        erp.down(true);
        long id = hub.post("/api/orders", storefrontOrder(account, "SF-GONE")).body().path("orderId").asLong();
        erp.down(false);
        Orders.StoredOrder order = orders.get(id).orElseThrow();
        // a hub process that is gone had sent it: the ERP has it, the hub never heard back
        String customerCode = push.pushCustomer(order.customerId()).erpKey();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode sent = json.createObjectNode().put("sigla", "OC").put("serie", 1).put("numero", 0)
                .put("cod_conto", customerCode).put("data_documento", "20261129")
                .put("nota", "Ordine SF-GONE " + io.sincro.erp.ErpGateway.reference(account, "SF-GONE"));
        sent.set("id_riga", json.readTree("[[1,0]]"));
        sent.set("tp_riga", json.readTree("[[1,\"R\"]]"));
        sent.set("codice_articolo", json.createArrayNode().add(json.createArrayNode().add(1)
                .add(shop.catalogue().get(0).sku())));
        sent.set("quantita", json.readTree("[[1,2]]"));
        sent.set("cod_iva", json.readTree("[[1,\"22\"]]"));
        String key = webApi.create("documenti/ordini-clienti", sent);
        // as on its first attempt: only the claim left by a process that is gone says its outcome is unknown
        jdbc.sql("UPDATE shop_order SET erp_claimed_at = ?, erp_claimed_by = 'gone-node', "
                        + "erp_claim_holder = 'gone-node#0000', erp_attempts = 0 WHERE id = ?")
                .params(java.time.OffsetDateTime.now(), id).update();
        assertThat(hub.get("/api/orders/" + id).body().path("erpReason").asText())
                .contains("node gone-node was writing it into the ERP").contains("looks it up in the ERP");

        partialSync();

        Orders.StoredOrder adopted = orders.get(id).orElseThrow();
        assertThat(adopted.state()).isEqualTo(OrderState.STORED);
        assertThat(adopted.erpKey()).isEqualTo(key);
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains("[sincro:" + account + ":SF-GONE]"))
                .hasSize(1);
    }

    // --- helpers -------------------------------------------------------------------------------

    static JsonNode valueOfRow(JsonNode rowArray, int row) {
        for (JsonNode pair : rowArray) {
            if (pair.get(0).asInt() == row) {
                return pair.get(1);
            }
        }
        throw new AssertionError("no row " + row + " in " + rowArray);
    }

    String shopAccount() {
        return TestShops.account(hub, shop, "erp-shop-" + sequence.incrementAndGet(), Map.of());
    }

    String storefrontAccount() {
        String id = "storefront-" + sequence.incrementAndGet();
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", id, "name", "Storefront", "platform",
                "STOREFRONT", "settings", Map.of("paymentMethods", Map.of("card", "3"), "defaultCarrier", "1",
                        "autoCodeArticles", true)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    Map<String, Object> storefrontOrder(String account, String number) {
        return storefrontOrder(account, number, shop.catalogue().get(0).sku(), "RSSMRA85T10A562S");
    }

    Map<String, Object> storefrontOrder(String account, String number, String sku, String fiscalCode) {
        Map<String, Object> address = Map.of("firstName", "Giulia", "lastName", "Verdi", "street", "Via Po 3",
                "city", "Torino", "postcode", "10123", "province", "TO", "country", "IT");
        return Map.of("accountId", account, "shopOrderId", number, "number", number, "currency", "EUR",
                "customer", Map.of("email", number.toLowerCase() + ".giulia.verdi@example.it", "firstName", "Giulia",
                        "lastName", "Verdi", "fiscalCode", fiscalCode),
                "billing", address,
                "lines", List.of(Map.of("sku", sku, "name", "Articolo", "quantity", 2, "unitPrice", 10,
                        "discount", 0, "vatRate", 22)),
                "expenses", List.of(Map.of("kind", "SHIPPING", "code", "corriere", "description", "Corriere",
                        "amount", 5, "vatRate", 22)),
                "paymentMethod", "card", "grandTotal", 30.5);
    }

    /**
     * An order sync, and the partial ERP sync it hands its orders to: the one it started as it began (fed page
     * by page), or, when another was running, one started once it has ended.
     */
    JsonNode syncOrders(String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());
        Instant ended = Instant.parse(run.path("finishedAt").asText());
        String fed = "ORDER_SYNC " + run.path("id").asLong();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean covered = false;
            for (JsonNode other : hub.get("/api/runs?limit=50").body()) {
                if (other.path("kind").asText().equals(PartialErpSync.LOCK_KIND)) {
                    if (other.path("state").asText().equals("RUNNING")) {
                        return false;
                    }
                    covered |= other.path("trigger").asText().equals(fed)
                            || !Instant.parse(other.path("startedAt").asText()).isBefore(ended);
                }
            }
            return covered;
        });
        return run;
    }

    JsonNode partialSync() {
        awaitNoPartialSyncRunning();
        HubClient.Response started = hub.post("/api/erp/sync/partial", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return hub.awaitRun(started.body().path("runId").asLong());
    }

    void awaitNoPartialSyncRunning() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode runs = hub == null ? null : hub.get("/api/runs?limit=20").body();
                    if (runs == null) {
                        return true;
                    }
                    for (JsonNode run : runs) {
                        if (run.path("kind").asText().equals(PartialErpSync.LOCK_KIND)
                                && run.path("state").asText().equals("RUNNING")) {
                            return false;
                        }
                    }
                    return true;
                });
    }

}
