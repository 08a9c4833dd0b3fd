package io.sincro.model;

import java.math.BigDecimal;

/** One article row: SKU as the shop sells it, unit price net of VAT, discount as an amount on the row. */
public record OrderLine(String sku, String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount,
        BigDecimal vatRate, String options) {
}
