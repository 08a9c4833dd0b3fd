package io.sincro.sandbox;

import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.sandbox.prestashop.WebserviceKey;
import io.sincro.sandbox.prestashop.WsRow;
import io.sincro.shop.Platform;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PrestaShop simulator ({@code sandbox.prestashop}, a PrestaShop 8 webservice) as a {@link SimulatedShop}.
 * The generated shop gets what the scenarios need and its generator leaves out, added through the shop's data
 * as a merchant's shop would have it: half the paid orders still awaiting a bank wire (nothing to invoice yet
 * in Magento's words: "new"), a guest who ordered with a registered customer's e-mail, and a company whose
 * partita IVA fails its check digit. Order and customer ids are the webservice's ids; times are shop-local.
 *
 * <p>What a PrestaShop shop does not have, it says so ({@link #shipsRowByRow}, {@link #otherCredentials}),
 * and the scenarios that need it are skipped with that reason. An unreadable order is one whose rows the shop
 * cannot output ({@link #makeUnreadable}: a PHP warning, code 3). Its real-shaped orders
 * ({@link #addFixture}) are PrestaShop 8 webservice answers kept in {@code src/test/resources/prestashop/orders}.
 */
public final class SimulatedPrestaShop implements SimulatedShop {

    /** A webservice key as the back office makes it: 32 letters and digits. */
    static final String KEY = "SINCROTESTKEY0123456789ABCDEFGHJ";
    /** The order states the scenario accounts import: awaiting payment and paid, as Magento's pending and processing. */
    static final List<String> IMPORTED_STATES = List.of("PS_OS_BANKWIRE", "PS_OS_PAYMENT");
    /** The sandbox's payment modules → ERP payment codes (as the sandbox-prestashop account has them). */
    static final Map<String, String> PAYMENTS = Map.of("ps_checkpayment", "1", "ps_wirepayment", "2", "paypal", "3",
            "ps_cashondelivery", "4", "free_order", "1");
    /** The sandbox's carriers (by id_reference) → ERP carrier codes. */
    static final Map<String, String> CARRIERS = Map.of("1", "1", "2", "1", "3", "2", "4", "3");

    private final PrestaShopSimulator simulator;
    private final PrestaShopShop data;
    private final Set<String> generated;
    private final Set<String> invalidVat = new LinkedHashSet<>();
    /** History rows and their order-state ids up to the start: later rows are the hub's or the merchant's. */
    private final long lastGeneratedHistory;
    private final long paid;
    private final long shipped;
    private final long cancelled;
    private final long awaitingWire;

    private SimulatedPrestaShop(PrestaShopSimulator simulator) {
        this.simulator = simulator;
        this.data = simulator.shop();
        this.paid = data.stateId("PS_OS_PAYMENT");
        this.shipped = data.stateId("PS_OS_SHIPPING");
        this.cancelled = data.stateId("PS_OS_CANCELED");
        this.awaitingWire = data.stateId("PS_OS_BANKWIRE");
        lineReductionsAreNotVouchers();
        awaitingPayment();
        guestWithARegisteredEmail();
        companyWithAWrongPartitaIva();
        customersChangedAtTheirOwnTimes();
        this.generated = data.all("orders").stream().map(o -> String.valueOf(o.id()))
                .collect(Collectors.toUnmodifiableSet());
        this.lastGeneratedHistory = data.all("order_histories").stream().mapToLong(WsRow::id).max().orElse(0);
    }

    /** A PrestaShop simulator with {@code orders} generated orders (and the three added ones), the newest changed an hour ago. */
    public static SimulatedPrestaShop start(long seed, int orders) {
        PrestaShopShop shop = SandboxPrestaShop.generate(seed, orders, LocalDateTime.now(PrestaShopShop.SHOP_ZONE)
                .minusHours(1).truncatedTo(ChronoUnit.SECONDS), SandboxPrestaShop.StateIds.freshInstall());
        return new SimulatedPrestaShop(PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)), shop));
    }

    public PrestaShopSimulator simulator() {
        return simulator;
    }

    // ------------------------------------------------------------------------------- the scenarios' data

    /**
     * A product's own reduction (reduction_percent on the order detail) is already in the row's unit price;
     * PrestaShop's {@code total_discounts} holds the vouchers (cart rules) only. The generator puts the line
     * reductions there too, while its {@code total_paid} does not subtract them: such an order would add up
     * to more than it was paid. Its orders get their vouchers back to none.
     */
    private void lineReductionsAreNotVouchers() {
        for (WsRow order : data.all("orders")) {
            boolean reduced = data.where("order_details", d -> d.getLong("id_order") == order.id()).stream()
                    .anyMatch(d -> new BigDecimal(d.get("reduction_percent").isEmpty() ? "0" : d.get("reduction_percent"))
                            .signum() > 0);
            if (reduced) {
                data.replace("orders", order.set("total_discounts", "0.000000").set("total_discounts_tax_incl", "0.000000")
                        .set("total_discounts_tax_excl", "0.000000"));
            }
        }
    }

    /** Every other paid order is still awaiting its bank wire: the hub's invoice (payment accepted) is news to it. */
    private void awaitingPayment() {
        int n = 0;
        for (WsRow order : data.all("orders")) {
            if (order.getLong("current_state") == paid && n++ % 2 == 0) {
                data.replace("orders", order.set("current_state", awaitingWire).set("module", "ps_wirepayment")
                        .set("payment", "Bonifico bancario"));
                data.where("order_histories", h -> h.getLong("id_order") == order.id())
                        .forEach(h -> data.replace("order_histories", h.set("id_order_state", awaitingWire)));
            }
        }
    }

    /** A guest checkout with the e-mail of a registered customer who has an order too. */
    private void guestWithARegisteredEmail() {
        WsRow registered = importable().get(0);
        WsRow customer = data.find("customers", registered.getLong("id_customer")).orElseThrow();
        WsRow guest = data.insert("customers", withoutId(customer).set("is_guest", 1).set("passwd", "")
                .set("newsletter", 0));
        WsRow address = data.insert("addresses", withoutId(data.find("addresses", registered.getLong("id_address_invoice"))
                .orElseThrow()).set("id_customer", guest.id()).set("alias", "Ospite"));
        copyOrder(registered, o -> o.set("id_customer", guest.id()).set("id_address_invoice", address.id())
                .set("id_address_delivery", address.id()));
    }

    /** A company whose invoice address carries a partita IVA with a wrong check digit. */
    private void companyWithAWrongPartitaIva() {
        WsRow template = importable().stream().filter(o -> !data.find("addresses", o.getLong("id_address_invoice"))
                .orElseThrow().get("vat_number").isEmpty()).findFirst().orElse(importable().get(1));
        WsRow invoice = data.find("addresses", template.getLong("id_address_invoice")).orElseThrow();
        String vat = "0123456789" + "0";
        if (io.sincro.fiscal.PartitaIva.whyInvalid(vat).isEmpty()) {
            vat = "01234567891";
        }
        WsRow wrong = data.insert("addresses", withoutId(invoice).set("vat_number", vat).set("dni", "")
                .set("company", "Partita Sbagliata S.r.l."));
        WsRow order = copyOrder(template, o -> o.set("id_address_invoice", wrong.id()));
        invalidVat.add(String.valueOf(order.id()));
    }

    /** Customers registered over the month, each at its own second (the generator gives them all one). */
    private void customersChangedAtTheirOwnTimes() {
        List<WsRow> all = data.all("customers");
        LocalDateTime first = LocalDateTime.now(PrestaShopShop.SHOP_ZONE).minusDays(30).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < all.size(); i++) {
            String at = first.plusMinutes(7L * i).format(PrestaShopShop.DATE);
            data.replace("customers", all.get(i).set("date_add", at).set("date_upd", at));
        }
    }

    private List<WsRow> importable() {
        return data.all("orders").stream().filter(o -> o.getLong("current_state") == paid
                || o.getLong("current_state") == awaitingWire).toList();
    }

    /** A new order like {@code template} (its rows, details and carrier too), changed now; {@code change} alters it. */
    private WsRow copyOrder(WsRow template, java.util.function.UnaryOperator<WsRow> change) {
        String now = data.now();
        WsRow order = data.insert("orders", change.apply(withoutId(template).set("date_add", now).set("date_upd", now)
                .set("reference", "SIM" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase())));
        List<Map<String, String>> rows = new ArrayList<>();
        for (WsRow detail : data.where("order_details", d -> d.getLong("id_order") == template.id())) {
            WsRow copy = data.insert("order_details", withoutId(detail).set("id_order", order.id()));
            Map<String, String> row = new LinkedHashMap<>(template.association("order_rows").stream()
                    .filter(r -> r.get("id").equals(String.valueOf(detail.id()))).findFirst().orElse(Map.of()));
            row.put("id", String.valueOf(copy.id()));
            rows.add(row);
        }
        WsRow stored = data.replace("orders", order.association("order_rows", rows));
        data.where("order_carriers", c -> c.getLong("id_order") == template.id()).stream().findFirst()
                .ifPresent(c -> data.insert("order_carriers", withoutId(c).set("id_order", order.id())
                        .set("tracking_number", "").set("date_add", now)));
        data.insert("order_histories", new WsRow().set("id_employee", 0).set("id_order", order.id())
                .set("id_order_state", order.get("current_state")).set("date_add", now));
        return stored;
    }

    private static WsRow withoutId(WsRow row) {
        WsRow copy = new WsRow();
        row.values().forEach((field, value) -> {
            if (!field.equals("id")) {
                copy.set(field, value);
            }
        });
        row.associations().forEach(copy::association);
        return copy;
    }

    // ------------------------------------------------------------------------------------------- the shop

    @Override
    public Platform platform() {
        return Platform.PRESTASHOP;
    }

    @Override
    public String name() {
        return "PrestaShop";
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    // --------------------------------------------------------------------------------------- the account

    @Override
    public Map<String, Object> accountBody(String id, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>();
        all.put("autoCodeArticles", true);
        all.put("paymentMethods", PAYMENTS);
        all.put("carriers", CARRIERS);
        all.put("defaultCarrier", "1");
        all.put("erp", Map.of("sigla", "OC", "serie", 1, "zeroVatCode", "N3.2"));
        all.put("prestashop", Map.of("shopId", SandboxPrestaShop.SHOP_ID, "languageId", SandboxPrestaShop.LANGUAGE_ID,
                "importStates", IMPORTED_STATES));
        all.putAll(settings);
        return Map.of("id", id, "name", "Shop " + id, "platform", "PRESTASHOP", "baseUrl", simulator.baseUrl(),
                "credentials", Map.of("mode", "WEBSERVICE", "webserviceKey", KEY), "settings", all);
    }

    @Override
    public Map<String, String> paymentMethods() {
        return PAYMENTS;
    }

    @Override
    public String paypalPaymentMethod() {
        return "paypal";
    }

    @Override
    public Map<String, String> shipmentCarriers() {
        // a shipment keeps the order's carrier: nothing to map
        return Map.of();
    }

    @Override
    public Map<String, Object> fieldsReadFromTheCustomer() {
        // the connector reads a page's customers with the page: nothing to add
        return Map.of();
    }

    @Override
    public Map<String, String> storedSecrets() {
        return Map.of("access_token", KEY);
    }

    @Override
    public String secretSetFlag() {
        return "accessTokenSet";
    }

    @Override
    public CredentialsChange otherCredentials() {
        // the ws_key query parameter exists, but puts the key into every log on the way: the hub does not offer it
        return null;
    }

    // ---------------------------------------------------------------------------------------- the orders

    @Override
    public List<ShopOrder> orders() {
        return data.all("orders").stream().map(this::view).toList();
    }

    @Override
    public List<ShopOrder> importableOrders() {
        return data.all("orders").stream().filter(o -> o.getLong("current_state") == paid
                || o.getLong("current_state") == awaitingWire).map(this::view).toList();
    }

    @Override
    public ShopOrder order(String id) {
        return data.find("orders", Long.parseLong(id)).map(this::view).orElse(null);
    }

    @Override
    public Set<String> generatedOrderIds() {
        return generated;
    }

    @Override
    public void touchOrder(String id, Instant at) {
        WsRow order = data.order(Long.parseLong(id));
        data.replace("orders", order.set("date_upd", local(at)));
    }

    @Override
    public synchronized ShopOrder addOrderSelling(String sku, String name) {
        WsRow template = importable().stream().filter(o -> o.association("order_rows").size() == 1)
                .filter(o -> !invalidVat.contains(String.valueOf(o.id()))).findFirst().orElseThrow();
        WsRow order = copyOrder(template, o -> o);
        Map<String, String> row = new LinkedHashMap<>(order.association("order_rows").get(0));
        row.put("product_reference", sku);
        row.put("product_name", name);
        row.put("product_id", "0");
        data.replace("orders", order.association("order_rows", List.of(row)));
        WsRow detail = data.find("order_details", Long.parseLong(row.get("id"))).orElseThrow();
        data.replace("order_details", detail.set("product_reference", sku).set("product_name", name)
                .set("product_id", 0));
        return order(String.valueOf(order.id()));
    }

    /** The real-shaped PrestaShop 8 orders of {@code src/test/resources/prestashop/orders}, one per money case. */
    private static final Map<Fixture, String> FIXTURES = Map.of(
            Fixture.COUPON_TWO_VAT_RATES, "coupon-two-vat-rates",
            Fixture.FULL_DISCOUNT, "full-discount",
            Fixture.GUEST, "guest",
            Fixture.CONFIGURABLE_CHILD_DELETED, "configurable-child-deleted",
            Fixture.BUNDLE_SHIP_SEPARATELY, "bundle-ship-separately",
            Fixture.TAX_INCLUSIVE_PRICES, "tax-inclusive-prices",
            Fixture.FOREIGN_CURRENCY_USD, "foreign-currency-usd");

    @Override
    public synchronized ShopOrder addFixture(Fixture fixture, BigDecimal grandTotal) {
        WsRow order = io.sincro.sandbox.prestashop.PrestaShopOrderFixtures.add(data, FIXTURES.get(fixture), paid,
                grandTotal);
        return order(String.valueOf(order.id()));
    }

    @Override
    public Set<Fixture> fixtures() {
        return FIXTURES.keySet();
    }

    @Override
    public List<Fixture> fixturesInEuro() {
        return List.of(Fixture.COUPON_TWO_VAT_RATES, Fixture.FULL_DISCOUNT, Fixture.GUEST,
                Fixture.CONFIGURABLE_CHILD_DELETED, Fixture.BUNDLE_SHIP_SEPARATELY, Fixture.TAX_INCLUSIVE_PRICES);
    }

    @Override
    public boolean orderListsSayTheirTotal() {
        return false;
    }

    @Override
    public List<Article> catalogue() {
        return SandboxPrestaShop.CATALOGUE.stream()
                .map(i -> new Article(i.reference(), i.name(), BigDecimal.valueOf(i.vatRate()))).toList();
    }

    private ShopOrder view(WsRow order) {
        WsRow customer = data.find("customers", order.getLong("id_customer")).orElse(new WsRow());
        boolean guest = customer.getLong("is_guest") == 1;
        List<String> skus = order.association("order_rows").stream().map(r -> r.get("product_reference")).toList();
        String id = String.valueOf(order.id());
        return new ShopOrder(id, order.get("reference"), stateKey(order.getLong("current_state")), customer.get("email"),
                guest ? null : String.valueOf(customer.id()), guest, skus, new BigDecimal(order.get("total_paid_tax_incl")),
                discount(order), instant(order.get("date_upd")),
                !invalidVat.contains(id));
    }

    /** Vouchers and the rows' own reductions (tax excluded): what the customer did not pay of the list prices. */
    private BigDecimal discount(WsRow order) {
        BigDecimal reductions = data.where("order_details", d -> d.getLong("id_order") == order.id()).stream()
                .map(d -> new BigDecimal(d.get("product_price")).subtract(new BigDecimal(d.get("unit_price_tax_excl")))
                        .multiply(new BigDecimal(d.get("product_quantity"))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new BigDecimal(order.get("total_discounts_tax_excl")).add(reductions);
    }

    private String stateKey(long stateId) {
        return data.where("configurations", c -> c.get("name").startsWith("PS_OS_")
                && c.get("value").equals(String.valueOf(stateId))).stream().map(c -> c.get("name")).findFirst()
                .orElse(String.valueOf(stateId));
    }

    private static Instant instant(String shopTime) {
        return LocalDateTime.parse(shopTime, PrestaShopShop.DATE).atZone(PrestaShopShop.SHOP_ZONE).toInstant();
    }

    private static String local(Instant at) {
        return at.atZone(PrestaShopShop.SHOP_ZONE).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(PrestaShopShop.DATE);
    }

    // --------------------------------------------------------------------------------- after the push-back

    @Override
    public Progress progress(String orderId) {
        long state = data.order(Long.parseLong(orderId)).getLong("current_state");
        WsRow flags = data.find("order_states", state).orElse(new WsRow());
        if (state == cancelled) {
            return Progress.CANCELLED;
        }
        if (flags.getLong("shipped") == 1) {
            return Progress.COMPLETE;
        }
        if (flags.getLong("paid") == 1) {
            return Progress.PROCESSING;
        }
        return state == awaitingWire || state == data.stateId("PS_OS_CHEQUE")
                || state == data.stateId("PS_OS_COD_VALIDATION") ? Progress.NEW : Progress.OTHER;
    }

    /** The history rows added since the start (by the hub or the merchant), oldest first. */
    private List<WsRow> newHistory(long orderId) {
        return data.orderHistories(orderId).stream().filter(h -> h.id() > lastGeneratedHistory).toList();
    }

    @Override
    public List<Shipment> shipments(String orderId) {
        long id = Long.parseLong(orderId);
        WsRow carrier = data.where("order_carriers", c -> c.getLong("id_order") == id).stream().findFirst().orElse(null);
        String tracking = carrier == null || carrier.get("tracking_number").isEmpty() ? null : carrier.get("tracking_number");
        long moves = newHistory(id).stream().filter(h -> h.getLong("id_order_state") == shipped).count();
        if (moves == 0 && tracking == null) {
            return List.of();
        }
        // the whole order ships: PrestaShop's shipment is a state and the order carrier's tracking number
        List<ShippedItem> items = data.order(id).association("order_rows").stream()
                .map(r -> new ShippedItem(r.get("product_reference"), new BigDecimal(r.get("product_quantity")))).toList();
        List<Shipment> shipments = new ArrayList<>();
        for (long i = 0; i < Math.max(1, moves); i++) {
            shipments.add(new Shipment(tracking, carrier == null ? null : carrier.get("id_carrier"), items));
        }
        return shipments;
    }

    @Override
    public int invoices(String orderId) {
        return (int) newHistory(Long.parseLong(orderId)).stream().filter(h -> h.getLong("id_order_state") == paid).count();
    }

    @Override
    public void invoiceAsMerchant(String orderId) {
        data.changeState(Long.parseLong(orderId), paid);
    }

    @Override
    public int writes() {
        return (int) simulator.requests().stream().filter(r -> !r.method().equals("GET") && !r.method().equals("HEAD"))
                .count();
    }

    @Override
    public int writesFor(int cancels, int shipments, int invoices) {
        // a shipment is a state change and the tracking number on the order's carrier
        return cancels + 2 * shipments + invoices;
    }

    @Override
    public boolean shipsRowByRow() {
        return false;
    }

    @Override
    public String lostAnswerWords() {
        return "the shop's answer was lost; the order shows it";
    }

    // -------------------------------------------------------------------------------------- the customers

    @Override
    public List<String> customerIds() {
        return data.all("customers").stream().map(c -> String.valueOf(c.id())).toList();
    }

    @Override
    public synchronized void renameCustomer(String id, String firstName, String lastName) {
        WsRow customer = data.find("customers", Long.parseLong(id)).orElseThrow();
        if (firstName != null) {
            customer.set("firstname", firstName);
        }
        if (lastName != null) {
            customer.set("lastname", lastName);
        }
        // as the back office saves: date_upd now, at least a second after the previous one
        Instant previous = instant(customer.get("date_upd"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        data.replace("customers", customer.set("date_upd", local(now.isAfter(previous) ? now : previous.plusSeconds(1))));
    }

    @Override
    public String addCustomerLike(String like, String email) {
        WsRow customer = data.find("customers", Long.parseLong(like)).orElseThrow();
        return String.valueOf(data.insert("customers", withoutId(customer).set("email", email).set("date_upd", data.now()))
                .id());
    }

    // ------------------------------------------------------------------------------------------- faults

    @Override
    public void failOrderListCall(int call, int times, int status) {
        simulator.failOrderListCall(call, times, status);
    }

    @Override
    public void refuseCredentials() {
        // the merchant took every permission off the key: PrestaShop answers 401 code 26 on any resource
        simulator.addKey(WebserviceKey.of(KEY, Map.of()));
    }

    @Override
    public void rateLimit(int times, int retryAfterSeconds) {
        // PrestaShop itself has no rate limit: the proxy or host in front of it answers 429
        simulator.rateLimit(times, retryAfterSeconds);
    }

    @Override
    public void latency(Duration perRequest) {
        simulator.latency(perRequest);
    }

    @Override
    public void refuseCustomerReads() {
        Map<String, Set<String>> permissions = new HashMap<>(PrestaShopSimulator.fullKey(KEY).permissions());
        permissions.remove("customers");
        simulator.addKey(WebserviceKey.of(KEY, permissions));
    }

    @Override
    public boolean makeUnreadable(ShopOrder order) {
        // a row of the order the shop cannot output: its page's list and order_details fail with it
        simulator.makeUnreadable(Long.parseLong(order.id()));
        return true;
    }

    @Override
    public void failNextWrites(int times, int status) {
        simulator.failNextWrites(times, status);
    }

    @Override
    public void failAfterCommit(int times) {
        simulator.failAfterCommit(times, 500);
    }

    @Override
    public void resetFaults() {
        simulator.resetFaults();
        simulator.addKey(PrestaShopSimulator.fullKey(KEY));
    }

    // ------------------------------------------------------------------------------ what the shop was asked

    @Override
    public List<Call> requests() {
        return simulator.requests().stream().map(SimulatedPrestaShop::call).toList();
    }

    @Override
    public List<Call> orderListCalls() {
        // the order list, not the push-back's read of one order's current state
        return simulator.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals("/api/orders")
                && !r.query().containsKey("filter[id]")).map(SimulatedPrestaShop::call).toList();
    }

    private static Call call(PrestaShopSimulator.RecordedRequest r) {
        return new Call(r.at(), r.method(), r.path(), r.rawQuery(), r.status(), r.authorization());
    }

    @Override
    public void clearRequests() {
        simulator.clearRequests();
    }

    // ---------------------------------------------------------------------------------- what the hub says

    @Override
    public List<String> unauthorizedWords() {
        return List.of("refused the webservice key (401", "is not allowed with this authentication key");
    }

    @Override
    public List<String> customerPermissionWords() {
        return List.of("refused the webservice key (401", "customers");
    }

    @Override
    public List<String> customerRefusalCauseWords(String account) {
        return List.of("customers", "is not allowed with this authentication key");
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "PrestaShop simulator at " + simulator.baseUrl();
    }
}
