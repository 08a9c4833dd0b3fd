package io.sincro.erp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A hub order as it goes into the ERP, in canonical values the flow has settled: the ERP codes of its
 * payment, carrier and currency, the ERP id of its shipping address (null when it ships to the billing
 * address), and its rows with the ERP codes of their articles. Shipping and discount rows name no ERP
 * article: the ERP client codes them as expense articles.
 */
public record ErpOrder(String accountId, String shopOrderId, String number, Instant date, String payment,
        String carrier, Integer currency, String note, String shippingAddressId, List<Line> lines) {

    /** The kind of a row that sells an article; {@code DISCOUNT}, and anything else (shipping), are expenses. */
    public static final String ARTICLE = "ARTICLE";
    public static final String DISCOUNT = "DISCOUNT";

    /**
     * One row. {@code articleCode} is the ERP article for an {@link #ARTICLE} row, the shipping method for an
     * expense row; {@code vatRate} null or zero takes the account's exemption code.
     */
    public record Line(int lineNo, String kind, String sku, String articleCode, String description,
            BigDecimal quantity, BigDecimal unitPrice, BigDecimal vatRate) {
    }

    /** The tag in the ERP order's note that finds it again: account and shop order id. */
    public String reference() {
        return ErpGateway.reference(accountId, shopOrderId);
    }
}
