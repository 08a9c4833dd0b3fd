package io.sincro.model;

/** Why an order cannot go on: a stable code for machines and a sentence for the merchant. */
public record Hold(String code, String message) {

    public static final String INVALID_VAT_NUMBER = "INVALID_VAT_NUMBER";
    public static final String INVALID_FISCAL_CODE = "INVALID_FISCAL_CODE";
    public static final String UNKNOWN_ARTICLE = "UNKNOWN_ARTICLE";
    public static final String ARTICLE_CODE_TOO_LONG = "ARTICLE_CODE_TOO_LONG";
    public static final String UNMAPPED_PAYMENT = "UNMAPPED_PAYMENT";
    public static final String MISSING_EMAIL = "MISSING_EMAIL";
    public static final String MALFORMED_ORDER = "MALFORMED_ORDER";
    /** The ERP document the hub would write does not total what the shop charged. */
    public static final String TOTALS_MISMATCH = "TOTALS_MISMATCH";
    /** The order is in a currency the account neither maps to an ERP currency nor converts. */
    public static final String UNMAPPED_CURRENCY = "UNMAPPED_CURRENCY";
}
