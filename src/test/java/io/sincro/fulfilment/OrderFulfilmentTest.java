package io.sincro.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.fulfilment.ErpDocuments.Movement;
import io.sincro.fulfilment.ErpDocuments.MovementRow;
import io.sincro.fulfilment.ErpDocuments.Row;
import io.sincro.fulfilment.OrderFulfilment.Action;
import io.sincro.fulfilment.OrderFulfilment.State;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderFulfilmentTest {

    private static final String ORDER = "OC+1+12";
    private static final Map<String, BigDecimal> ORDERED = Map.of("MUG", qty(2), "TEE", qty(1));

    @Test
    void anOrderWithoutDocumentsHasNoState() {
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(new Row("MUG", qty(2), "E"), new Row("TEE", qty(1), "E")), List.of()));

        assertThat(derived.changes()).isEmpty();
        assertThat(derived.actions()).isEmpty();
        assertThat(derived.current()).isEmpty();
        assertThat(derived.closed()).isFalse();
    }

    @Test
    void everyRowCancelledCancelsTheOrder() {
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(new Row("MUG", qty(2), "N"), new Row("TEE", qty(1), "N")), List.of()));

        assertThat(derived.current()).containsExactly(State.CANCELLED);
        assertThat(derived.actions()).extracting(OrderFulfilment.ShopAction::action, OrderFulfilment.ShopAction::documentKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.CANCEL, ORDER));
        assertThat(derived.closed()).isTrue();
    }

    @Test
    void oneRowCancelledOutOfTwoIsNotACancellation() {
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(new Row("MUG", qty(2), "N"), new Row("TEE", qty(1), "E")), List.of()));

        assertThat(derived.current()).isEmpty();
        assertThat(derived.actions()).isEmpty();
    }

    @Test
    void aDeliveryNoteOfEverythingShipsWithItsTracking() {
        Movement bc = new Movement("BC+1+7", "BC", "OC", "20261120", "2", "TRK-1", "20261120",
                List.of(new MovementRow("MUG", qty(2)), new MovementRow("TEE", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED, new ErpDocuments(ORDER, List.of(), List.of(bc)));

        assertThat(derived.current()).containsExactly(State.SHIPPED);
        assertThat(derived.changes()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(State.SHIPPED);
            assertThat(c.detail()).contains("tracking TRK-1");
        });
        OrderFulfilment.ShopAction ship = derived.actions().get(0);
        assertThat(ship.action()).isEqualTo(Action.SHIP);
        assertThat(ship.items()).containsEntry("MUG", qty(2)).containsEntry("TEE", qty(1));
        assertThat(ship.carrier()).isEqualTo("2");
        assertThat(ship.tracking()).isEqualTo("TRK-1");
        assertThat(derived.closed()).as("shipped but not invoiced: still read back").isFalse();
    }

    @Test
    void twoDeliveryNotesShipPartlyThenCompletely() {
        Movement first = new Movement("BC+1+7", "BC", "OC", "20261120", null, null, null,
                List.of(new MovementRow("MUG", qty(1))));
        Movement second = new Movement("BC+1+9", "BC", "OC", "20261121", "3", "TRK-2", "20261121",
                List.of(new MovementRow("MUG", qty(1)), new MovementRow("TEE", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(), List.of(second, first)));

        assertThat(derived.changes()).extracting(OrderFulfilment.Change::state, OrderFulfilment.Change::documentKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(State.PARTIALLY_SHIPPED, "BC+1+7"),
                        org.assertj.core.groups.Tuple.tuple(State.SHIPPED, "BC+1+9"));
        assertThat(derived.actions()).extracting(OrderFulfilment.ShopAction::documentKey)
                .containsExactly("BC+1+7", "BC+1+9");
        assertThat(derived.actions().get(0).tracking()).as("no tracking: a shipment without carrier").isNull();
        assertThat(derived.current()).containsExactly(State.SHIPPED);
    }

    @Test
    void aPartialDeliveryLeavesThePartialState() {
        Movement bc = new Movement("BC+1+7", "BC", "OC", "20261120", null, null, null,
                List.of(new MovementRow("MUG", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(new Row("MUG", qty(1), "E"), new Row("TEE", qty(1), "E")), List.of(bc)));

        assertThat(derived.current()).containsExactly(State.PARTIALLY_SHIPPED);
        assertThat(derived.actions().get(0).items()).containsExactly(Map.entry("MUG", qty(1)));
    }

    @Test
    void anInvoiceFromTheDeliveryNoteInvoicesWithoutShippingAgain() {
        Movement bc = new Movement("BC+1+7", "BC", "OC", "20261120", "2", "TRK-1", "20261120",
                List.of(new MovementRow("MUG", qty(2)), new MovementRow("TEE", qty(1))));
        Movement ft = new Movement("FT+1+3", "FT", "BC", "20261120", null, null, null,
                List.of(new MovementRow("MUG", qty(2)), new MovementRow("TEE", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED,
                new ErpDocuments(ORDER, List.of(), List.of(ft, bc)));

        assertThat(derived.actions()).extracting(OrderFulfilment.ShopAction::action)
                .containsExactly(Action.SHIP, Action.INVOICE);
        assertThat(derived.current()).containsExactlyInAnyOrder(State.SHIPPED, State.INVOICED);
        assertThat(derived.closed()).isTrue();
    }

    @Test
    void aDirectInvoiceWithTrackingInvoicesAndShips() {
        Movement ft = new Movement("FT+1+4", "FT", "OC", "20261120", "2", "TRK-9", "20261120",
                List.of(new MovementRow("MUG", qty(2)), new MovementRow("TEE", qty(1)),
                        new MovementRow("SPEDIZIONE", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED, new ErpDocuments(ORDER, List.of(), List.of(ft)));

        assertThat(derived.actions()).extracting(OrderFulfilment.ShopAction::action)
                .containsExactly(Action.SHIP, Action.INVOICE);
        assertThat(derived.actions().get(1).items()).as("expense rows are not shop items")
                .containsOnlyKeys("MUG", "TEE");
        assertThat(derived.current()).containsExactlyInAnyOrder(State.SHIPPED, State.INVOICED);
    }

    @Test
    void aDirectInvoiceWithoutShippingDataOnlyInvoices() {
        Movement ft = new Movement("FT+1+4", "FT", "OC", "20261120", null, null, null,
                List.of(new MovementRow("MUG", qty(2)), new MovementRow("TEE", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED, new ErpDocuments(ORDER, List.of(), List.of(ft)));

        assertThat(derived.actions()).extracting(OrderFulfilment.ShopAction::action).containsExactly(Action.INVOICE);
        assertThat(derived.current()).containsExactly(State.INVOICED);
    }

    @Test
    void aPartialInvoiceKeepsTheOrderOpen() {
        Movement ft = new Movement("FT+1+4", "FT", "OC", "20261120", null, null, null,
                List.of(new MovementRow("MUG", qty(1))));
        OrderFulfilment.Derived derived = OrderFulfilment.derive(ORDERED, new ErpDocuments(ORDER, List.of(), List.of(ft)));

        assertThat(derived.changes().get(0).detail()).startsWith("partial invoice");
        assertThat(derived.closed()).isFalse();
    }

    @Test
    void theDocumentUnderAnOrdersKeyIsItsOwnWhenItCarriesTheReferenceOrTheCustomer() {
        String reference = "[sincro:shop-it:1042]";
        ErpDocuments ours = documents(new ErpDocuments.Identity("Ordine 000000042 " + reference, "501.00007"));
        ErpDocuments noteRewritten = documents(new ErpDocuments.Identity("consegnare al portiere", "501.00007"));
        ErpDocuments another = documents(new ErpDocuments.Identity("Ordine telefonico", "501.00099"));
        ErpDocuments noNote = documents(new ErpDocuments.Identity(null, "501.00099"));
        ErpDocuments gone = new ErpDocuments(ORDER, List.of(), List.of());

        assertThat(ours.isOrderOf(reference, "501.00007")).isTrue();
        assertThat(ours.isOrderOf(reference, null)).as("the reference alone is enough").isTrue();
        assertThat(noteRewritten.isOrderOf(reference, "501.00007")).as("the merchant rewrote the note").isTrue();
        assertThat(another.isOrderOf(reference, "501.00007")).isFalse();
        assertThat(noNote.isOrderOf(reference, "501.00007")).isFalse();
        assertThat(ours.isOrderOf("[sincro:shop-it:104]", null)).as("another shop order's reference").isFalse();
        assertThat(gone.isOrderOf(reference, "501.00007")).as("no document: nothing to tell apart").isTrue();
    }

    private static ErpDocuments documents(ErpDocuments.Identity identity) {
        return new ErpDocuments(ORDER, List.of(new Row("MUG", qty(2), "E")), List.of(), identity);
    }

    private static BigDecimal qty(int n) {
        return BigDecimal.valueOf(n);
    }
}
