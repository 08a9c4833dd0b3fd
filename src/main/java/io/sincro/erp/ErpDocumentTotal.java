package io.sincro.erp;

import static io.sincro.model.Amounts.cents;
import static io.sincro.model.Amounts.orZero;
import static io.sincro.model.Amounts.vatRate;

import io.sincro.model.ExpenseRow;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The total of the customer order the hub would write into the ERP, computed the way the ERP
 * computes a document: each row's amount (quantity × price, less its discount) rounded to the cent,
 * the rows summed per VAT rate (the document's VAT summary), the VAT of each rate computed on that sum
 * and rounded to the cent, the total the sum of both. The discount row is quantity -1 × the discount.
 * Computed from the canonical order before it is stored, so an order whose document would not total
 * what the shop charged is held and never reaches the ERP.
 *
 * @param taxableByRate VAT rate (percent; 0 for exempt rows) → taxable amount
 * @param vatByRate     VAT rate → VAT
 * @param total         taxable amounts plus VAT
 */
public record ErpDocumentTotal(Map<BigDecimal, BigDecimal> taxableByRate, Map<BigDecimal, BigDecimal> vatByRate,
        BigDecimal total) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static ErpDocumentTotal of(Order order) {
        Map<BigDecimal, BigDecimal> taxable = new TreeMap<>();
        for (OrderLine line : order.lines()) {
            // the price as the hub keeps and sends it, not with the decimals the shop gave
            BigDecimal amount = orZero(line.quantity()).multiply(orZero(OrderLine.kept(line.unitPrice())))
                    .subtract(orZero(line.discount()));
            taxable.merge(vatRate(line.vatRate()), cents(amount), BigDecimal::add);
        }
        for (ExpenseRow expense : order.expenses()) {
            // as the hub stores it: a discount at quantity -1 and its amount without sign, whichever sign it came with
            BigDecimal quantity = expense.kind() == ExpenseRow.Kind.DISCOUNT ? BigDecimal.ONE.negate() : BigDecimal.ONE;
            BigDecimal amount = orZero(OrderLine.kept(expense.amount())).abs();
            taxable.merge(vatRate(expense.vatRate()), cents(quantity.multiply(amount)), BigDecimal::add);
        }
        Map<BigDecimal, BigDecimal> vat = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> entry : taxable.entrySet()) {
            BigDecimal tax = cents(entry.getValue().multiply(entry.getKey()).divide(HUNDRED));
            vat.put(entry.getKey(), tax);
            total = total.add(entry.getValue()).add(tax);
        }
        return new ErpDocumentTotal(taxable, vat, cents(total));
    }

    /** How far this total is from the shop's; null when the shop gave no total. */
    public BigDecimal differenceFrom(BigDecimal shopTotal) {
        return shopTotal == null ? null : total.subtract(shopTotal).abs();
    }
}
