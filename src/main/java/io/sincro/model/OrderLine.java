package io.sincro.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One article row: SKU as the shop sells it, unit price net of VAT, discount as an amount on the row. */
public record OrderLine(String sku, String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount,
        BigDecimal vatRate, String options) {

    /**
     * The decimals a unit price (and an expense row's amount) keeps in the hub: the store's
     * {@code order_line.unit_price NUMERIC(15,4)}, and so the ERP document's {@code prezzo}. What the intake
     * checks against the shop's total is the price as kept, not as the shop gave it.
     */
    public static final int PRICE_DECIMALS = 4;

    /** {@code price} as the hub keeps it ({@link #PRICE_DECIMALS}, half up); null stays null. */
    public static BigDecimal kept(BigDecimal price) {
        return price == null ? null : price.setScale(PRICE_DECIMALS, RoundingMode.HALF_UP);
    }
}
