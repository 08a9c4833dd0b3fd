package io.sincro.shop;

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
 * @param shipmentSource     Magento MSI shops: the inventory source a shipment is taken from, sent as
 *                           {@code arguments.extension_attributes.source_code}; null for shops without MSI
 *                           (or with the single {@code default} source, which Magento picks itself)
 */
public record AccountSettings(List<String> importStatuses, boolean autoCodeArticles, FieldMapping fields,
        Map<String, String> paymentMethods, Map<String, String> carriers, String defaultCarrier,
        List<String> notifyEmails, Integer pageSize, Integer overlapMinutes, ErpDocumentSettings erp,
        Map<String, String> shipmentCarriers, String shipmentSource) {

    public static final int MAX_PAGE_SIZE = 300;

    public AccountSettings {
        importStatuses = importStatuses == null || importStatuses.isEmpty() ? List.of("pending", "processing")
                : List.copyOf(importStatuses);
        fields = fields == null ? FieldMapping.defaults() : fields.withDefaults();
        paymentMethods = paymentMethods == null ? Map.of() : Map.copyOf(paymentMethods);
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
        notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
        pageSize = pageSize == null || pageSize <= 0 ? 100 : pageSize;
        overlapMinutes = overlapMinutes == null || overlapMinutes < 0 ? 10 : overlapMinutes;
        erp = erp == null ? ErpDocumentSettings.defaults() : erp;
        shipmentCarriers = shipmentCarriers == null ? Map.of() : Map.copyOf(shipmentCarriers);
        shipmentSource = shipmentSource == null || shipmentSource.isBlank() ? null : shipmentSource.trim();
    }

    /** The settings as they were before MSI sources (none). */
    public AccountSettings(List<String> importStatuses, boolean autoCodeArticles, FieldMapping fields,
            Map<String, String> paymentMethods, Map<String, String> carriers, String defaultCarrier,
            List<String> notifyEmails, Integer pageSize, Integer overlapMinutes, ErpDocumentSettings erp,
            Map<String, String> shipmentCarriers) {
        this(importStatuses, autoCodeArticles, fields, paymentMethods, carriers, defaultCarrier, notifyEmails, pageSize,
                overlapMinutes, erp, shipmentCarriers, null);
    }

    public static AccountSettings defaults() {
        return new AccountSettings(null, false, null, null, null, null, null, null, null, null, null, null);
    }

    /** Why these settings cannot be used, or null. */
    public String whatIsWrong() {
        if (pageSize > MAX_PAGE_SIZE) {
            return "pageSize must be at most " + MAX_PAGE_SIZE + " (the shop refuses larger pages)";
        }
        for (String source : List.of(fields.vatNumber(), fields.fiscalCode(), fields.pec(), fields.sdiCode())) {
            if (!FieldMapping.isNone(source) && !source.startsWith("order:") && !source.startsWith("customer:")) {
                return "fields: '" + source + "' is not a field path: use order:<path>, customer:<attribute> or "
                        + FieldMapping.NONE;
            }
        }
        for (String email : notifyEmails) {
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return "notifyEmails: '" + email + "' is not an e-mail address";
            }
        }
        return null;
    }
}
