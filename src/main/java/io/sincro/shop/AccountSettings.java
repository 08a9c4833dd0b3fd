package io.sincro.shop;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What an account imports and how its orders translate for the ERP.
 *
 * @param importStatuses     shop order statuses to import (Magento status codes)
 * @param autoCodeArticles   unknown SKUs are coded as new ERP articles; when false such an order is held
 * @param fields             where the fiscal data is read
 * @param paymentMethods     shop payment method code → ERP payment; an unmapped method holds the order
 * @param carriers           shop carrier (shipping method) code → ERP carrier
 * @param defaultCarrier     ERP carrier used when the order's carrier is missing or unmapped
 * @param notifyEmails       who receives the completion e-mail of each run
 * @param pageSize           orders per shop page (Magento caps it at 300)
 * @param overlapMinutes     how far before the watermark each poll starts again (shops stamp orders at transaction start)
 * @param erp                how the orders are written in the ERP
 * @param shipmentCarriers   ERP carrier (cod_vettore) → the shop's carrier code on a shipment's tracking
 *                           (Magento: ups, usps, fedex, dhl or custom); unmapped carriers are sent as
 *                           {@code custom}, titled with the ERP carrier
 * @param catalogue          how the listing transactions are sent to the shop's catalogue ({@link CatalogueSettings})
 * @param prestashop         a PrestaShop account's shop, language, order states to import and state mapping
 *                           ({@link PrestaShopSettings}); its defaults on other platforms
 * @param shipmentSource     Magento MSI shops: the inventory source a shipment is taken from, sent as
 *                           {@code arguments.extension_attributes.source_code}; null for shops without MSI
 *                           (or with the single {@code default} source, which Magento picks itself)
 *
 * <p>A member left out takes its default; a member sent is checked as it is (its Bean Validation
 * constraints, before anything is stored), never silently replaced: {@code pageSize -5} is refused,
 * not turned into 100.
 */
public record AccountSettings(
        @NotEmpty(message = "must name at least one order status to import")
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> importStatuses,
        boolean autoCodeArticles,
        @FieldPaths FieldMapping fields,
        @Size(max = 500) Map<@NotBlank @Size(max = 128) String, @NotBlank @Size(max = 32) String> paymentMethods,
        @Size(max = 500) Map<@NotBlank @Size(max = 128) String, @NotBlank @Size(max = 32) String> carriers,
        @Size(max = 32) String defaultCarrier,
        @Size(max = 50) List<@Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "is not an e-mail address")
                @Size(max = 254) String> notifyEmails,
        @Min(value = 1, message = "must be from 1 to " + AccountSettings.MAX_PAGE_SIZE)
        @Max(value = AccountSettings.MAX_PAGE_SIZE, message = "must be from 1 to " + AccountSettings.MAX_PAGE_SIZE
                + " (the shop refuses larger pages)") Integer pageSize,
        @Min(value = 0, message = "must be 0 or more") @Max(value = 1440, message = "must be at most 1440 (a day)")
        Integer overlapMinutes,
        ErpDocumentSettings erp,
        @Size(max = 500) Map<@NotBlank @Size(max = 32) String, @NotBlank @Size(max = 32) String> shipmentCarriers,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "is not a Magento source code") String shipmentSource,
        @Valid CatalogueSettings catalogue,
        @Valid PrestaShopSettings prestashop) {

    public static final int MAX_PAGE_SIZE = 300;

    public AccountSettings {
        importStatuses = importStatuses == null ? List.of("pending", "processing") : List.copyOf(importStatuses);
        fields = fields == null ? FieldMapping.defaults() : fields.withDefaults();
        paymentMethods = paymentMethods == null ? Map.of() : Map.copyOf(paymentMethods);
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
        notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
        pageSize = pageSize == null ? 100 : pageSize;
        overlapMinutes = overlapMinutes == null ? 10 : overlapMinutes;
        erp = erp == null ? ErpDocumentSettings.defaults() : erp;
        shipmentCarriers = shipmentCarriers == null ? Map.of() : Map.copyOf(shipmentCarriers);
        shipmentSource = shipmentSource == null || shipmentSource.isBlank() ? null : shipmentSource.trim();
        catalogue = catalogue == null ? CatalogueSettings.defaults() : catalogue;
        prestashop = prestashop == null ? PrestaShopSettings.defaults() : prestashop;
    }

    /** The settings as they were before PrestaShop accounts (its defaults). */
    public AccountSettings(List<String> importStatuses, boolean autoCodeArticles, FieldMapping fields,
            Map<String, String> paymentMethods, Map<String, String> carriers, String defaultCarrier,
            List<String> notifyEmails, Integer pageSize, Integer overlapMinutes, ErpDocumentSettings erp,
            Map<String, String> shipmentCarriers, String shipmentSource, CatalogueSettings catalogue) {
        this(importStatuses, autoCodeArticles, fields, paymentMethods, carriers, defaultCarrier, notifyEmails, pageSize,
                overlapMinutes, erp, shipmentCarriers, shipmentSource, catalogue, null);
    }

    /** The settings as they were before the catalogue channel (its defaults). */
    public AccountSettings(List<String> importStatuses, boolean autoCodeArticles, FieldMapping fields,
            Map<String, String> paymentMethods, Map<String, String> carriers, String defaultCarrier,
            List<String> notifyEmails, Integer pageSize, Integer overlapMinutes, ErpDocumentSettings erp,
            Map<String, String> shipmentCarriers, String shipmentSource) {
        this(importStatuses, autoCodeArticles, fields, paymentMethods, carriers, defaultCarrier, notifyEmails, pageSize,
                overlapMinutes, erp, shipmentCarriers, shipmentSource, null, null);
    }

    /** The settings as they were before MSI sources (none). */
    public AccountSettings(List<String> importStatuses, boolean autoCodeArticles, FieldMapping fields,
            Map<String, String> paymentMethods, Map<String, String> carriers, String defaultCarrier,
            List<String> notifyEmails, Integer pageSize, Integer overlapMinutes, ErpDocumentSettings erp,
            Map<String, String> shipmentCarriers) {
        this(importStatuses, autoCodeArticles, fields, paymentMethods, carriers, defaultCarrier, notifyEmails, pageSize,
                overlapMinutes, erp, shipmentCarriers, null, null, null);
    }

    public static AccountSettings defaults() {
        return new AccountSettings(null, false, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
