package io.sincro.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The arithmetic of amounts the ERP's documents and the shops' totals share. */
public final class Amounts {

    private Amounts() {
    }

    /** To the cent, half up, as a document's row, VAT and total are rounded. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** A VAT rate in percent to the hundredth, the key of a document's VAT summary; none is 0 % (exempt). */
    public static BigDecimal vatRate(BigDecimal rate) {
        return rate == null ? BigDecimal.ZERO.setScale(2) : rate.setScale(2, RoundingMode.HALF_UP);
    }

    /** Zero for a missing amount. */
    public static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** Without trailing zeros, never in exponent form ({@code 10}, not {@code 1E+1}). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
