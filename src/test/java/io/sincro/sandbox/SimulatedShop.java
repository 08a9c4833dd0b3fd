package io.sincro.sandbox;

import io.sincro.shop.Platform;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "The shop out there" as the F1–F4 scenario tests see it, in words that hold for every platform: the
 * account the hub needs to reach it, the orders it has for the hub to import, what the merchant does in its
 * admin, the faults it can be made to answer, and what it says afterwards about an order's state, its
 * shipments and invoices, and its customers. One implementation per simulated platform, so that one scenario
 * class runs unchanged against each (its concrete subclasses choose the platform and the database).
 *
 * <p>Order and customer ids are the shop's own ids as the hub stores them ({@code shopOrderId},
 * {@code shopCustomerId}): strings.
 */
public interface SimulatedShop extends AutoCloseable {

    /** Starts a shop of one platform on loopback with {@code orders} generated orders, the newest updated an hour ago. */
    @FunctionalInterface
    interface Starter {
        SimulatedShop start(long seed, int orders);
    }

    /** An order as the shop holds it, reduced to what the scenarios look at. */
    record ShopOrder(String id, String number, String status, String customerEmail, String customerId,
            boolean guest, List<String> skus, BigDecimal grandTotal, BigDecimal discount, Instant updatedAt,
            boolean fiscalCodesValid) {

        public ShopOrder {
            skus = List.copyOf(skus);
        }
    }

    /** A shipment the shop has for an order: its first tracking number, the shop's carrier code, what it ships. */
    record Shipment(String trackingNumber, String carrier, List<ShippedItem> items) {

        public Shipment {
            items = List.copyOf(items);
        }

