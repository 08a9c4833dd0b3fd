package io.sincro.model;

import java.math.BigDecimal;

/**
 * A non-article row of the order: shipping costs or a discount, net of VAT. The amount is positive for
 * both; a discount goes into the ERP as quantity -1 times the amount, so it lowers the total.
 */
public record ExpenseRow(Kind kind, String code, String description, BigDecimal amount, BigDecimal vatRate) {

    public enum Kind { SHIPPING, DISCOUNT }
}
