package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deterministic, realistic data for the sandbox shop: an Italian coffee shop selling in EUR, store_id 1.
 * The same seed, count and newest instant always give the same shop. Values (names, addresses,
 * products, quantities, minutes) are pseudo-random per seed; the traits below follow fixed rules on
 * the order's {@code entity_id} (called e) so that tests can rely on them whatever the seed.
 *
 * <h2>Orders</h2>
 * <ul>
 * <li>entity_id e = 1000, 1001, …; increment_id = e on 9 digits ({@code "000001000"}); item_id = e×10 + row.</li>
 * <li><b>Invalid VAT</b> ({@link #hasInvalidVat}): e % 40 == 7 — a guest company whose billing
 * partita IVA fails its check digit (and no customer_taxvat). Every other Italian VAT number and fiscal
 * code in the shop is valid.</li>
 * <li><b>Guest twin</b> ({@link #isGuestTwin}): e % 50 == 4 — a guest order with exactly the e-mail,
 * names and addresses of the registered customer of the closest earlier registered order
 * ({@link #twinSourceOf}).</li>
 * <li><b>Registered</b> ({@link #isRegistered}): e % 3 == 0 unless one of the two rules above applies
 * (≈ 33%): customer_id set, customer_is_guest 0, the customer record exists with the same e-mail and
 * names, order addresses link to the address book. Everything else is a guest (customer_is_guest 1,
 * customer_group_id 0, no customer_id).</li>
 * <li><b>Kind of buyer</b>: registered customers by customer id c — c % 10 ∈ {0, 5} Italian company,
 * c % 10 == 3 sole trader, c % 10 == 7 foreign EU company (DE/FR VAT id), else private; guests by e —
 * e % 10 ∈ {1, 5} company, e % 10 == 2 sole trader, e % 20 == 8 foreign company, else private.
 * Companies: billing company + vat_id (partita IVA, also in customer_taxvat) and
 * extension_attributes.codice_sdi (7 characters) or extension_attributes.pec. Sole traders: vat_id, a
 * 16-character codice fiscale in customer_taxvat, a PEC. Privates: no vat_id, codice fiscale in
 * customer_taxvat. Foreign companies: DE/FR VAT id, no customer_taxvat, shipped with dhl_express.</li>
 * <li><b>Configurable product</b> ({@link #hasConfigurable}): e % 4 == 2 — one configurable line
 * (parent row product_type configurable with the child's SKU, price and tax; child row simple,
 * parent_item_id set, price 0).</li>
 * <li><b>Unknown SKU</b> ({@link #hasUnknownSku}): e % 30 == 11 — one line whose SKU is in
 * {@link SandboxShop#unknownSkus()}. No other order has one.</li>
 * <li><b>Discount</b> ({@link #hasDiscount}): e % 5 == 4 — a coupon (BENVENUTO10, ESTATE15 or CAFFE5,
 * 10/15/5%) on every line; order discount_amount negative, coupon_code and discount_description set.</li>
 * <li><b>State/status</b> ({@link #stateOf}): e % 25 == 13 canceled/canceled; e % 25 == 19
 * complete/complete; e % 50 == 22 holded/holded; otherwise even e processing/processing (invoiced,
 * paid), odd e new/pending.</li>
 * <li><b>Payment</b>: new and holded orders pay offline by e % 3 (0 banktransfer, 1 cashondelivery —
 * banktransfer for foreign buyers —, 2 checkmo); the others e % 3 == 0 banktransfer, else paypal_express.</li>
 * <li><b>Shipping</b>: foreign buyers dhl_express; subtotal incl. tax ≥ 79 freeshipping_freeshipping;
 * otherwise flatrate_flatrate or (1 in 4) tablerate_bestway. About 1 in 4 Italian buyers ship to a
 * different address than the billing one.</li>
 * <li><b>Lines</b>: 1–4 lines (a configurable counts once), quantity 1–3 or 6; VAT 22%, 10% (food) or 4% (books).</li>
 * </ul>
 *
 * <h2>Timestamps (UTC)</h2>
 * created_at rises with e, spread over ⌈n/40⌉ days before {@code newest}. updated_at ≥ created_at:
 * seconds later for new orders, minutes for processing, hours or days for canceled/holded/complete
 * ones, never after {@code newest}. The last order's updated_at is exactly {@code newest}. Orders with
 * e % 20 ∈ {14, 15, 16} were changed together by a mass action: they share one updated_at second
 * ({@link #inMassUpdate}).
 *
 * <h2>Customers</h2>
 * ids 1…max(1, n/6); every registered order belongs to one of them (most have several orders, some
 * none). Address ids: default billing 100 + 2c, a different default shipping address 101 + 2c.
 * taxvat is the codice fiscale (the partita IVA for companies, none for foreign ones); custom_attributes
 * carry codice_fiscale (= taxvat), codice_sdi and pec where they apply. E-mails are unique among
 * customers, and guests never share one with a customer except the guest twins.
 */
public final class SandboxOrderGenerator {

    public static final long FIRST_ENTITY_ID = 1000;

    private static final int CUSTOMER = 1;
    private static final int CUSTOMER_CHOICE = 2;
    private static final int GUEST = 3;
    private static final int LINES = 4;
    private static final int TIME = 5;
    private static final int CUSTOMER_TIME = 6;
    private static final int UPDATE = 7;

    private static final List<OrderAssembler.Coupon> COUPONS = List.of(
            new OrderAssembler.Coupon("BENVENUTO10", BigDecimal.TEN),
            new OrderAssembler.Coupon("ESTATE15", BigDecimal.valueOf(15)),
            new OrderAssembler.Coupon("CAFFE5", BigDecimal.valueOf(5)));

    private final long seed;

    public SandboxOrderGenerator(long seed) {
        this.seed = seed;
    }

    // --------------------------------------------------------------------------------------------- rules

    public static boolean hasInvalidVat(long entityId) {
        return entityId % 40 == 7;
    }

    public static boolean isGuestTwin(long entityId) {
        return entityId % 50 == 4;
    }

    public static boolean isRegistered(long entityId) {
        return entityId % 3 == 0 && !hasInvalidVat(entityId) && !isGuestTwin(entityId);
    }

    /** The registered order whose customer a guest twin copies: the closest earlier registered one (or -1). */
    public static long twinSourceOf(long entityId) {
        for (long e = entityId - 1; e >= FIRST_ENTITY_ID; e--) {
            if (isRegistered(e)) {
                return e;
            }
        }
        return -1;
    }

    public static boolean hasConfigurable(long entityId) {
        return entityId % 4 == 2;
    }

    public static boolean hasUnknownSku(long entityId) {
        return entityId % 30 == 11;
    }

    public static boolean hasDiscount(long entityId) {
        return entityId % 5 == 4;
    }

    public static boolean inMassUpdate(long entityId) {
        long slot = entityId % 20;
        return slot >= 14 && slot <= 16;
    }

    /** The order's state; its status is the default one ("pending" for new, else the state's name). */
    public static String stateOf(long entityId) {
        if (entityId % 25 == 13) {
            return "canceled";
        }
        if (entityId % 25 == 19) {
            return "complete";
        }
        if (entityId % 50 == 22) {
            return "holded";
        }
        return entityId % 2 == 0 ? "processing" : "new";
    }

    static String statusOf(String state) {
        return state.equals("new") ? "pending" : state;
    }

    // ---------------------------------------------------------------------------------------- generation

    /** A shop with {@code orderCount} orders whose newest updated_at is {@code newestUpdatedAt} (to the second). */
    public SandboxShop generate(int orderCount, Instant newestUpdatedAt) {
        if (orderCount < 0) {
            throw new IllegalArgumentException("orderCount must not be negative: " + orderCount);
        }
        Instant newest = newestUpdatedAt.truncatedTo(ChronoUnit.SECONDS);
        Instant[] created = createdTimes(orderCount, newest);
        Instant[] updated = updatedTimes(created, newest);
        Map<Long, Long> customerOfOrder = assignCustomers(orderCount);
        SandboxShop shop = new SandboxShop();
        Map<Long, ObjectNode> customers = customers(orderCount, customerOfOrder, created, newest);
        customers.values().forEach(shop::addCustomer);
        Set<String> customerEmails = emails(customers.values());
        for (int i = 0; i < orderCount; i++) {
            long e = FIRST_ENTITY_ID + i;
            ObjectNode customer = customerFor(e, customerOfOrder, customers);
            shop.addOrder(order(e, created[i], updated[i], customer, isRegistered(e), customerEmails, false));
        }
        return shop;
    }

    /**
     * Adds the next order (entity_id = last + 1) to a running shop, created and updated at {@code at},
     * following the same rules except that a fresh order is only ever new/pending or processing.
     * Registered and twin orders use one of the shop's customers (a guest when it has none).
     */
    public ObjectNode appendOrder(SandboxShop shop, Instant at) {
        long e = Math.max(FIRST_ENTITY_ID, shop.lastOrderId() + 1);
        Instant time = at.truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> customers = shop.customers();
        ObjectNode customer = customers.isEmpty() || !(isRegistered(e) || isGuestTwin(e)) ? null
                : customers.get(random(e, CUSTOMER_CHOICE).nextInt(customers.size()));
        ObjectNode order = order(e, time, time, customer, isRegistered(e), emails(customers), true);
        shop.addOrder(order);
        return order.deepCopy();
    }

    private ObjectNode order(long e, Instant created, Instant updated, ObjectNode customer, boolean registered,
            Set<String> customerEmails, boolean fresh) {
        Party party = customer != null ? Party.fromCustomer(customer) : guest(e, customerEmails);
        OrderAssembler.Account account = customer != null && registered ? account(customer)
                : OrderAssembler.Account.GUEST;
        String state = fresh ? (e % 2 == 0 ? "processing" : "new") : stateOf(e);
        Random random = random(e, LINES);
        List<OrderAssembler.Line> lines = lines(e, random);
        OrderAssembler.Coupon coupon = hasDiscount(e) ? COUPONS.get((int) (e / 5 % COUPONS.size())) : null;
        return OrderAssembler.assemble(new OrderAssembler.Spec(e, created, updated, party, account, lines, state,
                statusOf(state), payment(e, state, party), random.nextInt(4) == 0, coupon));
    }

    private ObjectNode customerFor(long e, Map<Long, Long> customerOfOrder, Map<Long, ObjectNode> customers) {
        if (isRegistered(e)) {
            return customers.get(customerOfOrder.get(e));
        }
        if (isGuestTwin(e) && customerOfOrder.containsKey(twinSourceOf(e))) {
            return customers.get(customerOfOrder.get(twinSourceOf(e)));
        }
        return null;
    }

    /** A guest buyer of the kind the rules give e; never sharing an e-mail with a registered customer by chance. */
    private Party guest(long e, Set<String> customerEmails) {
        Party.Kind kind = hasInvalidVat(e) ? Party.Kind.COMPANY : guestKind(e);
        Party party = ItalianIdentities.party(random(e, GUEST), kind, hasInvalidVat(e));
        for (int n = 2; customerEmails.contains(party.email()); n++) {
            party = numbered(party, n);
        }
        return party;
    }

    private static Party.Kind guestKind(long e) {
        long digit = e % 10;
        if (digit == 1 || digit == 5) {
            return Party.Kind.COMPANY;
        }
        if (digit == 2) {
            return Party.Kind.SOLE_TRADER;
        }
        return e % 20 == 8 ? Party.Kind.FOREIGN_COMPANY : Party.Kind.PRIVATE;
    }

    private static Party.Kind customerKind(long customerId) {
        long digit = customerId % 10;
        if (digit == 0 || digit == 5) {
            return Party.Kind.COMPANY;
        }
        if (digit == 3) {
            return Party.Kind.SOLE_TRADER;
        }
        return digit == 7 ? Party.Kind.FOREIGN_COMPANY : Party.Kind.PRIVATE;
    }

    private static String payment(long e, String state, Party party) {
        int slot = (int) (e % 3);
        if (state.equals("new") || state.equals("holded")) {
            if (slot == 1) {
                return party.kind() == Party.Kind.FOREIGN_COMPANY ? "banktransfer" : "cashondelivery";
            }
            return slot == 0 ? "banktransfer" : "checkmo";
        }
        return slot == 0 ? "banktransfer" : "paypal_express";
    }

    // --------------------------------------------------------------------------------------------- lines

    private static List<OrderAssembler.Line> lines(long e, Random random) {
        List<OrderAssembler.Line> lines = new ArrayList<>();
        if (hasConfigurable(e)) {
            SandboxCatalogue.Configurable parent = ItalianIdentities.pick(random, SandboxCatalogue.configurables());
            SandboxCatalogue.Variant variant = ItalianIdentities.pick(random, parent.variants());
            lines.add(new OrderAssembler.Line(variant.child(), quantity(random), parent, variant.optionValue()));
        }
        if (hasUnknownSku(e)) {
            lines.add(simpleLine(ItalianIdentities.pick(random, SandboxCatalogue.unknown()), random));
        }
        int count = Math.max(lines.size(), lineCount(random));
        Set<String> skus = new HashSet<>();
        while (lines.size() < count) {
            SandboxCatalogue.Product product = ItalianIdentities.pick(random, SandboxCatalogue.simples());
            if (skus.add(product.sku())) {
                lines.add(simpleLine(product, random));
            }
        }
        Collections.shuffle(lines, random);
        return lines;
    }

    private static OrderAssembler.Line simpleLine(SandboxCatalogue.Product product, Random random) {
        return new OrderAssembler.Line(product, quantity(random), null, 0);
    }

    /** 1 line 40%, 2 lines 30%, 3 lines 20%, 4 lines 10%. */
    private static int lineCount(Random random) {
        int roll = random.nextInt(10);
        return roll < 4 ? 1 : roll < 7 ? 2 : roll < 9 ? 3 : 4;
    }

    /** 1 piece 60%, 2 pieces 25%, 3 pieces 10%, 6 pieces 5%. */
    private static int quantity(Random random) {
        int roll = random.nextInt(20);
        return roll < 12 ? 1 : roll < 17 ? 2 : roll < 19 ? 3 : 6;
    }

    // ------------------------------------------------------------------------------------------ timeline

    private Instant[] createdTimes(int count, Instant newest) {
        long span = Math.max(1, (count + 39) / 40) * 86_400L;
        long gap = count == 0 ? span : span / count;
        Instant start = newest.minusSeconds(span);
        Instant[] created = new Instant[count];
        for (int i = 0; i < count; i++) {
            created[i] = start.plusSeconds(i * gap + random(FIRST_ENTITY_ID + i, TIME).nextLong(gap));
        }
        return created;
    }

    private Instant[] updatedTimes(Instant[] created, Instant newest) {
        int count = created.length;
        Instant[] updated = new Instant[count];
        for (int i = 0; i < count; i++) {
            long e = FIRST_ENTITY_ID + i;
            Instant candidate = created[i].plusSeconds(updateDelaySeconds(e, random(e, UPDATE)));
            updated[i] = candidate.isAfter(newest) ? newest : candidate;
        }
        if (count > 0) {
            updated[count - 1] = newest;
        }
        shareMassUpdates(updated);
        return updated;
    }

    /** The time between creation and the last change, by state: invoicing takes minutes, shipping days. */
    private static long updateDelaySeconds(long e, Random random) {
        return switch (stateOf(e)) {
            case "new" -> random.nextInt(3);
            case "processing" -> 60 + random.nextInt(1_800);
            case "complete" -> 86_400 + random.nextInt(3 * 86_400);
            default -> 3_600 + random.nextInt(2 * 86_400);
        };
    }

    /** Orders of one mass-action slot share the latest of their updated_at seconds. */
    private static void shareMassUpdates(Instant[] updated) {
        for (int start = 0; start < updated.length; start++) {
            if (!inMassUpdate(FIRST_ENTITY_ID + start) || (start > 0 && inMassUpdate(FIRST_ENTITY_ID + start - 1))) {
                continue;
            }
            int end = start;
            while (end + 1 < updated.length && inMassUpdate(FIRST_ENTITY_ID + end + 1)) {
                end++;
            }
            Instant latest = updated[start];
            for (int i = start; i <= end; i++) {
                latest = updated[i].isAfter(latest) ? updated[i] : latest;
            }
            for (int i = start; i <= end; i++) {
                updated[i] = latest;
            }
        }
    }

    // ----------------------------------------------------------------------------------------- customers

    private Map<Long, Long> assignCustomers(int orderCount) {
        int customerCount = Math.max(1, orderCount / 6);
        Map<Long, Long> customerOfOrder = new HashMap<>();
        for (int i = 0; i < orderCount; i++) {
            long e = FIRST_ENTITY_ID + i;
            if (isRegistered(e)) {
                customerOfOrder.put(e, 1L + random(e, CUSTOMER_CHOICE).nextInt(customerCount));
            }
        }
        return customerOfOrder;
    }

    private Map<Long, ObjectNode> customers(int orderCount, Map<Long, Long> customerOfOrder, Instant[] created,
            Instant newest) {
        Map<Long, Instant> firstOrder = new HashMap<>();
        customerOfOrder.forEach((e, c) -> firstOrder.merge(c, created[(int) (e - FIRST_ENTITY_ID)],
                (a, b) -> a.isBefore(b) ? a : b));
        Map<Long, ObjectNode> customers = new TreeMap<>();
        Set<String> emails = new HashSet<>();
        int customerCount = Math.max(1, orderCount / 6);
        for (long c = 1; c <= customerCount; c++) {
            Party party = ItalianIdentities.party(random(c, CUSTOMER), customerKind(c), false);
            for (int n = 2; !emails.add(party.email()); n++) {
                party = numbered(party, n);
            }
            Instant first = firstOrder.getOrDefault(c, newest);
            Instant since = first.minus(1 + random(c, CUSTOMER_TIME).nextInt(400), ChronoUnit.DAYS);
            Instant changed = since.plusSeconds(Duration.between(since, first).getSeconds() / 2);
            customers.put(c, CustomerRecords.record(c, party, customerGroup(party), since, changed));
        }
        return customers;
    }

    private static int customerGroup(Party party) {
        return party.kind() == Party.Kind.COMPANY || party.kind() == Party.Kind.FOREIGN_COMPANY ? 2 : 1;
    }

    private static OrderAssembler.Account account(ObjectNode customer) {
        return new OrderAssembler.Account(customer.get("id").asLong(), customer.path("group_id").asInt(1),
                Long.valueOf(customer.path("default_billing").asText()),
                Long.valueOf(customer.path("default_shipping").asText()));
    }

    private static Set<String> emails(Collection<ObjectNode> customers) {
        Set<String> emails = new HashSet<>();
        customers.forEach(customer -> emails.add(customer.path("email").asText()));
        return emails;
    }

    /** An independent random stream per (seed, entity, purpose), so that one trait never shifts another. */
    private Random random(long key, int purpose) {
        long mixed = seed * 0x9E3779B97F4A7C15L + key * 0xC2B2AE3D27D4EB4FL + purpose * 0x165667B19E3779F9L;
        mixed = (mixed ^ (mixed >>> 33)) * 0xFF51AFD7ED558CCDL;
        return new Random(mixed ^ (mixed >>> 29));
    }

    /** {@code marco.rossi@example.com} with n = 2 → {@code marco.rossi2@example.com}. */
    private static Party numbered(Party party, int n) {
        String email = party.email();
        int at = email.indexOf('@');
        return party.withEmail(email.substring(0, at).replaceFirst("\\d+$", "") + n + email.substring(at));
    }
}
