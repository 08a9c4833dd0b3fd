package io.sincro.erp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ERP's arithmetic of a document: rows rounded to the cent, VAT per rate on the rows' sum. */
class ErpDocumentTotalTest {

    @Test
    void aDiscountRowIsMinusOneTimesThePositiveDiscountAndLowersTheTotal() {
        Order order = order(List.of(line("A", "2", "10.00", "22")),
                List.of(new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "Coupon", new BigDecimal("5.00"),
                        new BigDecimal("22"))));

        // (20 - 5) + 22 % = 18.30, not (20 + 5) + 22 %
        assertThat(ErpDocumentTotal.of(order).total()).isEqualByComparingTo("18.30");
    }

    @Test
    void vatIsComputedOnEachRatesSumNotRowByRow() {
        // three rows of 0.33 at 22 %: 0.0726 each would round to 0.07 (0.21); on the sum 0.99 it is 0.22
        Order order = order(List.of(line("A", "1", "0.33", "22"), line("B", "1", "0.33", "22"),
                line("C", "1", "0.33", "22")), List.of());

        ErpDocumentTotal total = ErpDocumentTotal.of(order);

        assertThat(total.vatByRate()).containsEntry(new BigDecimal("22.00"), new BigDecimal("0.22"));
        assertThat(total.total()).isEqualByComparingTo("1.21");
    }

    @Test
    void eachRowIsRoundedToTheCentBeforeItIsSummed() {
        // 7 x 8.18857 (kept as 8.1886) = 57.3202 -> 57.32; shipping 4.02 at 22 %, exempt row at 0 %
        Order order = order(List.of(line("A", "7", "8.18857", "22"), line("B", "1", "3.00", null)),
                List.of(new ExpenseRow(ExpenseRow.Kind.SHIPPING, "flatrate", "Flat", new BigDecimal("4.02"),
                        new BigDecimal("22"))));

        ErpDocumentTotal total = ErpDocumentTotal.of(order);

        assertThat(total.taxableByRate()).containsEntry(new BigDecimal("22.00"), new BigDecimal("61.34"))
                .containsEntry(new BigDecimal("0.00"), new BigDecimal("3.00"));
        assertThat(total.total()).isEqualByComparingTo("77.83");
    }

    @Test
    void aPriceIsCountedWithTheDecimalsTheHubKeepsAndSends() {
        // 200 x 0.11115 = 22.23, but the hub keeps (and the ERP gets) 0.1112: 200 x 0.1112 = 22.24
        Order order = order(List.of(line("A", "200", "0.11115", null)), List.of());

        assertThat(ErpDocumentTotal.of(order).total()).isEqualByComparingTo("22.24");
    }

    private static OrderLine line(String sku, String qty, String price, String rate) {
        return new OrderLine(sku, sku, new BigDecimal(qty), new BigDecimal(price), BigDecimal.ZERO,
                rate == null ? null : new BigDecimal(rate), null);
    }

    private static Order order(List<OrderLine> lines, List<ExpenseRow> expenses) {
        return new Order("shop", "1", "1", "processing", null, null, "EUR", null, null, null, lines, expenses, "checkmo",
                null, null);
    }
}
