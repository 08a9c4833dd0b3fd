package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.Hold;
import io.sincro.model.OrderState;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedShop.Fixture;
import io.sincro.sandbox.SimulatedShop.ShopOrder;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * The money of an order, end to end over real HTTP and a real database: the real-shaped orders of the
 * shop's platform are put into its simulator, imported, and either land in the ERP simulator as a document
 * whose total (computed from the rows the ERP got, as the ERP computes it) is the shop's grand total,
 * or are held with the reason. Also the fiscal fields a customer update sends, and the permission a
 * refused call names. Subclasses choose the shop's platform and the database.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OrderMoneyScenarios {

    static final ErpSimulator erp = TestShops.startErp();
    static final AtomicInteger sequence = new AtomicInteger();

    /** The concrete class's shop: 40 generated orders (the tests add fixtures beside them), whose catalogue the ERP knows. */
    static SimulatedShop startShop(SimulatedShop.Starter platform) {
        return TestShops.startShop(platform, erp, 23, 40);
    }

    final SimulatedShop shop;

    OrderMoneyScenarios(SimulatedShop shop) {
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
    Customers customers;
    @Autowired
    io.sincro.store.Articles articles;
    @Autowired
    io.sincro.store.DeadLetters deadLetters;

    HubClient hub;

    /**
     * Every request the hub made in the test (discount rows, id_valuta, customer updates) is one the public
     * WebAPI description allows.
     */
    @org.junit.jupiter.api.AfterEach
    void everyRequestTheHubMadeIsInTheWebApiDescription() {
        assertThat(io.sincro.contracts.WebApiContract.load().violations(erp.requests())).isEmpty();
    }

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop.resetFaults();
        erp.resetFaults();
        shop.catalogue().forEach(item -> articles.mirrorFromErp(item.sku(), null, item.name(),
                item.vatRate().stripTrailingZeros().toPlainString(), "pz"));
    }

    @Test
    void everyRealShapedOrderLandsInTheErpTotallingTheShopsGrandTotal() {
        assumeFixture(Fixture.FULL_DISCOUNT);
        Map<Fixture, ShopOrder> added = new LinkedHashMap<>();
        shop.fixturesInEuro().forEach(fixture -> added.put(fixture, shop.addFixture(fixture, null)));
        String account = account(Map.of());

        syncOrders(account);

        added.forEach((name, shopOrder) -> {
            Orders.StoredOrder stored = awaitStored(account, shopOrder);
            ObjectNode inErp = erp.order(stored.erpKey()).orElseThrow();
            assertThat(erpTotal(inErp)).as(name + " in the ERP")
                    .isEqualByComparingTo(shopOrder.grandTotal());
            assertThat(inErp.has("id_valuta")).as(name + " is in the ERP's own currency").isFalse();
        });
        ObjectNode free = erp.order(awaitStored(account, added.get(Fixture.FULL_DISCOUNT)).erpKey())
                .orElseThrow();
        assertThat(erpTotal(free)).isEqualByComparingTo("0");
    }

    @Test
    void sandboxOrdersLandInTheErpWithinACentOfTheirGrandTotalDiscountsIncluded() {
        String account = account(Map.of());
        syncOrders(account);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> orders.count(account, OrderState.NEW) == 0);

        List<Orders.StoredOrder> stored = orders.find(account, OrderState.STORED, 1000, 0).stream()
                .filter(o -> shop.generatedOrderIds().contains(o.shopOrderId())).toList();
        assertThat(stored).isNotEmpty();
        int discounted = 0;
        for (Orders.StoredOrder order : stored) {
            ShopOrder shopOrder = shop.order(order.shopOrderId());
            // the sandbox rounds VAT row by row (Magento's per-row algorithm), the ERP per rate: a cent apart
            // at most, which the account's tolerance allows
            BigDecimal difference = erpTotal(erp.order(order.erpKey()).orElseThrow())
                    .subtract(shopOrder.grandTotal()).abs();
            assertThat(difference).as("order " + order.number()).isLessThanOrEqualTo(new BigDecimal("0.01"));
            discounted += shopOrder.discount().signum() != 0 ? 1 : 0;
        }
        assertThat(discounted).as("sandbox orders with a discount").isPositive();
        List<Hold> holds = orders.find(account, OrderState.HELD, 1000, 0).stream()
                .filter(o -> shop.generatedOrderIds().contains(o.shopOrderId()))
                .flatMap(o -> o.holds().stream()).toList();
        assertThat(holds).as("holds of the sandbox orders: %s", holds).extracting(Hold::code)
                .doesNotContain(Hold.TOTALS_MISMATCH);
    }

    @Test
    void aDiscountReachesTheErpAsQuantityMinusOneTimesThePositiveDiscount() {
        ShopOrder shopOrder = addFixture(Fixture.COUPON_TWO_VAT_RATES, null);
        String account = account(Map.of());

        syncOrders(account);

        ObjectNode inErp = erp.order(awaitStored(account, shopOrder).erpKey()).orElseThrow();
        List<Integer> discountRows = rowsWithArticle(inErp, "SCONTO");
        assertThat(discountRows).hasSize(2);
        for (int row : discountRows) {
            assertThat(valueOfRow(inErp.path("quantita"), row).decimalValue()).isEqualByComparingTo("-1");
            assertThat(valueOfRow(inErp.path("prezzo"), row).decimalValue()).isPositive();
        }
        assertThat(erpTotal(inErp)).isEqualByComparingTo("44.91");
    }

    @Test
    void anOrderWhoseTotalsDifferIsHeldWithBothFiguresAndNeverReachesTheErp() {
        ShopOrder shopOrder = addFixture(Fixture.COUPON_TWO_VAT_RATES, new BigDecimal("45.41"));
        String account = account(Map.of());

        syncOrders(account);

        Orders.StoredOrder held = orders.findByShopId(account, shopOrder.id()).orElseThrow();
        assertThat(held.state()).isEqualTo(OrderState.HELD);
        assertThat(held.holds()).extracting(Hold::code).containsExactly(Hold.TOTALS_MISMATCH);
        assertThat(held.holds().get(0).message()).contains("44.91").contains("45.41");
        assertThat(erp.orders()).noneMatch(o -> o.path("nota").asText().contains(reference(account, shopOrder)));
    }

    @Test
    void anOrderInACurrencyTheAccountDoesNotMapIsHeldAndNeverBookedAsEuro() {
        ShopOrder shopOrder = addFixture(Fixture.FOREIGN_CURRENCY_USD, null);
        String account = account(Map.of());

        syncOrders(account);

        Orders.StoredOrder held = orders.findByShopId(account, shopOrder.id()).orElseThrow();
        assertThat(held.state()).isEqualTo(OrderState.HELD);
        assertThat(held.holds()).extracting(Hold::code).containsExactly(Hold.UNMAPPED_CURRENCY);
        assertThat(held.holds().get(0).message()).contains("USD").contains("erp.currencies");
        assertThat(erp.orders()).noneMatch(o -> o.path("nota").asText().contains(reference(account, shopOrder)));
    }

    @Test
    void anOrderInAMappedCurrencyCarriesTheErpCurrency() {
        ShopOrder shopOrder = addFixture(Fixture.FOREIGN_CURRENCY_USD, null);
        String account = account(Map.of("currencies", Map.of("USD", 2)));

        syncOrders(account);

        ObjectNode inErp = erp.order(awaitStored(account, shopOrder).erpKey()).orElseThrow();
        assertThat(inErp.path("id_valuta").asInt()).isEqualTo(2);
        assertThat(erpTotal(inErp).subtract(new BigDecimal("31.75")).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));
    }

    @Test
    void anAccountThatBooksTheShopsBaseAmountsPutsTheEuroFiguresInTheErp() {
        ShopOrder shopOrder = addFixture(Fixture.FOREIGN_CURRENCY_USD, null);
        String account = account(Map.of("foreignCurrency", "SHOP_BASE"));

        syncOrders(account);

        ObjectNode inErp = erp.order(awaitStored(account, shopOrder).erpKey()).orElseThrow();
        assertThat(inErp.has("id_valuta")).isFalse();
        assertThat(erpTotal(inErp)).isEqualByComparingTo("29.40");
    }

    @Test
    void aCustomerUpdateSendsOnlyWhatTheShopHasAndKeepsTheErpsSdiCode() {
        String account = account(Map.of());
        syncOrders(account);
        ShopOrder registered = shop.orders().stream()
                .filter(o -> !o.guest())
                .filter(o -> orders.findByShopId(account, o.id())
                        .map(s -> s.state() != OrderState.HELD).orElse(false))
                .findFirst().orElseThrow();
        Orders.StoredOrder stored = awaitStored(account, registered);
        String code = customers.get(stored.customerId()).orElseThrow().erpCode();
        ObjectNode created = erp.customers().stream().filter(c -> c.path("codice").asText().equals(code)).findFirst()
                .orElseThrow();
        assertThat(created.path("codice_sdi").asText("")).as("no invented SDI code").isNotEqualTo("0000000");
        erp.updateCustomer(code, c -> c.put("codice_sdi", "M5UXCR1"));
        shop.renameCustomer(registered.customerId(), "Rinominata" + sequence.incrementAndGet(), null);
        erp.clearRequests();

        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/customers", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        hub.awaitRun(started.body().path("runId").asLong());

        await().atMost(Duration.ofSeconds(60)).until(() -> erp.requests().stream()
                .anyMatch(r -> r.method().equals("PUT") && r.path().contains("clienti")));
        ErpSimulator.RecordedRequest update = erp.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains("clienti")).findFirst().orElseThrow();
        assertThat(update.body()).doesNotContain("codice_sdi").doesNotContain("0000000");
        ObjectNode after = erp.customers().stream().filter(c -> c.path("codice").asText().equals(code)).findFirst()
                .orElseThrow();
        assertThat(after.path("codice_sdi").asText()).isEqualTo("M5UXCR1");
    }

    @Test
    void aCustomerCallRefusedForLackOfPermissionNamesThePermissionInTheRun() {
        String account = account(Map.of());
        syncOrders(account);
        shop.refuseCustomerReads();

        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/customers", null);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());

        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("message").asText()).contains(shop.customerPermissionWords());
        assertThat(deadLetters.list(io.sincro.store.DeadLetters.State.OPEN, null, 100))
                .anySatisfy(letter -> assertThat(letter.cause()).contains(shop.customerRefusalCauseWords(account)));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Creates an account on the shop; {@code erp} adds to its ERP settings. */
    String account(Map<String, Object> erpSettings) {
        Map<String, Object> erpMap = new HashMap<>(Map.of("sigla", "OC", "serie", 1, "zeroVatCode", "N3.2"));
        erpMap.putAll(erpSettings);
        return TestShops.account(hub, shop, "money-" + sequence.incrementAndGet(), Map.of("erp", erpMap));
    }

    /** The fixture put into the shop; a test whose fixture the platform's simulator lacks is skipped, saying so. */
    ShopOrder addFixture(Fixture fixture, BigDecimal grandTotal) {
        assumeFixture(fixture);
        return shop.addFixture(fixture, grandTotal);
    }

    void assumeFixture(Fixture fixture) {
        org.junit.jupiter.api.Assumptions.assumeTrue(shop.fixtures().contains(fixture),
                "the " + shop.name() + " simulator has no real-shaped order " + fixture);
    }

    void syncOrders(String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
    }

    Orders.StoredOrder awaitStored(String account, ShopOrder shopOrder) {
        String shopId = shopOrder.id();
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> orders.findByShopId(account, shopId).orElse(null),
                        o -> {
                            assertThat(o).as("order " + shopId + " was imported").isNotNull();
                            assertThat(o.holds()).as("holds of " + shopId).isEmpty();
                            return o.state() == OrderState.STORED;
                        });
    }

    static String reference(String account, ShopOrder shopOrder) {
        return "[sincro:" + account + ":" + shopOrder.id() + "]";
    }

    /**
     * The document's total as the ERP computes it from the rows it got: each row quantity x price
     * rounded to the cent, summed per VAT code, VAT on each sum (exemption codes are 0 %).
     */
    static BigDecimal erpTotal(ObjectNode document) {
        Map<String, BigDecimal> taxable = new HashMap<>();
        for (JsonNode pair : document.path("quantita")) {
            int row = pair.get(0).asInt();
            BigDecimal amount = pair.get(1).decimalValue().multiply(valueOfRow(document.path("prezzo"), row).decimalValue())
                    .setScale(2, RoundingMode.HALF_UP);
            taxable.merge(valueOfRow(document.path("cod_iva"), row).asText(), amount, BigDecimal::add);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : taxable.entrySet()) {
            BigDecimal rate = e.getKey().matches("\\d+(\\.\\d+)?") ? new BigDecimal(e.getKey()) : BigDecimal.ZERO;
            total = total.add(e.getValue()).add(e.getValue().multiply(rate).divide(BigDecimal.valueOf(100))
                    .setScale(2, RoundingMode.HALF_UP));
        }
        return total;
    }

    static List<Integer> rowsWithArticle(ObjectNode document, String article) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (JsonNode pair : document.path("codice_articolo")) {
            if (pair.get(1).asText().equals(article)) {
                rows.add(pair.get(0).asInt());
            }
        }
        return rows;
    }

    static JsonNode valueOfRow(JsonNode rowArray, int row) {
        for (JsonNode pair : rowArray) {
            if (pair.get(0).asInt() == row) {
                return pair.get(pair.size() - 1);
            }
        }
        throw new AssertionError("no row " + row + " in " + rowArray);
    }
}
