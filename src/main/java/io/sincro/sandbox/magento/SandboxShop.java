package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The data of the simulated shop: orders, customers and the catalogue, as Magento's REST API
 * renders them (JSON trees, null-valued attributes left out). Thread-safe: the server reads while
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
