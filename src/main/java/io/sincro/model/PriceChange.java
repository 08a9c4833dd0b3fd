package io.sincro.model;

import java.math.BigDecimal;
import java.util.Objects;

/** A PRICE transaction: the absolute base price to sell at (safe to resend). */
public record PriceChange(String sku, BigDecimal price) {

    public PriceChange {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(price, "price");
    }
}
