package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.model.ExpenseRow;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.shop.ErpDocumentSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the intake checks about an order's money before it may go into the ERP. */
class OrderMoneyHoldsTest {

    @Test
    void anOrderWhoseErpDocumentWouldTotalOtherThanTheShopIsHeldWithBothFigures() {
        List<Hold> holds = OrderIntake.moneyHolds(order("EUR", "23.35"), ErpDocumentSettings.defaults());

        assertThat(holds).extracting(Hold::code).containsExactly(Hold.TOTALS_MISMATCH);
        assertThat(holds.get(0).message()).contains("23.30").contains("23.35").contains("difference 0.05")
                .contains("0.01 allowed");
    }

    @Test
    void aCentOfRoundingIsAllowedAndTheToleranceIsTheAccounts() {
        assertThat(OrderIntake.moneyHolds(order("EUR", "23.31"), ErpDocumentSettings.defaults())).isEmpty();
        ErpDocumentSettings lenient = new ErpDocumentSettings(null, null, null, null, null, null, null, null,
                new BigDecimal("0.05"));
        assertThat(OrderIntake.moneyHolds(order("EUR", "23.35"), lenient)).isEmpty();
        assertThat(OrderIntake.moneyHolds(order("EUR", "23.36"), lenient)).extracting(Hold::code)
                .containsExactly(Hold.TOTALS_MISMATCH);
    }

    @Test
    void anOrderInACurrencyTheAccountDoesNotMapIsHeldWithTheReason() {
        List<Hold> holds = OrderIntake.moneyHolds(order("USD", "23.30"), ErpDocumentSettings.defaults());

        assertThat(holds).extracting(Hold::code).containsExactly(Hold.UNMAPPED_CURRENCY);
        assertThat(holds.get(0).message()).contains("USD").contains("EUR").contains("erp.currencies");
    }

    @Test
    void anOrderInAMappedCurrencyGoesOn() {
        ErpDocumentSettings usd = new ErpDocumentSettings(null, null, null, null, null, null, Map.of("USD", 2), null,
                null);

        assertThat(OrderIntake.moneyHolds(order("USD", "23.30"), usd)).isEmpty();
    }

    /** 20.00 of goods less a 5.00 discount plus 4.10 of shipping, all at 22 %: 19.10 + 4.20 = 23.30 in the ERP. */
    private static Order order(String currency, String grandTotal) {
        List<OrderLine> lines = List.of(new OrderLine("A", "A", new BigDecimal("2"), new BigDecimal("10.00"),
                BigDecimal.ZERO, new BigDecimal("22"), null));
        List<ExpenseRow> expenses = List.of(
                new ExpenseRow(ExpenseRow.Kind.SHIPPING, "flatrate", "Flat", new BigDecimal("4.10"), new BigDecimal("22")),
                new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "Coupon", new BigDecimal("5.00"), new BigDecimal("22")));
        return new Order("shop", "1", "1", "processing", null, null, currency, null, null, null, lines, expenses, "checkmo",
                null, new BigDecimal(grandTotal));
    }
}
