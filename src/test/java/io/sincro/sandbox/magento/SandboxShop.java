package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The data of the simulated shop: orders, customers, the catalogue, and the invoices and shipments
 * created through the write-back routes, as Magento's REST API renders them (JSON trees, null-valued
 * attributes left out). Thread-safe: the server reads while
 * tests or the sandbox scheduler change orders. Every read returns a copy, every write stores one,
 * so that nobody can change the shop behind its back.
 *
 * <p>A shop made with {@code new SandboxShop()} has no orders and no customers but does have the
 * standard sandbox catalogue (see {@link SandboxOrderGenerator}), so that hand-made orders can use
 * SKUs the ERP knows.
 */
public final class SandboxShop {

    /** A SKU the merchant's ERP knows; {@code price} is the net unit price in EUR, {@code vatRate} in percent. */
    public record CatalogueItem(String sku, String name, BigDecimal vatRate, BigDecimal price) {
    }

    private final TreeMap<Long, ObjectNode> orders = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> customers = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> invoices = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> shipments = new TreeMap<>();
    /** Entity ids of the sales documents and their children (items, tracks, comments), like auto-increments. */
    private long lastInvoiceId;
    private long lastShipmentId;
    private long lastChildId;
    private final List<CatalogueItem> catalogue;
    private final List<String> unknownSkus;
    private final Clock clock;

    public SandboxShop() {
        this(SandboxCatalogue.catalogue(), SandboxCatalogue.unknownSkus(), Clock.systemUTC());
    }

    SandboxShop(List<CatalogueItem> catalogue, List<String> unknownSkus, Clock clock) {
        this.catalogue = List.copyOf(catalogue);
        this.unknownSkus = List.copyOf(unknownSkus);
        this.clock = clock;
    }

    /** n generated orders (and their customers); see {@link SandboxOrderGenerator} for the rules. */
    public static SandboxShop generate(long seed, int orderCount, Instant newestUpdatedAt) {
        return new SandboxOrderGenerator(seed).generate(orderCount, newestUpdatedAt);
    }

    /** The SKUs the merchant's ERP knows, configurable children included. */
    public List<CatalogueItem> catalogue() {
        return catalogue;
    }

    /** SKUs the shop sells that the ERP does not know; some orders contain one. */
    public List<String> unknownSkus() {
        return unknownSkus;
    }

