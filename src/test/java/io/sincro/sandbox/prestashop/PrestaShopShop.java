package io.sincro.sandbox.prestashop;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The data of the simulated PrestaShop shop, per webservice resource (orders, customers, order_histories, …),
 * in memory: it is the outside world of the tests, not a store of the hub. Every method is synchronized, as
 * tests read and arrange it while the server's threads serve requests; rows go out as copies.
 *
 * <p>The one piece of PrestaShop behaviour kept here rather than in the webservice layer: an
 * {@code order_histories} row added sets its order's {@code current_state} and {@code date_upd}
 * ({@code OrderHistory::add} → {@code Order::update}), with no duplicate guard.
 */
public final class PrestaShopShop {

    /** PrestaShop's dates: shop-local, no offset (shop-apis B2). */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Rome");

    private final Map<String, TreeMap<Long, WsRow>> tables = new HashMap<>();
    private final Map<String, Long> lastIds = new HashMap<>();
    /**
     * Multistore ({@code product_shop}): per product, its shops and each shop's own values of the shop fields.
     * A product without an entry is in the default shop only, its values those of its row.
     */
    private final Map<Long, TreeMap<Long, Map<String, String>>> productShops = new HashMap<>();
    /** The product fields each shop of a multistore keeps for itself (PrestaShop's {@code product_shop} columns). */
    public static final Set<String> PRODUCT_SHOP_FIELDS = Set.of("price", "wholesale_price", "active",
            "available_for_order", "show_price", "visibility", "id_category_default", "id_tax_rules_group", "on_sale",
            "online_only", "minimal_quantity", "additional_shipping_cost", "ecotax", "condition", "show_condition",
            "available_date", "unity", "indexed");
    private Clock clock = Clock.systemUTC();

    /** The time the shop stamps {@code date_add}/{@code date_upd} with, shop-local, to the second. */
    public synchronized String now() {
        return LocalDateTime.now(clock.withZone(SHOP_ZONE)).truncatedTo(ChronoUnit.SECONDS).format(DATE);
    }

    /** For tests that need two writes in the same second, or a known time. */
    public synchronized void clock(Clock clock) {
        this.clock = clock;
    }

    /** Adds a row under a new id (or its own, when it carries one) and returns a copy. */
    public synchronized WsRow insert(String resource, WsRow row) {
        long id = row.get("id").isEmpty() ? nextId(resource) : row.id();
        lastIds.merge(resource, id, Math::max);
        WsRow stored = row.copy().set("id", id);
        table(resource).put(id, stored);
        return stored.copy();
    }

    /** Replaces a row (same id) and returns a copy. */
    public synchronized WsRow replace(String resource, WsRow row) {
        table(resource).put(row.id(), row.copy());
        return row.copy();
    }

    public synchronized boolean delete(String resource, long id) {
        return table(resource).remove(id) != null;
    }

    public synchronized Optional<WsRow> find(String resource, long id) {
        return Optional.ofNullable(table(resource).get(id)).map(WsRow::copy);
    }

    /** Copies of every row of a resource, ascending id. */
    public synchronized List<WsRow> all(String resource) {
        List<WsRow> rows = new ArrayList<>();
        table(resource).values().forEach(r -> rows.add(r.copy()));
        return rows;
    }

    public synchronized List<WsRow> where(String resource, Predicate<WsRow> condition) {
        return all(resource).stream().filter(condition).toList();
    }

    // ------------------------------------------------------------------------------------ the order's life

    /**
     * What {@code OrderHistory::add} does: a history row, and the order's {@code current_state} and
     * {@code date_upd} updated. No guard against the state the order already has.
     */
    public synchronized WsRow addOrderHistory(WsRow history) {
        WsRow order = table("orders").get(history.getLong("id_order"));
        String now = now();
        history.set("date_add", now);
        WsRow stored = insert("order_histories", history);
        order.set("current_state", history.get("id_order_state")).set("date_upd", now);
        return stored;
    }

    /** The merchant changes an order's state in the back office (a history row, as there). */
    public synchronized WsRow changeState(long orderId, long stateId) {
        return addOrderHistory(new WsRow().set("id_employee", 1).set("id_order", orderId).set("id_order_state", stateId));
    }

    /** An order's history rows, oldest first. */
    public synchronized List<WsRow> orderHistories(long orderId) {
        return where("order_histories", h -> h.getLong("id_order") == orderId);
    }

