package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.sandbox.SandboxConfiguration;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.shop.Platform;
import io.sincro.shop.magento.MagentoOrderFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The Magento simulator as a {@link SimulatedShop}: a store view "it", OAuth 1.0a credentials (Bearer allowed too). */
public final class MagentoShop implements SimulatedShop {

    static final MagentoSimulator.Credentials CREDENTIALS = new MagentoSimulator.Credentials("test-consumer-key",
            "test-consumer-secret", "test-access-token", "test-access-token-secret", true);
    /** The statuses the scenario accounts import: Magento's default ones of states new and processing. */
    static final List<String> IMPORTED_STATUSES = List.of("pending", "processing");

    private static final Map<Fixture, String> FIXTURES = Map.of(
            Fixture.COUPON_TWO_VAT_RATES, MagentoOrderFixtures.COUPON,
            Fixture.FULL_DISCOUNT, MagentoOrderFixtures.FULL_DISCOUNT,
            Fixture.GUEST, MagentoOrderFixtures.GUEST,
            Fixture.CONFIGURABLE_CHILD_DELETED, MagentoOrderFixtures.CONFIGURABLE,
            Fixture.BUNDLE_SHIP_SEPARATELY, MagentoOrderFixtures.BUNDLE,
            Fixture.TAX_INCLUSIVE_PRICES, MagentoOrderFixtures.TAX_INCLUSIVE,
            Fixture.FOREIGN_CURRENCY_USD, MagentoOrderFixtures.USD);

    private final MagentoSimulator simulator;
    private final Set<String> generated;
    /** Orders the tests added as copies of valid ones or from fixtures: their fiscal codes are valid whatever their id. */
    private final Set<String> added = ConcurrentHashMap.newKeySet();

    private MagentoShop(MagentoSimulator simulator) {
        this.simulator = simulator;
        this.generated = simulator.shop().orders().stream().map(o -> o.path("entity_id").asText())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A Magento simulator with {@code orders} generated sandbox orders, the newest updated an hour ago. */
    public static MagentoShop start(long seed, int orders) {
        return new MagentoShop(MagentoSimulator.start(0, "it", CREDENTIALS, SandboxShop.generate(seed, orders,
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS))));
    }

    /** The simulator itself, for what only Magento has. */
    public MagentoSimulator simulator() {
        return simulator;
    }

    @Override
    public Platform platform() {
        return Platform.MAGENTO;
    }

    @Override
    public String name() {
        return "Magento";
    }

    @Override
    public String baseUrl() {
        return simulator.baseUrl();
    }

    // --------------------------------------------------------------------------------------- the account

    @Override
    public Map<String, Object> accountBody(String id, Map<String, Object> settings) {
        var sandbox = SandboxConfiguration.settings();
        Map<String, Object> all = new HashMap<>();
        all.put("importStatuses", IMPORTED_STATUSES);
        all.put("autoCodeArticles", true);
        all.put("paymentMethods", paymentMethods());
        all.put("carriers", sandbox.carriers());
        all.put("defaultCarrier", "1");
        all.put("erp", Map.of("sigla", "OC", "serie", 1, "zeroVatCode", "N3.2"));
        all.putAll(settings);
        Map<String, Object> credentials = Map.of("mode", "OAUTH1", "consumerKey", CREDENTIALS.consumerKey(),
                "consumerSecret", CREDENTIALS.consumerSecret(), "accessToken", CREDENTIALS.accessToken(),
                "accessTokenSecret", CREDENTIALS.accessTokenSecret());
        return Map.of("id", id, "name", "Shop " + id, "platform", "MAGENTO", "baseUrl", simulator.baseUrl(),
                "storeCode", simulator.storeCode(), "credentials", credentials, "settings", all);
    }

    @Override
    public Map<String, String> paymentMethods() {
        return SandboxConfiguration.settings().paymentMethods();
    }

    @Override
    public String paypalPaymentMethod() {
        return "paypal_express";
    }

    @Override
    public Map<String, String> shipmentCarriers() {
        return Map.of("2", "dhl", "3", "ups");
    }

    @Override
    public Map<String, Object> fieldsReadFromTheCustomer() {
        return Map.of("fiscalCode", "customer:codice_fiscale");
    }

