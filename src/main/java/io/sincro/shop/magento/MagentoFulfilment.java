package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.shop.ShopAccount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Magento's side of the push-back: reading an order's items and documents, and creating shipments,
 * invoices and cancellations (shop-apis A7). Every document the hub creates carries a marker comment
 * naming the ERP document, so that before any retry the hub can see whether its last attempt went
 * through: Magento has no idempotency key, and a repeated partial invoice or shipment succeeds (A12).
 */
@Component
public class MagentoFulfilment {

    /** One parent item of a Magento order and how much of it is still open. */
    public record Item(long itemId, String sku, BigDecimal ordered, BigDecimal invoiced, BigDecimal shipped,
            BigDecimal canceled) {

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
        List<Item> items = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            if (item.hasNonNull("parent_item_id")) {
                continue;
            }
            items.add(new Item(item.path("item_id").asLong(), item.path("sku").asText(""),
                    decimal(item, "qty_ordered"), decimal(item, "qty_invoiced"), decimal(item, "qty_shipped"),
                    decimal(item, "qty_canceled")));
        }
        return new ShopOrder(entityId, order.path("state").asText(null), order.path("status").asText(null), items);
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
