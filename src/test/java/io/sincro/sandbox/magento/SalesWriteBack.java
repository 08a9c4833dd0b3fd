package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order write-back of Magento 2.4's Sales module, as the REST routes reach it: {@code InvoiceOrder}
 * ({@code POST /V1/order/{id}/invoice}), {@code ShipOrder} ({@code POST /V1/order/{id}/ship}),
 * {@code OrderManagement::cancel} and {@code ::addComment}. Written from Magento's documented behaviour
 * and its validators, not from the hub's client.
 *
 * <p><b>Invoice.</b> As {@code InvoiceService::prepareInvoice}: without items every item with quantity
 * left is invoiced in full; with items, the listed quantities (PHP semantics: the last entry of an
 * order_item_id wins, a quantity is cast to int for non-decimal items, negative is 0), other items with
 * quantity left get a 0 row, items with nothing left and unknown order_item_ids are silently left out.
 * A quantity above what is left answers, before any validator, the 400
 * {@code We found an invalid quantity to invoice item "%1".} with the item name as parameter. Then the
 * validators, in the order {@code InvoiceOrderValidator} merges them: {@code InvoiceQuantityValidator}
 * ("The invoice can't be created without products. Add products and try again." when the total is 0),
 * then {@code CanInvoice} ("An invoice cannot be created when an order has a status of <status>" for
 * the states payment_review, holded, canceled, complete, closed; else "The order does not allow an
 * invoice to be created." when no item has quantity left); all of them in one 400
 * {@code "Invoice Document Validation Error(s):\n" + messages joined by "\n"}. So a second full invoice
 * answers both the quantity and the CanInvoice line. The invoice is always registered as paid (state 2):
 * total_paid grows with total_invoiced. The first invoice carries the whole shipping amount; an item's last
 * invoiced quantity takes what is left of its row total, tax and discount, so that the invoices add up.
 *
 * <p><b>Shipment.</b> As {@code ShipmentFactory}: without items everything left to ship is shipped; with
 * items, only the listed ones, each capped at what is left (Magento caps silently, it does not refuse);
 * unknown ids and quantities of 0 are left out. Validators as {@code ShipOrderValidator} merges them:
 * {@code CanShip} ("A shipment cannot be created when an order has a status of <status>" for
 * payment_review, holded, canceled or a virtual order; else "The order does not allow a shipment to be
 * created." when nothing is left to ship), the quantity validator ("You can't create a shipment without
 * products."), the track validator ("Please enter a tracking number."), in one 400
 * {@code "Shipment Document Validation Error(s):\n..."}. A track without title or carrier_code is refused
 * earlier with {@code "%fieldName" is required. Enter and try again.} (stricter than Magento, whose
 * database accepts them empty: the hub must always send all three).
 *
 * <p><b>State.</b> After an invoice or a shipment, as {@code OrderStateResolver} with IN_PROGRESS: complete
 * when nothing is left to invoice nor to ship, else processing for a new (or pending_payment) order, else
 * unchanged; the status becomes the state's default (pending for new, otherwise the state's code), which
 * also repairs a status blanked by a comment without status.
 *
 * <p><b>Cancel</b> ({@code Order::canCancel}/{@code registerCancellation}): false for payment_review,
 * holded, canceled, complete and closed orders and when every item is fully invoiced; otherwise each
 * item's qty_canceled becomes min(left to invoice, left to ship); the order is canceled, or processing
 * (complete) when some invoiced quantity is still to ship (not to ship), as Magento does for a partly
 * invoiced order; the *_canceled totals are the not-invoiced remainder.
 *
 * <p><b>Comment</b> ({@code Order::addStatusHistory}): the entry is put first in status_histories (Magento
 * lists them newest first) and the order's status becomes the entry's status, null when it is left out:
 * the status then disappears from the REST order (null attributes are not rendered).
 *
 * <p><b>Simplification:</b> only parent rows (no parent_item_id) are addressed by order_item_id; the child
 * row of a configurable follows its parent (same qty_invoiced, qty_shipped, qty_canceled; a child invoice
 * row at price 0), and a shipment lists only parent rows. Bundles are not modelled. Invoice and shipment
 * comments go on the document ({@code comments[]}), not into the order's status_histories, as in Magento.
 */
final class SalesWriteBack {

    private static final Set<String> INVOICE_BLOCKING = Set.of("payment_review", "holded", "canceled", "complete",
            "closed");
    private static final Set<String> SHIP_BLOCKING = Set.of("payment_review", "holded", "canceled");
    private static final Set<String> CANCEL_BLOCKING = Set.of("payment_review", "holded", "canceled", "complete",
            "closed");

    /** One parent row of the order and the quantity a document takes of it. */
    private record Line(ObjectNode item, BigDecimal qty) {
    }

    private final SandboxShop shop;

    SalesWriteBack(SandboxShop shop) {
        this.shop = shop;
    }

    // ------------------------------------------------------------------------------------------- invoice

    /** The new invoice's entity_id; throws the 404 or 400 Magento answers. */
    long invoice(long orderId, ObjectNode body) {
        Map<Long, BigDecimal> requested = requestedItems(body);
        Long invoiceId = shop.writeOrder(orderId, write -> createInvoice(write, body, requested));
        if (invoiceId == null) {
            throw MagentoErrors.entityNotFound();
        }
        return invoiceId;
    }

    private static long createInvoice(SandboxShop.Write write, ObjectNode body, Map<Long, BigDecimal> requested) {
        ObjectNode order = write.order();
        List<Line> lines = new ArrayList<>();
        for (ObjectNode item : parents(order)) {
            BigDecimal left = toInvoice(item);
            if (left.signum() <= 0) {
                continue;
            }
            BigDecimal qty = requested.isEmpty() ? left : cast(item, requested.getOrDefault(itemId(item), BigDecimal.ZERO));
            if (qty.compareTo(left) > 0) {
                throw MagentoErrors.invalidQuantityToInvoice(item.path("name").asText(""));
            }
            lines.add(new Line(item, qty));
        }
        List<String> messages = new ArrayList<>();
        if (total(lines).signum() <= 0) {
            messages.add("The invoice can't be created without products. Add products and try again.");
        }
        if (INVOICE_BLOCKING.contains(order.path("state").asText())) {
            messages.add("An invoice cannot be created when an order has a status of " + status(order));
        } else if (parents(order).stream().noneMatch(item -> toInvoice(item).signum() > 0)) {
            messages.add("The order does not allow an invoice to be created.");
        }
        if (!messages.isEmpty()) {
            throw MagentoErrors.documentValidation("Invoice", messages);
        }

        long invoiceId = write.nextInvoiceId();
        String now = write.now();
        ObjectNode invoice = documentHead(order, invoiceId, now, body);
        invoice.put("state", 2).put("can_void_flag", 0);
        ArrayNode rows = Json.array();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal subtotalInclTax = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal totalQty = BigDecimal.ZERO;
        for (Line line : lines) {
            ObjectNode item = line.item();
            BigDecimal qty = line.qty();
            BigDecimal ordered = decimal(item, "qty_ordered");
            boolean last = qty.add(decimal(item, "qty_invoiced")).add(decimal(item, "qty_canceled"))
                    .compareTo(ordered) >= 0;
            BigDecimal rowTotal = share(item, "row_total", "row_invoiced", qty, ordered, last);
            BigDecimal rowTax = share(item, "tax_amount", "tax_invoiced", qty, ordered, last);
            BigDecimal rowDiscount = share(item, "discount_amount", "discount_invoiced", qty, ordered, last);
            BigDecimal rowInclTax = OrderAssembler.money(decimal(item, "row_total_incl_tax").multiply(qty)
                    .divide(ordered, 10, RoundingMode.HALF_UP));
            ObjectNode row = documentItem(write, invoiceId, item, qty);
            money(row, "price", decimal(item, "price"));
            money(row, "base_price", decimal(item, "price"));
            money(row, "price_incl_tax", decimal(item, "price_incl_tax"));
            money(row, "base_price_incl_tax", decimal(item, "price_incl_tax"));
            both(row, "row_total", rowTotal);
            both(row, "row_total_incl_tax", rowInclTax);
            both(row, "tax_amount", rowTax);
            both(row, "discount_amount", rowDiscount);
            row.put("discount_tax_compensation_amount", 0);
            rows.add(row);
            totalQty = totalQty.add(qty);
            subtotal = subtotal.add(rowTotal);
            subtotalInclTax = subtotalInclTax.add(rowInclTax);
            tax = tax.add(rowTax);
            discount = discount.add(rowDiscount);
            add(item, "qty_invoiced", qty);
            addMoney(item, "row_invoiced", rowTotal);
            addMoney(item, "tax_invoiced", rowTax);
            addMoney(item, "discount_invoiced", rowDiscount);
            item.put("updated_at", now);
            if (qty.signum() > 0) {
                for (ObjectNode child : children(order, item)) {
                    add(child, "qty_invoiced", qty);
                    child.put("updated_at", now);
                    ObjectNode childRow = documentItem(write, invoiceId, child, qty);
                    for (String zero : List.of("price", "base_price", "row_total", "base_row_total", "tax_amount",
                            "base_tax_amount", "discount_amount", "base_discount_amount")) {
                        childRow.put(zero, 0);
                    }
                    rows.add(childRow);
                    totalQty = totalQty.add(qty);
                }
            }
        }
        boolean firstShipping = decimal(order, "shipping_invoiced").signum() == 0;
        BigDecimal shipping = firstShipping ? decimal(order, "shipping_amount") : BigDecimal.ZERO;
        BigDecimal shippingTax = firstShipping ? decimal(order, "shipping_tax_amount") : BigDecimal.ZERO;
        BigDecimal grandTotal = subtotal.subtract(discount).add(shipping).add(tax).add(shippingTax);
        both(invoice, "subtotal", subtotal);
        both(invoice, "subtotal_incl_tax", subtotalInclTax);
        both(invoice, "discount_amount", discount.negate());
        both(invoice, "discount_tax_compensation_amount", BigDecimal.ZERO);
        both(invoice, "shipping_amount", shipping);
        both(invoice, "shipping_tax_amount", shippingTax);
        both(invoice, "shipping_incl_tax", shipping.add(shippingTax));
        both(invoice, "tax_amount", tax.add(shippingTax));
        both(invoice, "grand_total", grandTotal);
        invoice.set("total_qty", Json.decimal(totalQty));
        invoice.set("items", rows);
        invoice.set("comments", comments(write, invoiceId, body, now));

        addBoth(order, "subtotal_invoiced", subtotal);
        addBoth(order, "tax_invoiced", tax.add(shippingTax));
        addBoth(order, "discount_invoiced", discount.negate());
        addBoth(order, "shipping_invoiced", shipping);
        addBoth(order, "shipping_tax_invoiced", shippingTax);
        addBoth(order, "total_invoiced", grandTotal);
        addBoth(order, "total_paid", grandTotal);
        BigDecimal due = decimal(order, "grand_total").subtract(decimal(order, "total_paid")).max(BigDecimal.ZERO);
        both(order, "total_due", due);
        JsonNode payment = order.get("payment");
        if (payment instanceof ObjectNode paymentNode) {
            addMoney(paymentNode, "amount_paid", grandTotal);
            addMoney(paymentNode, "base_amount_paid", grandTotal);
        }
        resolveState(order);
        syncItemCopies(order);
        write.addInvoice(invoice);
        return invoiceId;
    }

    // ---------------------------------------------------------------------------------------------- ship

    /** The new shipment's entity_id; throws the 404 or 400 Magento answers. */
    long ship(long orderId, ObjectNode body) {
        Map<Long, BigDecimal> requested = requestedItems(body);
        List<ObjectNode> tracks = requestedTracks(body);
        Long shipmentId = shop.writeOrder(orderId, write -> createShipment(write, body, requested, tracks));
        if (shipmentId == null) {
            throw MagentoErrors.entityNotFound();
        }
        return shipmentId;
    }

    private static long createShipment(SandboxShop.Write write, ObjectNode body, Map<Long, BigDecimal> requested,
            List<ObjectNode> tracks) {
        ObjectNode order = write.order();
        List<Line> lines = new ArrayList<>();
        for (ObjectNode item : parents(order)) {
            BigDecimal left = toShip(item);
            if (isVirtual(item) || left.signum() <= 0) {
                continue;
            }
            BigDecimal qty;
            if (requested.isEmpty()) {
                qty = left;
            } else {
                BigDecimal asked = requested.get(itemId(item));
                if (asked == null || asked.signum() <= 0) {
                    continue;
                }
                qty = cast(item, asked.min(left));
            }
            lines.add(new Line(item, qty));
        }
        List<String> messages = new ArrayList<>();
        if (SHIP_BLOCKING.contains(order.path("state").asText()) || order.path("is_virtual").asInt() == 1) {
            messages.add("A shipment cannot be created when an order has a status of " + status(order));
        } else if (parents(order).stream().noneMatch(item -> !isVirtual(item) && toShip(item).signum() > 0)) {
            messages.add("The order does not allow a shipment to be created.");
        }
        if (lines.isEmpty() || total(lines).signum() <= 0) {
            messages.add("You can't create a shipment without products.");
        }
        for (ObjectNode track : tracks) {
            if (track.path("track_number").asText("").isEmpty()) {
                messages.add("Please enter a tracking number.");
            }
        }
        if (!messages.isEmpty()) {
            throw MagentoErrors.documentValidation("Shipment", messages);
        }

        long shipmentId = write.nextShipmentId();
        String now = write.now();
        ObjectNode shipment = documentHead(order, shipmentId, now, body);
        // a shipment carries no money: Magento's shipment interface has no currency fields
        shipment.remove(List.of("base_currency_code", "global_currency_code", "order_currency_code",
                "store_currency_code", "base_to_global_rate", "base_to_order_rate"));
        if (order.has("customer_id")) {
            shipment.set("customer_id", order.get("customer_id"));
        }
        ArrayNode rows = Json.array();
        BigDecimal totalQty = BigDecimal.ZERO;
        BigDecimal totalWeight = BigDecimal.ZERO;
        for (Line line : lines) {
            ObjectNode item = line.item();
            ObjectNode row = documentItem(write, shipmentId, item, line.qty());
            money(row, "price", decimal(item, "price"));
            row.set("weight", Json.decimal(decimal(item, "weight")));
            rows.add(row);
            totalQty = totalQty.add(line.qty());
            totalWeight = totalWeight.add(decimal(item, "weight").multiply(line.qty()));
            add(item, "qty_shipped", line.qty());
            item.put("updated_at", now);
            for (ObjectNode child : children(order, item)) {
                add(child, "qty_shipped", line.qty());
                child.put("updated_at", now);
            }
        }
        shipment.set("total_qty", Json.decimal(totalQty));
        shipment.set("total_weight", Json.decimal(totalWeight));
        shipment.set("items", rows);
        ArrayNode trackRows = shipment.putArray("tracks");
        for (ObjectNode track : tracks) {
            trackRows.addObject()
                    .put("entity_id", write.nextChildId())
                    .put("parent_id", shipmentId)
                    .put("order_id", order.get("entity_id").asLong())
                    .put("track_number", track.path("track_number").asText())
                    .put("title", track.path("title").asText())
                    .put("carrier_code", track.path("carrier_code").asText())
                    .put("created_at", now)
                    .put("updated_at", now);
        }
        JsonNode packages = body.get("packages");
        shipment.set("packages", packages != null && packages.isArray() ? packages.deepCopy() : Json.array());
        shipment.set("comments", comments(write, shipmentId, body, now));
        String sourceCode = body.path("arguments").path("extension_attributes").path("source_code").asText("");
        shipment.putObject("extension_attributes").put("source_code", sourceCode.isEmpty() ? "default" : sourceCode);
        resolveState(order);
        syncItemCopies(order);
        write.addShipment(shipment);
        return shipmentId;
    }

    /** Each track needs track_number, title and carrier_code; a blank track_number is a document error. */
    private static List<ObjectNode> requestedTracks(ObjectNode body) {
        List<ObjectNode> tracks = new ArrayList<>();
        JsonNode given = body.get("tracks");
        if (given == null || given.isNull()) {
            return tracks;
        }
        if (!given.isArray()) {
            throw MagentoErrors.invalidType(given.toString(), "\\Magento\\Sales\\Api\\Data\\ShipmentTrackCreationInterface[]");
        }
        for (JsonNode track : given) {
            if (!track.isObject()) {
                throw MagentoErrors.invalidType(track.toString(), "\\Magento\\Sales\\Api\\Data\\ShipmentTrackCreationInterface");
            }
            for (String field : List.of("title", "carrier_code")) {
                if (track.path(field).asText("").isBlank()) {
                    throw MagentoErrors.requiredField(field);
                }
            }
            tracks.add((ObjectNode) track);
        }
        return tracks;
    }

    // -------------------------------------------------------------------------------------------- cancel

    /** True when the order was canceled, false when it cannot be; throws the 404 for an unknown order. */
    boolean cancel(long orderId) {
        Boolean canceled = shop.writeOrder(orderId, SalesWriteBack::cancelOrder);
        if (canceled == null) {
            throw MagentoErrors.entityNotFound();
        }
        return canceled;
    }

    private static boolean cancelOrder(SandboxShop.Write write) {
        ObjectNode order = write.order();
        if (CANCEL_BLOCKING.contains(order.path("state").asText())
                || parents(order).stream().noneMatch(item -> toInvoice(item).signum() > 0)) {
            write.discard();
            return false;
        }
        String now = write.now();
        String state = "canceled";
        for (ObjectNode item : parents(order)) {
            BigDecimal toCancel = toInvoice(item).min(toShip(item)).max(BigDecimal.ZERO);
            if (!state.equals("processing")
                    && decimal(item, "qty_invoiced").subtract(decimal(item, "qty_refunded")).signum() > 0) {
                state = toShip(item).compareTo(toCancel) > 0 ? "processing" : "complete";
            }
            setQty(item, "qty_canceled", toCancel);
            item.put("updated_at", now);
            for (ObjectNode child : children(order, item)) {
                setQty(child, "qty_canceled", toCancel);
                child.put("updated_at", now);
            }
        }
        both(order, "subtotal_canceled", decimal(order, "subtotal").subtract(decimal(order, "subtotal_invoiced")));
        both(order, "tax_canceled", decimal(order, "tax_amount").subtract(decimal(order, "tax_invoiced")));
        both(order, "shipping_canceled",
                decimal(order, "shipping_amount").subtract(decimal(order, "shipping_invoiced")));
        both(order, "discount_canceled",
                decimal(order, "discount_amount").subtract(decimal(order, "discount_invoiced")));
        both(order, "total_canceled", decimal(order, "grand_total").subtract(decimal(order, "total_paid")));
        order.put("state", state).put("status", defaultStatus(state));
        syncItemCopies(order);
        return true;
    }

    // ------------------------------------------------------------------------------------------- comment

    /** Adds the status-history entry; throws the 400 for a missing statusHistory, the 404 for an unknown order. */
    void comment(long orderId, ObjectNode body) {
        JsonNode history = body.get("statusHistory");
        if (history == null || history.isNull()) {
            throw MagentoErrors.requiredField("statusHistory");
        }
        if (!history.isObject()) {
            throw MagentoErrors.invalidType(history.toString(), "\\Magento\\Sales\\Api\\Data\\OrderStatusHistoryInterface");
        }
        Boolean added = shop.writeOrder(orderId, write -> {
            ObjectNode order = write.order();
            String status = text(history.get("status"));
            ObjectNode entry = Json.object()
                    .put("comment", text(history.get("comment")))
                    .put("created_at", write.now())
                    .put("entity_id", write.nextChildId())
                    .put("entity_name", "order");
            flag(entry, "is_customer_notified", history.get("is_customer_notified"));
            flag(entry, "is_visible_on_front", history.get("is_visible_on_front"));
            entry.put("parent_id", order.get("entity_id").asLong()).put("status", status);
            JsonNode existing = order.get("status_histories");
            ArrayNode histories = existing instanceof ArrayNode array ? array : order.putArray("status_histories");
            histories.insert(0, entry);
            order.put("status", status);
            return true;
        });
        if (added == null) {
            throw MagentoErrors.entityNotFound();
        }
    }

    // ------------------------------------------------------------------------------------------ plumbing

    /** order_item_id → qty of a request's items[], PHP-array style (the last entry of an id wins). */
    private static Map<Long, BigDecimal> requestedItems(ObjectNode body) {
        Map<Long, BigDecimal> requested = new LinkedHashMap<>();
        JsonNode items = body.get("items");
        if (items == null || items.isNull()) {
            return requested;
        }
        if (!items.isArray()) {
            throw MagentoErrors.invalidType(items.toString(), "array");
        }
        for (JsonNode item : items) {
            long id = number(item.get("order_item_id"), "int").longValue();
            requested.put(id, number(item.get("qty"), "float"));
        }
        return requested;
    }

    /** A number or a numeric string, as PHP's type juggling accepts; absent is 0. */
    private static BigDecimal number(JsonNode value, String type) {
        if (value == null || value.isNull()) {
            return BigDecimal.ZERO;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw MagentoErrors.invalidType(value.asText(), type);
        }
    }

    /** The head shared by invoices and shipments: ids, store, addresses, currency, e-mail flags, dates. */
    private static ObjectNode documentHead(ObjectNode order, long entityId, String now, ObjectNode body) {
        boolean notify = body.path("notify").asBoolean(false);
        ObjectNode head = Json.object()
                .put("entity_id", entityId)
                .put("order_id", order.get("entity_id").asLong())
                .put("increment_id", String.format("%09d", entityId))
                .put("store_id", order.path("store_id").asInt(1))
                .put("email_sent", notify ? 1 : 0)
                .put("created_at", now)
                .put("updated_at", now);
        if (order.has("billing_address_id")) {
            head.set("billing_address_id", order.get("billing_address_id"));
        }
        JsonNode shippingAddress = order.path("extension_attributes").path("shipping_assignments").path(0)
                .path("shipping").path("address").path("entity_id");
        if (!shippingAddress.isMissingNode()) {
            head.set("shipping_address_id", shippingAddress);
        }
        for (String field : List.of("base_currency_code", "global_currency_code", "order_currency_code",
                "store_currency_code", "base_to_global_rate", "base_to_order_rate")) {
            if (order.has(field)) {
                head.set(field, order.get(field));
            }
        }
        return head;
    }

    private static ObjectNode documentItem(SandboxShop.Write write, long parentId, ObjectNode item, BigDecimal qty) {
        ObjectNode row = Json.object()
                .put("entity_id", write.nextChildId())
                .put("parent_id", parentId)
                .put("order_item_id", itemId(item))
                .put("product_id", item.path("product_id").asLong())
                .put("sku", item.path("sku").asText())
                .put("name", item.path("name").asText());
        row.set("qty", Json.decimal(qty));
        return row;
    }

    /** The document's comments[]: the body's comment, if it has a text. */
    private static ArrayNode comments(SandboxShop.Write write, long parentId, ObjectNode body, String now) {
        ArrayNode comments = Json.array();
        JsonNode comment = body.get("comment");
        String text = comment == null ? null : text(comment.get("comment"));
        if (text != null) {
            boolean notified = body.path("appendComment").asBoolean(false) && body.path("notify").asBoolean(false);
            comments.addObject()
                    .put("entity_id", write.nextChildId())
                    .put("parent_id", parentId)
                    .put("comment", text)
                    .put("is_customer_notified", notified ? 1 : 0)
                    .put("is_visible_on_front", comment.path("is_visible_on_front").asBoolean(false) ? 1 : 0)
                    .put("created_at", now);
        }
        return comments;
    }

    /** Complete when nothing is left to invoice nor to ship; new/pending_payment → processing; default status. */
    private static void resolveState(ObjectNode order) {
        String state = order.path("state").asText();
        boolean invoiceable = parents(order).stream().anyMatch(item -> toInvoice(item).signum() > 0);
        boolean shippable = parents(order).stream().anyMatch(item -> !isVirtual(item) && toShip(item).signum() > 0);
        if (!invoiceable && !shippable) {
            state = "complete";
        } else if (state.equals("new") || state.equals("pending_payment")) {
            state = "processing";
        }
        order.put("state", state).put("status", defaultStatus(state));
    }

    /** Each state's default status in a stock Magento: pending for new, otherwise the state's code. */
    private static String defaultStatus(String state) {
        return state.equals("new") ? "pending" : state;
    }

    /** The order's status as Magento renders it into a message: a missing (null) status is empty. */
    private static String status(ObjectNode order) {
        JsonNode status = order.get("status");
        return status == null || status.isNull() ? "" : status.asText();
    }

    /** The copies of the item rows (children's parent_item, shipping_assignments[].items) follow the rows. */
    private static void syncItemCopies(ObjectNode order) {
        JsonNode items = order.path("items");
        for (JsonNode item : items) {
            if (item.has("parent_item_id")) {
                for (JsonNode parent : items) {
                    if (parent.path("item_id").asLong() == item.get("parent_item_id").asLong()) {
                        ((ObjectNode) item).set("parent_item", parent.deepCopy());
                    }
                }
            }
        }
        for (JsonNode assignment : order.path("extension_attributes").path("shipping_assignments")) {
            if (assignment instanceof ObjectNode assignmentNode) {
                assignmentNode.set("items", items.deepCopy());
            }
        }
    }

    private static List<ObjectNode> parents(ObjectNode order) {
        List<ObjectNode> parents = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            if (item instanceof ObjectNode row && !row.has("parent_item_id")) {
                parents.add(row);
            }
        }
        return parents;
    }

    private static List<ObjectNode> children(ObjectNode order, ObjectNode parent) {
        List<ObjectNode> children = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            if (item instanceof ObjectNode row && row.path("parent_item_id").asLong(-1) == itemId(parent)) {
                children.add(row);
            }
        }
        return children;
    }

    private static long itemId(ObjectNode item) {
        return item.path("item_id").asLong();
    }

    private static boolean isVirtual(ObjectNode item) {
        return item.path("is_virtual").asInt() == 1;
    }

    /** Order\Item::getQtyToInvoice: ordered − invoiced − canceled, not below 0. */
    private static BigDecimal toInvoice(ObjectNode item) {
        return decimal(item, "qty_ordered").subtract(decimal(item, "qty_invoiced"))
                .subtract(decimal(item, "qty_canceled")).max(BigDecimal.ZERO);
    }

    /** Order\Item::getQtyToShip: ordered − shipped − refunded − canceled, not below 0. */
    private static BigDecimal toShip(ObjectNode item) {
        return decimal(item, "qty_ordered").subtract(decimal(item, "qty_shipped"))
                .subtract(decimal(item, "qty_refunded")).subtract(decimal(item, "qty_canceled")).max(BigDecimal.ZERO);
    }

    /** Magento's castQty: an int for a non-decimal item, never negative. */
    private static BigDecimal cast(ObjectNode item, BigDecimal qty) {
        BigDecimal cast = item.path("is_qty_decimal").asInt() == 1 ? qty : qty.setScale(0, RoundingMode.DOWN);
        return cast.max(BigDecimal.ZERO);
    }

    private static BigDecimal total(List<Line> lines) {
        return lines.stream().map(Line::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The part of a row amount for qty units; the last units take what is left, so that parts add up. */
    private static BigDecimal share(ObjectNode item, String amountField, String doneField, BigDecimal qty,
            BigDecimal ordered, boolean last) {
        BigDecimal amount = decimal(item, amountField);
        if (last) {
            return OrderAssembler.money(amount.subtract(decimal(item, doneField)));
        }
        return OrderAssembler.money(amount.multiply(qty).divide(ordered, 10, RoundingMode.HALF_UP));
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? BigDecimal.ZERO : value.decimalValue();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A 0/1 flag as Magento stores it; booleans and numbers accepted, absent left out. */
    private static void flag(ObjectNode node, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            node.put(field, value.isBoolean() ? (value.asBoolean() ? 1 : 0) : value.asInt());
        }
    }

    private static void add(ObjectNode node, String field, BigDecimal qty) {
        setQty(node, field, decimal(node, field).add(qty));
    }

    private static void setQty(ObjectNode node, String field, BigDecimal qty) {
        node.set(field, Json.decimal(qty));
    }

    private static void money(ObjectNode node, String field, BigDecimal amount) {
        node.set(field, Json.decimal(OrderAssembler.money(amount)));
    }

    private static void addMoney(ObjectNode node, String field, BigDecimal amount) {
        money(node, field, decimal(node, field).add(amount));
    }

    /** The amount and its base_* twin (base currency = order currency). */
    private static void both(ObjectNode node, String field, BigDecimal amount) {
        money(node, field, amount);
        money(node, "base_" + field, amount);
    }

    private static void addBoth(ObjectNode node, String field, BigDecimal amount) {
        addMoney(node, field, amount);
        addMoney(node, "base_" + field, amount);
    }
}
