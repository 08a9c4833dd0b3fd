package io.sincro.fulfilment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives an order's states from its ERP documents, as the Passweb manual's "Operazioni sull'ordine"
 * describes them, and what the shop must be told about each:
 * <ul>
 *   <li>every article row of the ERP order cancelled (N) → CANCELLED, and the shop cancels the order;</li>
 *   <li>a delivery note (BC) from the order → SHIPPED, or PARTIALLY_SHIPPED while some ordered quantity
 *       has not left yet; the shop creates one shipment per delivery note, with its carrier and tracking;</li>
 *   <li>an invoice (FT) → INVOICED; the shop creates one invoice per ERP invoice;</li>
 *   <li>a direct order → invoice carrying carrier, transport date or tracking → INVOICED and SHIPPED.</li>
 * </ul>
 * Quantities are compared per article code, since the ERP may split a row to ship part of it. The order
 * is finished on the ERP side (nothing more to read back) once cancelled or completely invoiced.
 */
public final class OrderFulfilment {

    public enum State { CANCELLED, PARTIALLY_SHIPPED, SHIPPED, INVOICED }

    public enum Action { CANCEL, SHIP, INVOICE }

    /** A state the order reached, through which ERP document. */
    public record Change(State state, String documentKey, String detail) {
    }

    /** What the shop must do for one ERP document; items are quantities per ERP article code. */
    public record ShopAction(Action action, String documentKey, Map<String, BigDecimal> items, String carrier,
            String tracking, String shippedOn) {
    }

    public record Derived(List<Change> changes, List<ShopAction> actions, Set<State> current, boolean closed) {
    }

    private OrderFulfilment() {
    }

    /**
     * @param ordered what the hub's order asks for, quantity per ERP article code (article lines only)
     */
    public static Derived derive(Map<String, BigDecimal> ordered, ErpDocuments documents) {
        List<Change> changes = new ArrayList<>();
        List<ShopAction> actions = new ArrayList<>();
        Set<State> current = EnumSet.noneOf(State.class);

        List<ErpDocuments.Movement> movements = new ArrayList<>(documents.movements());
        // the order they were made in: by date, a delivery note before the invoice made from it, then by number
        movements.sort(Comparator.comparing((ErpDocuments.Movement m) -> m.date() == null ? "" : m.date())
                .thenComparing(m -> m.isDeliveryNote() ? 0 : 1)
                .thenComparing(m -> number(m.key())));

        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        Map<String, BigDecimal> invoiced = new LinkedHashMap<>();
        for (ErpDocuments.Movement movement : movements) {
            Map<String, BigDecimal> items = itemsOf(movement, ordered);
            if (items.isEmpty()) {
                continue;
            }
            if (movement.ships()) {
                items.forEach((code, qty) -> shipped.merge(code, qty, BigDecimal::add));
                boolean complete = covers(shipped, ordered);
                State state = complete ? State.SHIPPED : State.PARTIALLY_SHIPPED;
                changes.add(new Change(state, movement.key(), describe(movement, items)));
                actions.add(new ShopAction(Action.SHIP, movement.key(), items, blankToNull(movement.carrier()),
                        blankToNull(movement.tracking()), blankToNull(movement.shippedOn())));
            }
            if (movement.isInvoice()) {
                items.forEach((code, qty) -> invoiced.merge(code, qty, BigDecimal::add));
                changes.add(new Change(State.INVOICED, movement.key(), (covers(invoiced, ordered) ? "" : "partial ")
                        + "invoice " + movement.key() + " " + items));
                actions.add(new ShopAction(Action.INVOICE, movement.key(), items, null, null, null));
            }
        }
        if (!shipped.isEmpty()) {
            current.add(covers(shipped, ordered) ? State.SHIPPED : State.PARTIALLY_SHIPPED);
        }
        if (!invoiced.isEmpty()) {
            current.add(State.INVOICED);
        }

        List<ErpDocuments.Row> rows = documents.orderRows();
        boolean cancelled = !rows.isEmpty()
                && rows.stream().allMatch(r -> ErpDocuments.CANCELLED_ROW.equals(r.rowState()));
        if (cancelled) {
            current.add(State.CANCELLED);
            changes.add(new Change(State.CANCELLED, documents.orderKey(), "every row of " + documents.orderKey()
                    + " cancelled in the ERP"));
            actions.add(new ShopAction(Action.CANCEL, documents.orderKey(), Map.of(), null, null, null));
        }
        boolean closed = cancelled || (!invoiced.isEmpty() && covers(invoiced, ordered));
        return new Derived(changes, actions, current, closed);
    }

    /** The movement's rows that are articles of this order, summed per article code. */
    private static Map<String, BigDecimal> itemsOf(ErpDocuments.Movement movement, Map<String, BigDecimal> ordered) {
        Map<String, BigDecimal> items = new LinkedHashMap<>();
        for (ErpDocuments.MovementRow row : movement.rows()) {
            if (row.articleCode() != null && ordered.containsKey(row.articleCode()) && row.quantity() != null
                    && row.quantity().signum() > 0) {
                items.merge(row.articleCode(), row.quantity(), BigDecimal::add);
            }
        }
        return items;
    }

    private static boolean covers(Map<String, BigDecimal> done, Map<String, BigDecimal> ordered) {
        return ordered.entrySet().stream().allMatch(e -> done.getOrDefault(e.getKey(), BigDecimal.ZERO)
                .compareTo(e.getValue()) >= 0);
    }

    private static String describe(ErpDocuments.Movement movement, Map<String, BigDecimal> items) {
        StringBuilder text = new StringBuilder(movement.isDeliveryNote() ? "delivery note " : "invoice ")
                .append(movement.key()).append(' ').append(items);
        if (movement.carrier() != null && !movement.carrier().isBlank()) {
            text.append(", carrier ").append(movement.carrier());
        }
        if (movement.tracking() != null && !movement.tracking().isBlank()) {
            text.append(", tracking ").append(movement.tracking());
        }
        if (movement.shippedOn() != null && !movement.shippedOn().isBlank()) {
            text.append(", shipped on ").append(movement.shippedOn());
        }
        return text.toString();
    }

    private static long number(String key) {
        try {
            return Long.parseLong(key.substring(key.lastIndexOf('+') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
