package io.sincro.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.erp.ErpDocumentTotal;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Taking the VAT out of what was paid, per rate ("scorporo"): rows priced VAT-inclusive and rounded per item
 * by the shop come to what the customer paid in the ERP, which rounds each row's net amount and computes VAT on
 * each rate's sum. The totals are checked with the ERP's own computation ({@link ErpDocumentTotal}).
 */
class VatInclusiveTotalsTest {

    static final BigDecimal RATE_22 = new BigDecimal("22");
    static final BigDecimal RATE_10 = new BigDecimal("10");

    @Test
    void rowsRoundedPerItemOnGrossPricesComeToWhatWasPaidAtTheirRate() {
        // 3 x 3.00 and 2 x 3.78 VAT included: 16.56 paid; the 6-decimal nets give 13.58 + 2.99 VAT = 16.57
        Order order = order(List.of(line("A", 3, "2.459016", RATE_22), line("B", 2, "3.098361", RATE_22)), List.of());
        assertThat(ErpDocumentTotal.of(order).total()).as("before").isEqualByComparingTo("16.57");

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of(RATE_22, new BigDecimal("16.56")));

        ErpDocumentTotal erp = ErpDocumentTotal.of(booked);
        assertThat(erp.total()).isEqualByComparingTo("16.56");
        assertThat(erp.taxableByRate().get(new BigDecimal("22.00"))).isEqualByComparingTo("13.57");
        assertThat(booked.lines().get(0).unitPrice()).as("the largest row takes the cent").isEqualByComparingTo("2.457");
        assertThat(booked.lines().get(1).unitPrice().stripTrailingZeros().scale())
                .isLessThanOrEqualTo(VatInclusiveTotals.PRICE_DECIMALS);
        assertThat(booked.lines().get(1).quantity().multiply(booked.lines().get(1).unitPrice()))
                .as("the other row's amount is kept").isBetween(new BigDecimal("6.195"), new BigDecimal("6.2049"));
    }

    @Test
    void whenNoCentGivesTheGrossExactlyTheRateStaysWithinTheNearestCent() {
        // 3 x 5.00 at 22 %: 12.29 gives 14.99, 12.30 gives 15.01; no net gives 15.00
        assertThat(VatInclusiveTotals.netOf(new BigDecimal("15.00"), RATE_22)).as("the lower on a tie")
                .isEqualByComparingTo("12.29");
        Order order = order(List.of(line("A", 3, "4.098361", RATE_22)), List.of());

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of(RATE_22, new BigDecimal("15.00")));

        assertThat(ErpDocumentTotal.of(booked).differenceFrom(new BigDecimal("15.00"))).isEqualByComparingTo("0.01");
        assertThat(ErpDocumentTotal.of(booked).taxableByRate()).as("already one of the two nearest: left alone")
                .isEqualTo(ErpDocumentTotal.of(order).taxableByRate());
    }

    @Test
    void twoRatesThatNoCentGivesExactlyMissInOppositeDirectionsSoTheTotalIsWhatWasPaid() {
        // 5.00 at 10 % (4.54 gives 4.99, 4.55 gives 5.01) and 107.00 at 22 % (87.70 gives 106.99, 87.71 gives 107.01)
        Order order = order(List.of(line("A", 1, "4.545455", RATE_10), line("B", 2, "40.983607", RATE_22)),
                List.of(new ExpenseRow(ExpenseRow.Kind.SHIPPING, "4", "GLS", new BigDecimal("5.737705"), RATE_22)));
        assertThat(ErpDocumentTotal.of(order).total()).as("before: both a cent up").isEqualByComparingTo("112.02");

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of(RATE_10, new BigDecimal("5.00"), RATE_22,
                new BigDecimal("107.00")));

        assertThat(ErpDocumentTotal.of(booked).total()).isEqualByComparingTo("112.00");
        assertThat(booked.lines().get(1).unitPrice()).isEqualByComparingTo("40.98");
    }

    @Test
    void anExemptRateIsBookedAtWhatWasPaid() {
        Order order = order(List.of(line("ESENTE", 3, "3.336667", BigDecimal.ZERO)), List.of());

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of(BigDecimal.ZERO, new BigDecimal("10.00")));

        assertThat(VatInclusiveTotals.netOf(new BigDecimal("10.00"), BigDecimal.ZERO)).isEqualByComparingTo("10.00");
        assertThat(ErpDocumentTotal.of(booked).total()).isEqualByComparingTo("10.00");
        assertThat(booked.lines().get(0).unitPrice()).isEqualByComparingTo("3.333");
    }

    @Test
    void eachRateIsCorrectedOnItsOwnWithShippingAndVouchersInItsRows() {
        Order order = order(List.of(line("A", 3, "2.459016", RATE_22), line("B", 2, "3.098361", RATE_22),
                line("C", 3, "2.727273", RATE_10), line("D", 2, "2.727273", RATE_10),
                line("E", 1, "7.5", new BigDecimal("4"))),
                List.of(new ExpenseRow(ExpenseRow.Kind.SHIPPING, "2", "Corriere", new BigDecimal("4.10"), RATE_22),
                        new ExpenseRow(ExpenseRow.Kind.DISCOUNT, "DISCOUNT", "Sconto", new BigDecimal("1.00"), RATE_10)));
        // 22 %: 16.56 of goods + 5.00 shipping; 10 %: 15.00 of goods - 1.10 voucher; 4 %: 7.80
        Map<BigDecimal, BigDecimal> paid = Map.of(RATE_22, new BigDecimal("21.56"), RATE_10, new BigDecimal("13.90"),
                new BigDecimal("4"), new BigDecimal("7.80"));
        ErpDocumentTotal before = ErpDocumentTotal.of(order);
        assertThat(before.taxableByRate().get(new BigDecimal("22.00")).add(before.vatByRate().get(new BigDecimal("22.00"))))
                .as("22 % before").isEqualByComparingTo("21.57");
        assertThat(before.taxableByRate().get(new BigDecimal("10.00")).add(before.vatByRate().get(new BigDecimal("10.00"))))
                .as("10 % before").isEqualByComparingTo("13.89");

        Order booked = VatInclusiveTotals.bookedAsPaid(order, paid);

        ErpDocumentTotal erp = ErpDocumentTotal.of(booked);
        assertThat(erp.total()).isEqualByComparingTo("43.26");
        assertThat(erp.taxableByRate().get(new BigDecimal("22.00")).add(erp.vatByRate().get(new BigDecimal("22.00"))))
                .isEqualByComparingTo("21.56");
        assertThat(erp.taxableByRate().get(new BigDecimal("10.00")).add(erp.vatByRate().get(new BigDecimal("10.00"))))
                .isEqualByComparingTo("13.90");
        assertThat(booked.lines().get(4)).as("a rate already right is left alone").isEqualTo(order.lines().get(4));
        assertThat(booked.expenses()).isEqualTo(order.expenses());
    }

    @Test
    void aGapLargerThanRoundingIsLeftForTheTotalsCheck() {
        Order order = order(List.of(line("A", 3, "2.459016", RATE_22), line("B", 2, "3.098361", RATE_22)), List.of());

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of(RATE_22, new BigDecimal("16.70")));

        assertThat(ErpDocumentTotal.of(booked).total()).isEqualByComparingTo("16.57");
    }

    @Test
    void pricesWithMoreDecimalsThanTheStoreKeepsAreRewrittenKeepingTheirRowsCents() {
        Order order = order(List.of(line("A", 7, "8.188525", RATE_22)), List.of());

        Order booked = VatInclusiveTotals.bookedAsPaid(order, Map.of());

        assertThat(booked.lines().get(0).unitPrice().stripTrailingZeros().scale())
                .isLessThanOrEqualTo(VatInclusiveTotals.PRICE_DECIMALS);
        assertThat(ErpDocumentTotal.of(booked).taxableByRate()).isEqualTo(ErpDocumentTotal.of(order).taxableByRate());
    }

    static OrderLine line(String sku, int quantity, String price, BigDecimal rate) {
        return new OrderLine(sku, sku, BigDecimal.valueOf(quantity), new BigDecimal(price), BigDecimal.ZERO, rate, null);
    }

    static Order order(List<OrderLine> lines, List<ExpenseRow> expenses) {
        return new Order("acc", "1", "1", "2", null, null, "EUR", null, null, null, lines, expenses, "bankwire", "2",
                null);
    }
}