    @Override
    public Map<String, String> storedSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("consumer_key", CREDENTIALS.consumerKey());
        secrets.put("consumer_secret", CREDENTIALS.consumerSecret());
        secrets.put("access_token", CREDENTIALS.accessToken());
        secrets.put("access_token_secret", CREDENTIALS.accessTokenSecret());
        return secrets;
    }

    @Override
    public String secretSetFlag() {
        return "accessTokenSecretSet";
    }

    @Override
    public CredentialsChange otherCredentials() {
        // the integration's access token used as a bearer token (the shop allows it, as 2.4.4+ can be told to)
        return new CredentialsChange(Map.of("mode", "BEARER"), "Bearer ");
    }

    // ---------------------------------------------------------------------------------------- the orders

    @Override
    public List<ShopOrder> orders() {
        return simulator.shop().orders().stream().map(this::view).toList();
    }

    @Override
    public List<ShopOrder> importableOrders() {
        return orders().stream().filter(o -> IMPORTED_STATUSES.contains(o.status())).toList();
    }

    @Override
    public ShopOrder order(String id) {
        ObjectNode order = simulator.shop().order(Long.parseLong(id));
        return order == null ? null : view(order);
    }

    @Override
    public Set<String> generatedOrderIds() {
        return generated;
    }

    @Override
    public void touchOrder(String id, Instant at) {
        simulator.shop().touchOrder(Long.parseLong(id), at.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public synchronized ShopOrder addOrderSelling(String sku, String name) {
        ObjectNode order = simulator.shop().orders().stream()
                .filter(o -> IMPORTED_STATUSES.contains(o.path("status").asText()))
                .filter(o -> !SandboxOrderGenerator.hasInvalidVat(o.path("entity_id").asLong())
                        && o.path("items").size() == 1)
                .findFirst().orElseThrow();
        long id = simulator.shop().lastOrderId() + 1;
        order.put("entity_id", id);
        order.put("increment_id", String.format("%09d", id));
        order.put("updated_at", MagentoTime.format(Instant.now()));
        ObjectNode item = (ObjectNode) order.path("items").get(0);
        item.put("sku", sku);
        item.put("name", name);
        added.add(String.valueOf(id));
        simulator.shop().addOrder(order);
        return view(order);
    }

    @Override
    public synchronized ShopOrder addFixture(Fixture fixture, BigDecimal grandTotal) {
        ObjectNode order = MagentoOrderFixtures.load(FIXTURES.get(fixture));
        long id = simulator.shop().lastOrderId() + 1;
        String now = MagentoTime.format(Instant.now());
        order.put("entity_id", id).put("increment_id", String.format("%09d", id)).put("created_at", now)
                .put("updated_at", now);
        order.path("items").forEach(item -> ((ObjectNode) item).put("order_id", id));
        if (grandTotal != null) {
            order.put("grand_total", grandTotal);
        }
        added.add(String.valueOf(id));
        simulator.shop().addOrder(order);
        return view(order);
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
        return true;
    }

    @Override
    public List<Article> catalogue() {
        return simulator.shop().catalogue().stream().map(i -> new Article(i.sku(), i.name(), i.vatRate())).toList();
    }

    private ShopOrder view(ObjectNode order) {
        String id = order.path("entity_id").asText();
        boolean guest = order.path("customer_is_guest").asInt() == 1;
        List<String> skus = new ArrayList<>();
        order.path("items").forEach(item -> skus.add(item.path("sku").asText()));
        return new ShopOrder(id, order.path("increment_id").asText(), order.path("status").asText(),
                order.path("customer_email").asText(), guest ? null : order.path("customer_id").asText(null), guest,
                skus, order.path("grand_total").decimalValue(), order.path("discount_amount").decimalValue(),
                MagentoTime.parse(order.path("updated_at").asText()),
                added.contains(id) || !SandboxOrderGenerator.hasInvalidVat(Long.parseLong(id)));
    }

    // --------------------------------------------------------------------------------- after the push-back

    @Override
    public Progress progress(String orderId) {
        return switch (simulator.shop().order(Long.parseLong(orderId)).path("state").asText()) {
            case "new" -> Progress.NEW;
            case "processing" -> Progress.PROCESSING;
            case "complete" -> Progress.COMPLETE;
            case "canceled" -> Progress.CANCELLED;
            default -> Progress.OTHER;
        };
    }

    @Override
    public List<Shipment> shipments(String orderId) {
        return simulator.shipments(Long.parseLong(orderId)).stream().map(shipment -> {
            JsonNode track = shipment.path("tracks").path(0);
            List<ShippedItem> items = new ArrayList<>();
            shipment.path("items").forEach(i -> items.add(new ShippedItem(i.path("sku").asText(null),
                    i.path("qty").decimalValue())));
            return new Shipment(track.path("track_number").asText(null), track.path("carrier_code").asText(null),
                    items);
        }).toList();
    }

    @Override
    public int invoices(String orderId) {
        return simulator.invoices(Long.parseLong(orderId)).size();
    }

    @Override
    public void invoiceAsMerchant(String orderId) {
        // the same REST call the admin's "Invoice" button ends in: everything at once
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            simulator.baseUrl() + "/rest/" + simulator.storeCode() + "/V1/order/" + orderId + "/invoice"))
                    .header("Authorization", "Bearer " + CREDENTIALS.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"capture\":false}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the shop refused the merchant's invoice: " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int writes() {
        return (int) simulator.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Override
    public int writesFor(int cancels, int shipments, int invoices) {
        return cancels + shipments + invoices;
    }

    @Override
    public boolean shipsRowByRow() {
        return true;
    }

    @Override
    public String lostAnswerWords() {
        return "already in the shop";
    }

    // -------------------------------------------------------------------------------------- the customers

    @Override
    public List<String> customerIds() {
        return simulator.shop().customers().stream().map(c -> c.path("id").asText()).toList();
    }

    @Override
    public void renameCustomer(String id, String firstName, String lastName) {
        simulator.shop().touchCustomer(Long.parseLong(id), c -> {
            if (firstName != null) {
                c.put("firstname", firstName);
            }
            if (lastName != null) {
                c.put("lastname", lastName);
            }
        });
    }

    @Override
    public synchronized String addCustomerLike(String like, String email) {
        long id = simulator.shop().customers().stream().mapToLong(c -> c.path("id").asLong()).max().orElse(0) + 1;
        simulator.shop().addCustomer(simulator.shop().customer(Long.parseLong(like)).put("id", id).put("email", email));
        return String.valueOf(id);
    }

    // ------------------------------------------------------------------------------------------- faults

    @Override
    public void failOrderListCall(int call, int times, int status) {
        simulator.failOrderListCall(call, times, status);
    }

    @Override
    public void refuseCredentials() {
        simulator.failAllRequests(1, 401);
    }

    @Override
    public void rateLimit(int times, int retryAfterSeconds) {
        simulator.rateLimit(times, retryAfterSeconds);
    }

    @Override
    public void latency(Duration perRequest) {
        simulator.latency(perRequest);
    }

    @Override
    public void refuseCustomerReads() {
        simulator.shop().customers().forEach(c -> simulator.failCustomer(c.path("id").asLong(), 1000, 401));
    }

    @Override
    public boolean makeUnreadable(ShopOrder order) {
        // the order's fiscal code lives on its customer: the import cannot complete the order without it
        simulator.failCustomer(Long.parseLong(order.customerId()), 1000, 500);
        return true;
    }

    @Override
    public void failNextWrites(int times, int status) {
        simulator.failNextWrites(times, status);
    }

    @Override
    public void failAfterCommit(int times) {
        simulator.failAfterCommit(times);
    }

    @Override
    public void resetFaults() {
        simulator.resetFaults();
    }

    // ------------------------------------------------------------------------------ what the shop was asked

    @Override
    public List<Call> requests() {
        return simulator.requests().stream().map(MagentoShop::call).toList();
    }

    @Override
    public List<Call> orderListCalls() {
        return simulator.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/V1/orders"))
                .map(MagentoShop::call).toList();
    }

    private static Call call(MagentoSimulator.RecordedRequest r) {
        return new Call(r.at(), r.method(), r.path(), r.rawQuery(), r.status(), r.authorization());
    }

    @Override
    public void clearRequests() {
        simulator.clearRequests();
    }

    // ---------------------------------------------------------------------------------- what the hub says

    @Override
    public List<String> unauthorizedWords() {
        return List.of("refused the credentials (401)",
                "The consumer isn't authorized to access " + MagentoErrors.SALES_ACL);
    }

    @Override
    public List<String> customerPermissionWords() {
        return List.of("Magento_Customer::customer", "needs the integration's API permission");
    }

    @Override
    public List<String> customerRefusalCauseWords(String account) {
        return List.of("Magento " + account + " customers/", "Magento_Customer::customer");
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "Magento simulator at " + simulator.baseUrl();
    }
}
