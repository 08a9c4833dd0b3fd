package io.sincro.shop;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How the hub publishes to an account's catalogue (the listing transactions).
 *
 * @param maxConcurrentCalls at most this many catalogue calls to the shop at once
 * @param callsPerSecond     at most this many catalogue calls a second (calls are spaced evenly)
 * @param batchSize          SKUs per quantity (MSI source items) or price (base prices) call; 20 is what
 *                           Magento accepts when its web API input limits are on (off by default)
 * @param inventory          {@code MSI} (source items), {@code LEGACY} (stock items) or {@code DETECT}:
 *                           the hub asks the shop once whether it has inventory sources, and remembers
 * @param sourceCode         MSI: the source whose quantities the hub sets
 * @param attributeSetId     attribute set of created products, unless the product says otherwise
 * @param websiteIds         websites a created product is assigned to, unless the product says otherwise
 * @param visibility         Magento visibility of created products (4 = catalog, search)
 * @param stopBy             {@code STATUS} (disable the product) or {@code QUANTITY} (set it to 0, out of stock)
 * @param priceStoreId       store id of the base prices the hub sets (0 = all, the global price scope)
 */
public record CatalogueSettings(
        @Min(value = 1, message = "must be from 1 to 64") @Max(value = 64, message = "must be from 1 to 64")
        Integer maxConcurrentCalls,
        @DecimalMin(value = "0.1", message = "must be from 0.1 to 1000")
        @DecimalMax(value = "1000", message = "must be from 0.1 to 1000") Double callsPerSecond,
        @Min(value = 1, message = "must be from 1 to 5000") @Max(value = 5000, message = "must be from 1 to 5000")
        Integer batchSize,
        @Pattern(regexp = "MSI|LEGACY|DETECT", message = "must be MSI, LEGACY or DETECT") String inventory,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "is not a Magento source code") String sourceCode,
        @Min(value = 1, message = "must be a Magento attribute set id") Integer attributeSetId,
        @Size(max = 50) List<@Min(value = 0, message = "must be a Magento website id") Integer> websiteIds,
        @Min(value = 1, message = "must be from 1 to 4") @Max(value = 4, message = "must be from 1 to 4") Integer visibility,
        @Pattern(regexp = "STATUS|QUANTITY", message = "must be STATUS or QUANTITY") String stopBy,
        @Min(value = 0, message = "must be a Magento store id") Integer priceStoreId) {

    public CatalogueSettings {
        maxConcurrentCalls = maxConcurrentCalls == null ? 4 : maxConcurrentCalls;
        callsPerSecond = callsPerSecond == null ? 10.0 : callsPerSecond;
        batchSize = batchSize == null ? 20 : batchSize;
        inventory = inventory == null ? "DETECT" : inventory;
        sourceCode = sourceCode == null || sourceCode.isBlank() ? "default" : sourceCode.trim();
        attributeSetId = attributeSetId == null ? 4 : attributeSetId;
        websiteIds = websiteIds == null ? List.of(1) : List.copyOf(websiteIds);
        visibility = visibility == null ? 4 : visibility;
        stopBy = stopBy == null ? "STATUS" : stopBy;
        priceStoreId = priceStoreId == null ? 0 : priceStoreId;
    }

    public static CatalogueSettings defaults() {
        return new CatalogueSettings(null, null, null, null, null, null, null, null, null, null);
    }
}