        public BigDecimal quantity() {
            return items.stream().map(ShippedItem::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One shipped row; {@code sku} may be null where the platform's shipments do not name rows. */
    record ShippedItem(String sku, BigDecimal quantity) {
    }

    /** Where an order is in the shop's workflow, as far as the hub's state push-back matters. */
    enum Progress {
        /** Nothing invoiced, shipped or cancelled yet. */
        NEW,
        /** Invoiced or being worked on, not all shipped. */
        PROCESSING,
        /** Invoiced and shipped. */
        COMPLETE,
        CANCELLED,
        OTHER
    }

    /** One request the shop answered: when, its method, what it asked, the status, and its Authorization header. */
    record Call(Instant at, String method, String path, String query, int status, String authorization) {
    }

    /** An article of the shop's catalogue that the merchant's ERP knows (VAT rate in percent). */
    record Article(String sku, String name, BigDecimal vatRate) {
    }

    /**
     * Real-shaped orders of the shop's platform, each a known money case; the shop puts one in as a new order.
     * Their money is the same on every platform: the assertions name the figures.
     */
    enum Fixture {
        /** Two rows at 22 % and 10 %, a coupon on both: ERP total 44.91. */
        COUPON_TWO_VAT_RATES,
        /** A coupon that takes the whole order: total 0. */
        FULL_DISCOUNT,
        GUEST,
        CONFIGURABLE_CHILD_DELETED,
        BUNDLE_SHIP_SEPARATELY,
        TAX_INCLUSIVE_PRICES,
        /** Placed in USD: 31.75 USD, 29.40 EUR in the shop's base currency. */
        FOREIGN_CURRENCY_USD
    }

    // ------------------------------------------------------------------------------------------- the shop

    Platform platform();

    /** The platform's name as the hub's messages say it ("Magento", "PrestaShop"). */
    String name();

    String baseUrl();

    // --------------------------------------------------------------------------------------- the account

    /**
     * The body of {@code POST /api/accounts} for an account of this shop: its platform, address and credentials,
     * and settings in the sandbox's terms (the shop's payment and carrier tables, auto-coding on, orders as OC
     * series 1, the statuses of {@link #importableOrders}), to which {@code settings} adds or overrides.
     */
    Map<String, Object> accountBody(String id, Map<String, Object> settings);

    /** The sandbox payment table of {@link #accountBody}: the shop's payment-method code → the ERP's payment code. */
    Map<String, String> paymentMethods();

    /** The shop's payment-method code for PayPal, one of the sandbox payment table's rows. */
    String paypalPaymentMethod();

    /** The ERP's carrier codes "2" and "3" mapped to two of the shop's carriers, as account setting {@code shipmentCarriers}. */
    Map<String, String> shipmentCarriers();

    /** The {@code fields} setting that makes the hub read each registered customer's record with the order. */
    Map<String, Object> fieldsReadFromTheCustomer();

    /** The account's secrets as the hub seals them: column of {@code shop_account} → the plain value sent. */
    Map<String, String> storedSecrets();

    /** The flag of the account's JSON that says a write-only secret is set (its value is never shown). */
    String secretSetFlag();

    /**
     * A change of the account's credentials to the platform's other way of authenticating, and the prefix of the
     * Authorization header the shop then receives; null when the platform has one way only.
     */
    CredentialsChange otherCredentials();

    record CredentialsChange(Map<String, Object> credentials, String authorizationPrefix) {
    }

    // ---------------------------------------------------------------------------------------- the orders

    /** Every order, ascending id. */
    List<ShopOrder> orders();

    /** The orders whose status an account of {@link #accountBody} imports. */
    List<ShopOrder> importableOrders();

    ShopOrder order(String id);

    /** The ids of the orders the shop was started with (the generated ones, not those the tests added). */
    Set<String> generatedOrderIds();

    /** The merchant edits the order in the admin: its update time becomes {@code at}, nothing else changes. */
    void touchOrder(String id, Instant at);

    /** A new importable order updated now, like an existing valid one-row order, whose only row sells {@code sku}. */
    ShopOrder addOrderSelling(String sku, String name);

    /** A new order updated now, from the fixture; {@code grandTotal}, when not null, replaces the shop's total. */
    ShopOrder addFixture(Fixture fixture, BigDecimal grandTotal);

    /** The fixtures this platform's simulator has. */
    Set<Fixture> fixtures();

    /** The fixtures placed in euro that this platform has. */
    List<Fixture> fixturesInEuro();

    /**
     * Whether the shop's order list says how many orders match (Magento's {@code total_count}), so that a run
     * can show its total; PrestaShop's webservice lists do not.
     */
    boolean orderListsSayTheirTotal();

    /** The SKUs the merchant's ERP knows. */
    List<Article> catalogue();

    // --------------------------------------------------------------------------------- after the push-back

    Progress progress(String orderId);

    List<Shipment> shipments(String orderId);

    /** How many invoices the shop has for the order (made by the hub or by the merchant). */
    int invoices(String orderId);

    /** The merchant invoices the whole order in the shop's admin. */
    void invoiceAsMerchant(String orderId);

    /** Requests that change something in the shop (writes), answered or not, since it started. */
    int writes();

    /** How many {@link #writes} the hub makes to tell the shop of so many cancellations, shipments and invoices. */
    int writesFor(int cancels, int shipments, int invoices);

    /**
     * Whether a shipment names its rows and quantities (a partial delivery ships only what the ERP delivered)
     * and its own carrier; false where the shop only keeps a state and the order's one tracking number.
     */
    boolean shipsRowByRow();

    /** Words of the push-back's result when a write was done but its answer was lost, and the hub found it done. */
    String lostAnswerWords();

    // -------------------------------------------------------------------------------------- the customers

    List<String> customerIds();

    /** The merchant changes the customer's first and/or last name (null keeps it); its update time moves. */
    void renameCustomer(String id, String firstName, String lastName);

    /** A new customer only the shop knows, a copy of {@code like} with another e-mail; returns its id. */
    String addCustomerLike(String like, String email);

    // ------------------------------------------------------------------------------------------- faults

    /** Counting order-list calls from now (the next is 1), calls {@code call}..{@code call + times - 1} answer status. */
    void failOrderListCall(int call, int times, int status);

    /** The shop refuses the account's credentials (401, with its own body) from the next request on, until reset. */
    void refuseCredentials();

    /** The next {@code times} requests answer 429 with Retry-After. */
    void rateLimit(int times, int retryAfterSeconds);

    void latency(Duration perRequest);

    /** Every read of a customer record is refused for lack of permission (401), until reset. */
    void refuseCustomerReads();

    /**
     * The order cannot be read (every read of what it needs answers 500) while an account with
     * {@link #fieldsReadFromTheCustomer} imports it; {@link #resetFaults} heals it. False when the platform's
     * connector reads nothing per order that could fail alone (a page is read whole or not at all).
     */
    boolean makeUnreadable(ShopOrder order);

    /** The next {@code times} writes answer {@code status} without doing anything. */
    void failNextWrites(int times, int status);

    /** The next {@code times} writes are performed, then answered 500, as when the answer is lost after the commit. */
    void failAfterCommit(int times);

    void resetFaults();

    // ------------------------------------------------------------------------------ what the shop was asked

    /** Every request answered since the last {@link #clearRequests}, in order of arrival. */
    List<Call> requests();

    /** The order-list reads among {@link #requests}. */
    List<Call> orderListCalls();

    void clearRequests();

    // ---------------------------------------------------------------------------------- what the hub says

    /** Words the run's message has when the shop refused the credentials on the first call (401). */
    List<String> unauthorizedWords();

    /** Words the run's message has when every customer read was refused for lack of permission (401). */
    List<String> customerPermissionWords();

    /** Words a dead letter's cause has for such a customer read of this account. */
    List<String> customerRefusalCauseWords(String account);

    @Override
    void close();
}
