package io.sincro.shop;

/**
 * Where an account's shop keeps the Italian fiscal data. Each value is a source path:
 * {@code order:<json path>} (a field of the order, e.g. {@code order:billing_address.vat_id}),
 * {@code customer:<attribute code>} (a custom attribute of the registered customer's record), or
 * {@code none} (the shop has no such field: nothing is read, and nothing is sent to the ERP for it).
 * When PEC and SDI map to the same field, an e-mail-shaped value is the PEC, anything else the SDI code.
 *
 * <p>A stock Magento 2.4 has the VAT number ({@code billing_address.vat_id}) and the tax/VAT field
 * ({@code customer_taxvat}), but no PEC and no SDI code: those come from a localisation module, at
 * paths only the merchant knows. So PEC and SDI default to {@code none}, shown as such on the
 * account, rather than to a path that silently reads nothing.
 */
public record FieldMapping(String vatNumber, String fiscalCode, String pec, String sdiCode) {

    /** The shop has no such field. */
    public static final String NONE = "none";

    public static FieldMapping defaults() {
        return new FieldMapping("order:billing_address.vat_id", "order:customer_taxvat", NONE, NONE);
    }

    public FieldMapping withDefaults() {
        FieldMapping d = defaults();
        return new FieldMapping(blank(vatNumber) ? d.vatNumber : vatNumber,
                blank(fiscalCode) ? d.fiscalCode : fiscalCode, blank(pec) ? d.pec : pec,
                blank(sdiCode) ? d.sdiCode : sdiCode);
    }

    /** True when the path reads nothing. */
    public static boolean isNone(String source) {
        return blank(source) || NONE.equalsIgnoreCase(source.trim());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
