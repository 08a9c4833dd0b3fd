package io.sincro.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An article as a listing publishes it on a shop's catalogue: what a PUBLISH transaction sends. The
 * hints ({@code attributeSetId}, {@code websiteIds}) override the account's catalogue settings for this
 * product when set; {@code attributes} are the listing's mapped attributes (shop attribute code → value).
 *
 * @param quantity the quantity to sell, already computed by the listing's quantity method
 * @param enabled  whether the product is on sale once published (false publishes it disabled)
 */
public record CatalogueProduct(String sku, String name, String description, BigDecimal price, BigDecimal quantity,
        BigDecimal weight, boolean enabled, Integer attributeSetId, List<Integer> websiteIds,
        Map<String, String> attributes) {

    public CatalogueProduct {
        Objects.requireNonNull(sku, "sku");
        websiteIds = websiteIds == null ? List.of() : List.copyOf(websiteIds);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A product with no hints and no mapped attributes. */
    public static CatalogueProduct of(String sku, String name, String description, BigDecimal price,
            BigDecimal quantity, BigDecimal weight) {
        return new CatalogueProduct(sku, name, description, price, quantity, weight, true, null, null, null);
    }
}
