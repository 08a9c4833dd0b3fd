package io.sincro.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * An ERP document (delivery note or invoice) to be told to the shop as a shipment or an invoice.
 *
 * @param shopOrderId the shop's id of the order
 * @param orderNumber the number the merchant knows the order by (for messages)
 * @param documentKey the ERP document's key, e.g. {@code BC+1+3/2027}
 * @param marker      a text the connector leaves on what it creates (a comment), so that an earlier
 *                    attempt that went through is recognised before anything is sent again
 * @param lines       per ERP article: the quantity, and the SKUs the order sold that article under
 * @param tracking    the tracking number and the ERP's carrier, or null
 * @param comment     a human-readable comment for the shop's history
 */
public record ShopDocument(String shopOrderId, String orderNumber, String documentKey, String marker,
        List<Line> lines, Tracking tracking, String comment) {

    public record Line(String articleCode, Set<String> skus, BigDecimal quantity) {
    }

    /** A tracking number and the ERP's carrier code (null when the ERP names none). */
    public record Tracking(String number, String erpCarrier) {
    }
}
