package io.sincro.model;

/**
 * A product the shop already has, as a look-up by SKU finds it: its id on the platform, the SKU as the
 * shop spells it (Magento finds SKUs whatever their case), and whether it is on sale.
 */
public record ListedProduct(String sku, String platformId, boolean enabled) {
}