    /** Copies of all orders, ascending entity_id. */
    public synchronized List<ObjectNode> orders() {
        return orders.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** A copy of the order, or null when there is none with that entity_id. */
    public synchronized ObjectNode order(long entityId) {
        ObjectNode order = orders.get(entityId);
        return order == null ? null : order.deepCopy();
    }

    /** Adds the order, or replaces the one with the same entity_id. */
    public synchronized void addOrder(ObjectNode order) {
        orders.put(requiredId(order, "entity_id"), Json.withoutNulls(order));
    }

    /** Sets updated_at, as when the merchant edits the order in the admin. */
    public void touchOrder(long entityId, Instant updatedAt) {
        updateOrder(entityId, order -> order.put("updated_at", MagentoTime.format(updatedAt)));
    }

    /** Sets updated_at together with a new state and status (e.g. "complete", "complete"). */
    public void touchOrder(long entityId, Instant updatedAt, String state, String status) {
        updateOrder(entityId, order -> order.put("updated_at", MagentoTime.format(updatedAt))
                .put("state", state).put("status", status));
    }

    /** Applies any change to the stored order; nothing else is altered (updated_at included). */
    public synchronized void updateOrder(long entityId, Consumer<ObjectNode> change) {
        ObjectNode order = existing(orders, entityId, "order");
        change.accept(order);
        orders.put(entityId, Json.withoutNulls(order));
    }

    /**
     * Copies of the invoices of that order (created with POST /V1/order/{id}/invoice), ascending entity_id.
     * Orders generated as processing or complete carry invoiced quantities but no invoice documents.
     */
    public synchronized List<ObjectNode> invoices(long orderId) {
        return documentsOf(invoices, orderId);
    }

    /** Copies of the shipments of that order (created with POST /V1/order/{id}/ship), ascending entity_id. */
    public synchronized List<ObjectNode> shipments(long orderId) {
        return documentsOf(shipments, orderId);
    }

    /** Copies of all invoices, ascending entity_id. */
    public synchronized List<ObjectNode> invoices() {
        return invoices.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** Copies of all shipments, ascending entity_id. */
    public synchronized List<ObjectNode> shipments() {
        return shipments.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** A copy of the invoice, or null. */
    public synchronized ObjectNode invoice(long entityId) {
        ObjectNode invoice = invoices.get(entityId);
        return invoice == null ? null : invoice.deepCopy();
    }

    /** A copy of the shipment, or null. */
    public synchronized ObjectNode shipment(long entityId) {
        ObjectNode shipment = shipments.get(entityId);
        return shipment == null ? null : shipment.deepCopy();
    }

    /** What one write of the sales module sees: a copy of the order, and the documents it creates. */
    final class Write {
        private final ObjectNode order;
        private final List<ObjectNode> newInvoices = new ArrayList<>();
        private final List<ObjectNode> newShipments = new ArrayList<>();
        private boolean discarded;

        private Write(ObjectNode order) {
            this.order = order;
        }

        /** The order being changed (a copy until the write returns). */
        ObjectNode order() {
            return order;
        }

        long nextInvoiceId() {
            return ++lastInvoiceId;
        }

        long nextShipmentId() {
            return ++lastShipmentId;
        }

        /** An entity_id for a document item, a track or a comment. */
        long nextChildId() {
            return ++lastChildId;
        }

        /** Nothing is stored, not even a new updated_at: the write answered without changing the order. */
        void discard() {
            discarded = true;
        }

        void addInvoice(ObjectNode invoice) {
            newInvoices.add(invoice);
        }

        void addShipment(ObjectNode shipment) {
            newShipments.add(shipment);
        }

        /** The shop's "now", to the second, as Magento stores timestamps. */
        String now() {
            return MagentoTime.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /**
     * One write of the sales module, atomic like the transaction (and order lock) Magento puts around
     * it: {@code change} gets a copy of the order and may throw, a refusal that leaves everything as it
     * was; when it returns, the order is stored with updated_at bumped to now (at least one second after
     * the previous value, so that a poller always sees the change), together with the documents it
     * created, unless it called {@link Write#discard}. Entity ids taken by a refused write are not reused, like MySQL auto-increments.
     *
     * @return what {@code change} returned, or null when there is no order with that entity_id
     */
    synchronized <T> T writeOrder(long entityId, Function<Write, T> change) {
        ObjectNode stored = orders.get(entityId);
        if (stored == null) {
            return null;
        }
        Write write = new Write(stored.deepCopy());
        T result = change.apply(write);
        if (write.discarded) {
            return result;
        }
        write.order.put("updated_at", MagentoTime.format(bumped(stored.path("updated_at").asText(null))));
        orders.put(entityId, Json.withoutNulls(write.order));
        write.newInvoices.forEach(i -> invoices.put(i.get("entity_id").asLong(), Json.withoutNulls(i)));
        write.newShipments.forEach(i -> shipments.put(i.get("entity_id").asLong(), Json.withoutNulls(i)));
        return result;
    }

    private static List<ObjectNode> documentsOf(TreeMap<Long, ObjectNode> documents, long orderId) {
        return documents.values().stream().filter(d -> d.path("order_id").asLong() == orderId)
                .map(ObjectNode::deepCopy).toList();
    }

    /** A copy of the customer, or null when there is none with that id. */
    public synchronized ObjectNode customer(long id) {
        ObjectNode customer = customers.get(id);
        return customer == null ? null : customer.deepCopy();
    }

    /** Adds the customer, or replaces the one with the same id. */
    public synchronized void addCustomer(ObjectNode customer) {
        customers.put(requiredId(customer, "id"), Json.withoutNulls(customer));
    }

    /**
     * Changes the customer and bumps updated_at to now, or to one second after the previous value if
     * that is not earlier, so that a poller comparing timestamps always sees the change.
     */
    public synchronized void touchCustomer(long id, Consumer<ObjectNode> change) {
        ObjectNode customer = existing(customers, id, "customer");
        String previous = customer.path("updated_at").asText(null);
        change.accept(customer);
        customer.put("updated_at", MagentoTime.format(bumped(previous)));
        customers.put(id, Json.withoutNulls(customer));
    }

    /** Copies of all customers, ascending id. */
    public synchronized List<ObjectNode> customers() {
        return customers.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The highest entity_id, or 0 without orders. */
    public synchronized long lastOrderId() {
        return orders.isEmpty() ? 0 : orders.lastKey();
    }

    private Instant bumped(String previous) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (previous == null) {
            return now;
        }
        Instant next = MagentoTime.parse(previous).plusSeconds(1);
        return now.isBefore(next) ? next : now;
    }

    private static ObjectNode existing(TreeMap<Long, ObjectNode> entities, long id, String what) {
        ObjectNode entity = entities.get(id);
        if (entity == null) {
            throw new NoSuchElementException("no " + what + " with id " + id);
        }
        return entity.deepCopy();
    }

    private static long requiredId(ObjectNode entity, String field) {
        Objects.requireNonNull(entity, "entity");
        JsonNode id = entity.get(field);
        if (id == null || !id.canConvertToLong()) {
            throw new IllegalArgumentException("the entity needs a numeric " + field + ": " + entity);
        }
        return id.asLong();
    }
}
