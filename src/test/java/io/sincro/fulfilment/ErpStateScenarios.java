package io.sincro.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.OrderState;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedShop.Progress;
import io.sincro.store.ErpMirror;
import io.sincro.store.Orders;
import io.sincro.sync.PartialErpSync;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Flow F2 over real HTTP and a real database: what the merchant does to orders in the ERP (cancel,
 * ship with tracking, ship in part, invoice) reaches the shop once, through delta and full
 * ERP syncs, whatever the shop answers meanwhile. Each test has its own shop account and orders; the
 * syncs read every account, so assertions look only at the test's own orders. Subclasses choose the
 * shop's platform and the database.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// each class has its own simulators: its hub stops with it, so no background work reaches the next class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ErpStateScenarios {

    /** One shop per test (its orders are the test's own); all stay up, as every ERP sync polls every account. */
    static final List<SimulatedShop> shops = new ArrayList<>();
    static final ErpSimulator erp = TestShops.startErp();
    static final AtomicInteger sequence = new AtomicInteger();
    static final LocalDate TODAY = LocalDate.now();

    /** Starts the shops of the concrete class's platform. */
    final SimulatedShop.Starter platform;
    /** This test's shop. */
    SimulatedShop shop;

    ErpStateScenarios(SimulatedShop.Starter platform) {
        this.platform = platform;
    }

    @AfterAll
    static void closeShops() {
        shops.forEach(SimulatedShop::close);
        shops.clear();
    }

    static void erpProperties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
        registry.add("sincro.erp.read-timeout", () -> "2s");
        registry.add("sincro.erp.busy-backoff", () -> "50ms");
        registry.add("sincro.erp.sync.monthly-quota", () -> "1000");
        registry.add("sincro.mail.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    ErpMirror mirror;
    @Autowired
    io.sincro.store.Articles articles;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    io.sincro.listing.filter.ArticleFactsReader factsReader;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop = TestShops.startShop(platform, erp, 23 + sequence.get(), 40);
        shops.add(shop);
        erp.resetFaults();
        erp.down(false);
        awaitNoErpSyncRunning();
    }

    @Test
    void cancelShipPartShipAndInvoiceInTheErpReachTheShopOnceThroughOneDeltaSync() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        assertThat(erpSync("full").path("state").asText()).isEqualTo("COMPLETED");
        int writesBefore = shop.writes();

        List<Orders.StoredOrder> fresh = notYetInvoiced(stored);
        Orders.StoredOrder cancelled = fresh.get(0);
        Orders.StoredOrder shipped = fresh.get(1);
        Orders.StoredOrder partlyShipped = fresh.stream().skip(2).filter(o -> articleUnits(o) >= 2).findFirst()
                .orElseThrow();
        Orders.StoredOrder invoiced = fresh.stream().skip(2).filter(o -> o != partlyShipped).findFirst().orElseThrow();
        erp.cancelOrder(cancelled.erpKey());
        erp.deliver(shipped.erpKey(), null, "2", "TRK-" + shipped.id(), TODAY);
        Orders.Line first = articleLines(partlyShipped).get(0);
        erp.deliver(partlyShipped.erpKey(), Map.of(first.articleCode(), BigDecimal.ONE), "3", "TRK-" + partlyShipped.id(),
                TODAY);
        erp.invoice(invoiced.erpKey(), null, null, null);

        JsonNode run = erpSync("delta");
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("kind").asText()).isEqualTo("ERP_DELTA");

        assertThat(shop.progress(cancelled.shopOrderId())).isEqualTo(Progress.CANCELLED);
        assertThat(shop.shipments(shipped.shopOrderId())).singleElement().satisfies(shipment -> {
            assertThat(shipment.trackingNumber()).isEqualTo("TRK-" + shipped.id());
            assertThat(shipment.quantity()).isEqualByComparingTo(BigDecimal.valueOf(articleUnits(shipped)));
            if (shop.shipsRowByRow()) {
                assertThat(shipment.carrier()).isEqualTo(shop.shipmentCarriers().get("2"));
            }
        });
        assertThat(shop.shipments(partlyShipped.shopOrderId())).singleElement().satisfies(shipment -> {
            assertThat(shipment.trackingNumber()).isEqualTo("TRK-" + partlyShipped.id());
            if (shop.shipsRowByRow()) {
                assertThat(shipment.items()).singleElement().satisfies(item -> {
                    assertThat(item.sku()).isEqualTo(first.sku());
                    assertThat(item.quantity()).isEqualByComparingTo(BigDecimal.ONE);
                });
            }
        });
        assertThat(shop.invoices(invoiced.shopOrderId())).isEqualTo(1);
        assertThat(shop.writes() - writesBefore).as("one cancel, two shipments, one invoice")
                .isEqualTo(shop.writesFor(1, 2, 1));
        for (Orders.StoredOrder untouched : stored) {
            if (!List.of(cancelled, shipped, partlyShipped, invoiced).contains(untouched)) {
                assertThat(shop.shipments(untouched.shopOrderId())).isEmpty();
                assertThat(shop.invoices(untouched.shopOrderId())).isZero();
            }
        }

        JsonNode detail = hub.get("/api/orders/" + partlyShipped.id()).body();
        assertThat(detail.path("erpKey").asText()).isEqualTo(partlyShipped.erpKey());
        assertThat(detail.path("erpYear").asInt()).as("the year of the ERP documents it is in").isEqualTo(2026);
        assertThat(detail.path("fulfilment").asText()).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(detail.path("stateHistory")).singleElement()
                .satisfies(change -> assertThat(change.path("state").asText()).isEqualTo("PARTIALLY_SHIPPED"));
        assertThat(detail.path("pushBack")).singleElement().satisfies(push -> {
            assertThat(push.path("action").asText()).isEqualTo("SHIP");
            assertThat(push.path("state").asText()).isEqualTo("DONE");
            assertThat(push.path("result").asText()).contains("TRK-" + partlyShipped.id());
        });
        JsonNode cancelledDetail = hub.get("/api/orders/" + cancelled.id()).body();
        assertThat(cancelledDetail.path("fulfilment").asText()).isEqualTo("CANCELLED");
        assertThat(cancelledDetail.path("erpClosed").asBoolean()).isTrue();

        int writesAfterFirst = shop.writes();
        assertThat(erpSync("delta").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(shop.writes()).as("a second delta sync sends nothing").isEqualTo(writesAfterFirst);
    }

    @Test
    void theShopFailingDuringThePushBackIsRetriedAndTheInvoiceIsCreatedOnce() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        erpSync("full");
        Orders.StoredOrder beforeCommit = notYetInvoiced(stored).get(0);
        Orders.StoredOrder afterCommit = notYetInvoiced(stored).get(1);
        erp.invoice(beforeCommit.erpKey(), null, null, null);
        shop.failNextWrites(2, 503);

        JsonNode run = erpSync("delta");
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(shop.invoices(beforeCommit.shopOrderId())).isEqualTo(1);
        JsonNode push = hub.get("/api/orders/" + beforeCommit.id()).body().path("pushBack").get(0);
        assertThat(push.path("state").asText()).isEqualTo("DONE");
        assertThat(push.path("attempts").asInt()).isEqualTo(3);

        // the shop commits the invoice, then the answer is lost: the retry must find it, not invoice again
        erp.invoice(afterCommit.erpKey(), null, null, null);
        shop.failAfterCommit(1);
        assertThat(erpSync("delta").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(shop.invoices(afterCommit.shopOrderId())).isEqualTo(1);
        JsonNode second = hub.get("/api/orders/" + afterCommit.id()).body().path("pushBack").get(0);
        assertThat(second.path("state").asText()).isEqualTo("DONE");
        assertThat(second.path("result").asText()).contains(shop.lostAnswerWords());
    }

    @Test
    void anOrderAlreadyInvoicedInTheShopIsRecordedAsDoneWithoutLooping() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        erpSync("full");
        Orders.StoredOrder order = notYetInvoiced(stored).get(0);
        shop.invoiceAsMerchant(order.shopOrderId());
        erp.invoice(order.erpKey(), null, null, null);

        assertThat(erpSync("delta").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(shop.invoices(order.shopOrderId())).as("only the merchant's own invoice").isEqualTo(1);
        JsonNode detail = hub.get("/api/orders/" + order.id()).body();
        assertThat(detail.path("fulfilment").asText()).isEqualTo("INVOICED");
        assertThat(detail.path("pushBack").get(0).path("state").asText()).isEqualTo("DONE");
        assertThat(detail.path("pushBack").get(0).path("result").asText()).contains("already invoiced");

        int writes = shop.writes();
        erpSync("delta");
        assertThat(shop.writes()).isEqualTo(writes);
    }

    @Test
    void aPullThatFailsStillLetsTheStatesReachTheShopAndTheRunDoesNotCountNorMoveItsWatermark() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        assertThat(erpSync("full").path("state").asText()).isEqualTo("COMPLETED");
        List<Orders.StoredOrder> fresh = notYetInvoiced(stored);
        Orders.StoredOrder shipped = fresh.get(0);
        Orders.StoredOrder invoiced = fresh.get(1);
        erp.deliver(shipped.erpKey(), null, "2", "TRK-" + shipped.id(), TODAY);
        erp.invoice(invoiced.erpKey(), null, null, null);
        String stockWatermark = mirror.watermark(io.sincro.erp.ErpPull.STOCK).orElseThrow();
        long quotaUsed = hub.get("/api/erp/quota").body().path("used").asLong();
        erp.failResource("progressivi-articoli", 500);

        JsonNode run = erpSync("delta");
        erp.resetFaults();

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(run.path("message").asText()).contains("step stock failed");
        assertThat(run.path("steps").path("stock").path("failed").asText()).isNotBlank();
        assertThat(run.path("steps").path("customers").path("read").isMissingNode()).as("later pulls ran").isFalse();
        assertThat(shop.shipments(shipped.shopOrderId())).singleElement().satisfies(shipment -> assertThat(
                shipment.trackingNumber()).isEqualTo("TRK-" + shipped.id()));
        assertThat(shop.invoices(invoiced.shopOrderId())).isEqualTo(1);
        assertThat(mirror.watermark(io.sincro.erp.ErpPull.STOCK)).as("the failed resource is read again next time")
                .hasValue(stockWatermark);
        assertThat(hub.get("/api/erp/quota").body().path("used").asLong()).as("a run whose pulls failed is free")
                .isEqualTo(quotaUsed);
        assertThat(erpSync("delta").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(hub.get("/api/erp/quota").body().path("used").asLong()).isEqualTo(quotaUsed + 1);
    }

    @Test
    void anOrderStoredBeforeYearsWereKeptIsReadUnderTheConfiguredYear() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        assertThat(erpSync("full").path("state").asText()).isEqualTo("COMPLETED");
        Orders.StoredOrder legacy = notYetInvoiced(stored).get(0);
        jdbc.sql("UPDATE shop_order SET erp_year = NULL WHERE id = ?").param(legacy.id()).update();
        erp.deliver(legacy.erpKey(), null, "2", "TRK-" + legacy.id(), TODAY);

        JsonNode run = erpSync("delta");

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(shop.shipments(legacy.shopOrderId())).singleElement().satisfies(shipment -> assertThat(
                shipment.trackingNumber()).isEqualTo("TRK-" + legacy.id()));
    }

    @Test
    void aFullAndADeltaSyncRequestedTogetherRunOneAtATime() {
        shopAccount();
        erp.latency(Duration.ofMillis(40));
        HubClient.Response full = hub.post("/api/erp/sync/full", null);
        HubClient.Response delta = hub.post("/api/erp/sync/delta", null);
        erp.latency(Duration.ZERO);

        assertThat(full.status()).as(full.text()).isEqualTo(202);
        assertThat(delta.status()).as(delta.text()).isEqualTo(409);
        assertThat(delta.body().path("detail").asText()).contains("a full ERP sync is already running")
                .contains("run " + full.body().path("runId").asLong());
        assertThat(delta.body().path("runId").asLong()).isEqualTo(full.body().path("runId").asLong());
        HubClient.Response partial = hub.post("/api/erp/sync/partial", null);
        assertThat(partial.status()).as("a partial sync may run beside: " + partial.text()).isIn(202, 409);
        if (partial.status() == 409) {
            // refused only by another partial sync (the full sync's own push of what is pending), never by the full
            assertThat(hub.get("/api/runs/" + partial.body().path("runId").asLong()).body().path("kind").asText())
                    .isEqualTo("PARTIAL_ERP_SYNC");
        }
        hub.awaitRun(full.body().path("runId").asLong());
    }

    @Test
    void aDeltaSyncBringsChangedPricesStockAndCustomerTermsIntoTheHub() {
        String account = shopAccount();
        List<Orders.StoredOrder> stored = importIntoErp(account);
        erpSync("full");
        String article = articleLines(stored.get(0)).get(0).articleCode();
        erp.setArticlePrice(article, 1, new BigDecimal("12.50"));
        erp.setStock(article, 1, new BigDecimal("40"), new BigDecimal("5"), new BigDecimal("3"));
        String customerCode = erp.order(stored.get(0).erpKey()).orElseThrow().path("cod_conto").asText();
        erp.updateCustomer(customerCode, c -> c.put("cod_pagamento", 2).put("cod_listino", 3));

        JsonNode run = erpSync("delta");
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("steps").path("articles").path("read").asInt()).as("a delta reads what changed")
                .isPositive().isLessThan(erp.articles().size() / 2);
        assertThat(mirror.price(article, 1)).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("12.50"));
        assertThat(mirror.available(article, 1)).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("42"));
        assertThat(run.path("steps").path("customers").path("updated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(run.path("steps").path("lookup tables").path("payment-terms").asInt()).isPositive();
        assertThat(run.path("steps")).isNotEmpty();
    }

    @Test
    void aDeltaSyncBringsTheCategoryTreePublishedFlagAndAttributesArticleFiltersAskFor() throws Exception {
        shopAccount();
        erpSync("full");
        String article = erp.articles().get(0).path("codice").asText();
        erp.putLookup("gruppi-merceologici", com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .createObjectNode().put("codice", "CAFBIO").put("descrizione", "Caffè biologico").put("stato", "A")
                .put("cod_grp_merc", "CAFCAP"));
        erp.updateArticle(article, a -> a.put("cod_grp_merc", "CAFBIO").put("gest_annullato", "S")
                .put("cod_natura", "PF").put("tipologia", "A"));
        io.sincro.listing.filter.ArticleFilter filter = io.sincro.listing.filter.ArticleFilter.parse(
                "category = 'CAF' and not published and attribute['cod_natura'] = 'pf'");

        JsonNode run = erpSync("delta");

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        io.sincro.listing.filter.ArticleFacts facts = factsReader.read(List.of(article)).get(article);
        assertThat(facts.categoryPath()).containsExactly("CAF", "CAFCAP", "CAFBIO");
        assertThat(facts.primaryCategory()).isEqualTo("CAFBIO");
        assertThat(facts.published()).as("cancelled in the ERP").isFalse();
        assertThat(facts.attribute("cod_natura")).isEqualTo("PF");
        assertThat(facts.attribute("tipologia")).isEqualTo("A");
        assertThat(filter.matches(facts)).isTrue();

        // the merchant restores the article and clears its nature: the next delta sync says so
        erp.updateArticle(article, a -> a.put("gest_annullato", "N").put("cod_natura", ""));
        erpSync("delta");
        io.sincro.listing.filter.ArticleFacts restored = factsReader.read(List.of(article)).get(article);
        assertThat(restored.published()).isTrue();
        assertThat(restored.attribute("cod_natura")).isNull();
        assertThat(filter.matches(restored)).isFalse();
    }

    @Test
    void aFullSyncMarksTheArticlesTheErpNoLongerHasAsRemoved() {
        shopAccount();
        String gone = "GONE-" + sequence.incrementAndGet();
        articles.mirrorFromErp(gone, null, "Articolo tolto dal gestionale", "22", "pz");
        long removedBefore = mirror.articleCount("REMOVED");

        JsonNode run = erpSync("full");

        assertThat(run.path("steps").path("articles").path("removed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(mirror.articleCount("REMOVED")).isEqualTo(removedBefore + run.path("steps").path("articles")
                .path("removed").asInt());
        assertThat(articles.findByCodeOrAlias(gone)).hasValueSatisfying(a -> assertThat(a.erpState())
                .isEqualTo("REMOVED"));
        String kept = erp.articles().get(0).path("codice").asText();
        assertThat(articles.findByCodeOrAlias(kept)).hasValueSatisfying(a -> assertThat(a.erpState())
                .isEqualTo("SYNCED"));
    }

    @Test
    void aFullSyncReadsBackEveryOpenOrderPageAfterPage() {
        int firstShop = importIntoErp(shopAccount()).size();
        // a second shop: more open orders than one page (50), the newest of them at the end of the last page
        shop = TestShops.startShop(platform, erp, 71 + sequence.get(), 40);
        shops.add(shop);
        List<Orders.StoredOrder> secondShop = importIntoErp(shopAccount());
        assertThat(firstShop + secondShop.size()).as("more than a page").isGreaterThan(50);
        List<Orders.StoredOrder> fresh = notYetInvoiced(secondShop);
        Orders.StoredOrder newest = fresh.get(fresh.size() - 1);
        erp.deliver(newest.erpKey(), null, "2", "TRK-" + newest.id(), TODAY);

        JsonNode run = erpSync("full");

        JsonNode states = run.path("steps").path("order states");
        assertThat(states.path("open").asInt()).as(run.toString()).isGreaterThanOrEqualTo(firstShop + secondShop.size());
        assertThat(states.path("read").asInt()).as("a full sync reads every open order").isEqualTo(
                states.path("open").asInt());
        assertThat(shop.shipments(newest.shopOrderId())).singleElement().satisfies(shipment -> assertThat(
                shipment.trackingNumber()).isEqualTo("TRK-" + newest.id()));
    }

    @Test
    void aKeyThatNamesAnotherDocumentInTheErpChangesNothingInTheShop() {
        String account = shopAccount();
        List<Orders.StoredOrder> fresh = notYetInvoiced(importIntoErp(account));
        assertThat(erpSync("full").path("state").asText()).isEqualTo("COMPLETED");
        Orders.StoredOrder replaced = fresh.get(0);
        Orders.StoredOrder renoted = fresh.get(1);
        com.fasterxml.jackson.databind.node.ObjectNode original = erp.order(replaced.erpKey()).orElseThrow();
        String ownCustomer = original.path("cod_conto").asText();
        String otherCustomer = erp.orders().stream().map(o -> o.path("cod_conto").asText())
                .filter(code -> !code.equals(ownCustomer)).findFirst().orElseThrow();
        // under the key there is now another order (e.g. the same number in another year's documents)…
        erp.updateOrderHeader(replaced.erpKey(), o -> o.put("nota", "Ordine telefonico").put("cod_conto", otherCustomer)
                .putNull("id_ind_sped"));
        erp.cancelOrder(replaced.erpKey());
        // …while here the merchant only rewrote the note of the hub's order
        erp.updateOrderHeader(renoted.erpKey(), o -> o.put("nota", "Consegnare al portiere"));
        erp.cancelOrder(renoted.erpKey());

        JsonNode run = erpSync("delta");
        // as it was, so that the full syncs of the other tests find the hub's order again
        erp.updateOrderHeader(replaced.erpKey(), o -> o.put("nota", original.path("nota").asText())
                .put("cod_conto", ownCustomer).set("id_ind_sped", original.get("id_ind_sped")));

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(run.path("message").asText()).contains("name other documents in the ERP");
        assertThat(run.path("steps").path("order states").path("notTheHubsOrder").asInt()).isEqualTo(1);
        assertThat(shop.progress(replaced.shopOrderId())).isEqualTo(Progress.NEW);
        assertThat(hub.get("/api/orders/" + replaced.id()).body().path("stateHistory")).isEmpty();
        assertThat(shop.progress(renoted.shopOrderId())).isEqualTo(Progress.CANCELLED);
    }

    /** Every request the hub made in the test is one the public WebAPI description allows (issue 9). */
    @org.junit.jupiter.api.AfterEach
    void everyRequestTheHubMadeIsInTheWebApiDescription() {
        List<ErpSimulator.RecordedRequest> made = erp.requests();
        erp.clearRequests();
        assertThat(io.sincro.contracts.WebApiContract.load().violations(made)).isEmpty();
    }

    // --------------------------------------------------------------------------------------- helpers

    List<Orders.StoredOrder> importIntoErp(String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        hub.awaitRun(started.body().path("runId").asLong());
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.count(account, OrderState.NEW) == 0
                && noPartialSyncRunning());
        List<Orders.StoredOrder> stored = new ArrayList<>();
        for (Orders.StoredOrder order : orders.find(account, OrderState.STORED, 1000, 0)) {
            stored.add(orders.get(order.id()).orElseThrow());
        }
        stored.sort((a, b) -> Long.compare(a.id(), b.id()));
        assertThat(stored).hasSizeGreaterThanOrEqualTo(6);
        return stored;
    }

    /** Orders still "new" in the shop: nothing invoiced or shipped there yet. */
    List<Orders.StoredOrder> notYetInvoiced(List<Orders.StoredOrder> stored) {
        List<Orders.StoredOrder> fresh = stored.stream()
                .filter(o -> shop.progress(o.shopOrderId()) == Progress.NEW).toList();
        assertThat(fresh).hasSizeGreaterThanOrEqualTo(4);
        return fresh;
    }

    static List<Orders.Line> articleLines(Orders.StoredOrder order) {
        return order.lines().stream().filter(l -> l.kind().equals("ARTICLE")).toList();
    }

    static int articleUnits(Orders.StoredOrder order) {
        return articleLines(order).stream().mapToInt(l -> l.quantity().intValue()).sum();
    }

    String shopAccount() {
        return TestShops.account(hub, shop, "state-shop-" + sequence.incrementAndGet(),
                Map.of("shipmentCarriers", shop.shipmentCarriers()));
    }

    JsonNode erpSync(String kind) {
        awaitNoErpSyncRunning();
        HubClient.Response started = hub.post("/api/erp/sync/" + kind, null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return hub.awaitRun(started.body().path("runId").asLong());
    }

    boolean noPartialSyncRunning() {
        return noneRunning(PartialErpSync.LOCK_KIND);
    }

    void awaitNoErpSyncRunning() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> noneRunning("ERP_FULL") && noneRunning("ERP_DELTA") && noPartialSyncRunning());
    }

    boolean noneRunning(String kind) {
        JsonNode runs = hub.get("/api/runs?limit=50").body();
        for (JsonNode run : runs) {
            if (run.path("kind").asText().equals(kind) && run.path("state").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }
}