    public synchronized WsRow order(long orderId) {
        return find("orders", orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
    }

    /** The order_carriers row of an order (the one the shop made when the order was placed). */
    public synchronized WsRow orderCarrier(long orderId) {
        return where("order_carriers", c -> c.getLong("id_order") == orderId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no order_carrier for order " + orderId));
    }

    /** The id of an order state by its configuration key ({@code PS_OS_SHIPPING}), from {@code configurations}. */
    public synchronized long stateId(String configurationKey) {
        return where("configurations", c -> c.get("name").equals(configurationKey)).stream().findFirst()
                .map(c -> Long.parseLong(c.get("value")))
                .orElseThrow(() -> new IllegalArgumentException("no configuration " + configurationKey));
    }

    /** The product with this reference (SKU), if any. */
    public synchronized Optional<WsRow> productByReference(String reference) {
        return where("products", p -> p.get("reference").equalsIgnoreCase(reference)).stream().findFirst();
    }

    /** The stock_availables row of a product without combination. */
    public synchronized Optional<WsRow> stockAvailable(long productId) {
        return where("stock_availables", s -> s.getLong("id_product") == productId
                && s.getLong("id_product_attribute") == 0).stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------ multistore

    /**
     * The merchant adds a shop to the multistore with the whole catalogue: each product gets the shop's own copy
     * of its shop fields and a stock row of its own ({@code id_shop} = the shop, stock not shared), with
     * {@code quantity}.
     */
    public synchronized void openShop(long shopId, long defaultShopId, int quantity) {
        for (WsRow product : all("products")) {
            TreeMap<Long, Map<String, String>> shops = productShops.computeIfAbsent(product.id(), id -> new TreeMap<>());
            shops.putIfAbsent(defaultShopId, new HashMap<>());
            shops.put(shopId, shopFields(product));
            insert("stock_availables", new WsRow().set("id_product", product.id()).set("id_product_attribute", 0)
                    .set("id_shop", shopId).set("id_shop_group", 0).set("quantity", quantity).set("depends_on_stock", 0)
                    .set("out_of_stock", 2).set("location", ""));
        }
    }

    /** The shops a product is in (the default shop alone when the shop was never multistore). */
    public synchronized Set<Long> shopsOf(long productId, long defaultShopId) {
        TreeMap<Long, Map<String, String>> shops = productShops.get(productId);
        return shops == null ? Set.of(defaultShopId) : new TreeSet<>(shops.keySet());
    }

    /** The product as a shop sees it (its row with that shop's own shop fields), if it is in that shop. */
    public synchronized Optional<WsRow> productInShop(long productId, long shopId, long defaultShopId) {
        Optional<WsRow> product = find("products", productId);
        if (product.isEmpty() || !shopsOf(productId, defaultShopId).contains(shopId)) {
            return Optional.empty();
        }
        Map<String, String> own = shopId == defaultShopId ? null : productShops.get(productId).get(shopId);
        if (own != null) {
            own.forEach(product.get()::set);
        }
        return product;
    }

    /**
     * A product written in a shop's context: the shop fields are that shop's alone, the other fields the
     * product's ({@code ObjectModel::update} with the shop's {@code id_shop_list}). A new product is in that
     * shop only.
     */
    public synchronized WsRow saveProductInShop(WsRow row, boolean created, long shopId, long defaultShopId) {
        if (shopId == defaultShopId && (created || !productShops.containsKey(row.id()))) {
            WsRow saved = created ? insert("products", row) : replace("products", row);
            if (created && !productShops.isEmpty()) {
                productShops.computeIfAbsent(saved.id(), id -> new TreeMap<>()).put(defaultShopId, new HashMap<>());
            }
            return saved;
        }
        WsRow main = row.copy();
        if (!created) {
            WsRow before = table("products").get(row.id());
            if (shopId != defaultShopId) {
                // the other shops' values stay as they were
                PRODUCT_SHOP_FIELDS.forEach(f -> main.set(f, before.get(f)));
            }
        }
        WsRow saved = created ? insert("products", main) : replace("products", main);
        TreeMap<Long, Map<String, String>> shops = productShops.computeIfAbsent(saved.id(), id -> new TreeMap<>());
        shops.put(shopId, shopId == defaultShopId ? new HashMap<>() : shopFields(row));
        return productInShop(saved.id(), shopId, defaultShopId).orElseThrow();
    }

    private static Map<String, String> shopFields(WsRow product) {
        Map<String, String> fields = new HashMap<>();
        PRODUCT_SHOP_FIELDS.forEach(f -> fields.put(f, product.get(f)));
        return fields;
    }

    private TreeMap<Long, WsRow> table(String resource) {
        return tables.computeIfAbsent(resource, r -> new TreeMap<>());
    }

    private long nextId(String resource) {
        long next = lastIds.getOrDefault(resource, 0L) + 1;
        lastIds.put(resource, next);
        return next;
    }
}
