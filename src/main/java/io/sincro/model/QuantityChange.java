package io.sincro.model;

import java.math.BigDecimal;
import java.util.Objects;

/** A QUANTITY transaction: the absolute quantity to sell (never a delta, so a resend is harmless). */
public record QuantityChange(String sku, BigDecimal quantity) {

    public QuantityChange {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quantity, "quantity");
    }
}
