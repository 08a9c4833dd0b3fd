package io.sincro.model;

import java.math.BigDecimal;

/** A non-article row of the order: shipping costs or a discount (negative amount), net of VAT. */
public record ExpenseRow(Kind kind, String code, String description, BigDecimal amount, BigDecimal vatRate) {

    public enum Kind { SHIPPING, DISCOUNT }
}
