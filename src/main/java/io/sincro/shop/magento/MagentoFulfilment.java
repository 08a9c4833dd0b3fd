package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.shop.ShopAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Magento's side of the push-back: reading an order's items and documents, and creating shipments,
 * invoices and cancellations (shop-apis A7). Every document the hub creates carries a marker comment
 * naming the ERP document, so that before any retry the hub can see whether its last attempt went
 * through: Magento has no idempotency key, and a repeated partial invoice or shipment succeeds (A12).
 */
@Component
public class MagentoFulfilment {

    /**
     * One item of a Magento order and how much of it is still open: a top-level item, or a component of
     * a bundle ({@code bundleItemId} is then the bundle's item; a configurable's child is never listed,
     * it follows its parent).
     */
    public record Item(long itemId, String sku, BigDecimal ordered, BigDecimal invoiced, BigDecimal shipped,
            BigDecimal canceled, Long bundleItemId) {

        public BigDecimal toShip() {
            return ordered.subtract(shipped).subtract(canceled).max(BigDecimal.ZERO);
        }

        public BigDecimal toInvoice() {
            return ordered.subtract(invoiced).subtract(canceled).max(BigDecimal.ZERO);
        }
    }

    /** The order as Magento has it now. */
    public record ShopOrder(long entityId, String state, String status, List<Item> items) {
    }

    /** A track of a shipment: Magento needs all three. */
    public record Track(String trackNumber, String title, String carrierCode) {
    }

    private final MagentoClient client;
    private final ObjectMapper json;

    public MagentoFulfilment(MagentoClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public ShopOrder order(ShopAccount account, long entityId) {
        JsonNode order = client.get(account, "orders/" + entityId, Map.of());
        Set<Long> bundles = new HashSet<>();
        for (JsonNode item : order.path("items")) {
            if (!item.hasNonNull("parent_item_id") && "bundle".equals(item.path("product_type").asText())) {
                bundles.add(item.path("item_id").asLong());
            }
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            Long parent = item.hasNonNull("parent_item_id") ? item.path("parent_item_id").asLong() : null;
            if (parent != null && !bundles.contains(parent)) {
                continue;
            }
            items.add(new Item(item.path("item_id").asLong(), item.path("sku").asText(""),
                    decimal(item, "qty_ordered"), decimal(item, "qty_invoiced"), decimal(item, "qty_shipped"),
                    decimal(item, "qty_canceled"), parent));
        }
        return new ShopOrder(entityId, order.path("state").asText(null), order.path("status").asText(null), items);
    }

    /**
     * The items of a shipment or invoice with each bundle complete: a component brings its bundle, a
     * bundle its components, in proportion. Magento takes the quantities of a bundle shipped (or priced)
     * as one from the bundle's item and those of a bundle shipped separately from its components, and
     * the REST order does not say which a bundle is; it recomputes the side it does not use, so sending
     * both is right either way (ShipmentFactory / InvoiceService, {@code isDummy}).
     */
    public static Map<Long, BigDecimal> withWholeBundles(ShopOrder order, Map<Long, BigDecimal> items) {
        Map<Long, Item> byId = new LinkedHashMap<>();
        order.items().forEach(item -> byId.put(item.itemId(), item));
        Map<Long, BigDecimal> complete = new LinkedHashMap<>(items);
        items.forEach((itemId, qty) -> {
            Item item = byId.get(itemId);
            if (item == null) {
                return;
            }
            if (item.bundleItemId() != null) {
                Item bundle = byId.get(item.bundleItemId());
                if (bundle != null && item.ordered().signum() > 0) {
                    BigDecimal bundles = qty.multiply(bundle.ordered()).divide(item.ordered(), 0, RoundingMode.DOWN);
                    if (bundles.signum() > 0) {
                        complete.merge(bundle.itemId(), bundles, BigDecimal::max);
                    }
                }
            } else {
                for (Item component : order.items()) {
                    if (Long.valueOf(itemId).equals(component.bundleItemId()) && item.ordered().signum() > 0) {
                        complete.merge(component.itemId(), qty.multiply(component.ordered())
                                .divide(item.ordered(), 4, RoundingMode.HALF_UP).stripTrailingZeros(), BigDecimal::max);
                    }
                }
            }
        });
        return complete;
    }

    /** The id of the shipment whose comments carry this marker, if the shop has one. */
    public Optional<String> shipmentMarked(ShopAccount account, long entityId, String marker) {
        return marked(client.get(account, "shipments", byOrder(entityId)), marker);
    }

    /** The id of the invoice whose comments carry this marker, if the shop has one. */
    public Optional<String> invoiceMarked(ShopAccount account, long entityId, String marker) {
        return marked(client.get(account, "invoices", byOrder(entityId)), marker);
    }

    /** {@code POST /V1/order/{id}/ship}; the new shipment's id. */
    public String ship(ShopAccount account, long entityId, Map<Long, BigDecimal> items, Track track, String comment) {
        ObjectNode body = json.createObjectNode();
        body.set("items", items(items));
        body.put("notify", true);
        body.put("appendComment", false);
        body.set("comment", comment(comment));
        ArrayNode tracks = body.putArray("tracks");
        if (track != null) {
            tracks.addObject().put("track_number", track.trackNumber()).put("title", track.title())
                    .put("carrier_code", track.carrierCode());
        }
        if (account.settings().shipmentSource() != null) {
            // MSI: the inventory source the goods leave from (AD inventory/create-shipment)
            body.putObject("arguments").putObject("extension_attributes")
                    .put("source_code", account.settings().shipmentSource());
        }
        return client.post(account, "order/" + entityId + "/ship", body).asText();
    }

    /** {@code POST /V1/order/{id}/invoice}, paid offline (the ERP is the fiscal invoicer); the invoice's id. */
    public String invoice(ShopAccount account, long entityId, Map<Long, BigDecimal> items, String comment) {
        ObjectNode body = json.createObjectNode();
        body.put("capture", false);
        body.set("items", items(items));
        body.put("notify", true);
        body.put("appendComment", false);
        body.set("comment", comment(comment));
        return client.post(account, "order/" + entityId + "/invoice", body).asText();
    }

    /** {@code POST /V1/orders/{id}/cancel}: false (HTTP 200) when Magento cannot cancel the order. */
    public boolean cancel(ShopAccount account, long entityId) {
        return client.post(account, "orders/" + entityId + "/cancel", null).asBoolean(false);
    }

    private ArrayNode items(Map<Long, BigDecimal> items) {
        ArrayNode array = json.createArrayNode();
        items.forEach((itemId, qty) -> array.addObject().put("order_item_id", itemId).put("qty", qty));
        return array;
    }

    private ObjectNode comment(String text) {
        return json.createObjectNode().put("comment", text).put("is_visible_on_front", 0);
    }

    private static Map<String, String> byOrder(long entityId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("searchCriteria[filter_groups][0][filters][0][field]", "order_id");
        query.put("searchCriteria[filter_groups][0][filters][0][value]", String.valueOf(entityId));
        query.put("searchCriteria[filter_groups][0][filters][0][condition_type]", "eq");
        return query;
    }

    private static Optional<String> marked(JsonNode found, String marker) {
        for (JsonNode document : found.path("items")) {
            for (JsonNode comment : document.path("comments")) {
                if (comment.path("comment").asText("").contains(marker)) {
                    return Optional.of(document.path("entity_id").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asText("0"));
    }
}
