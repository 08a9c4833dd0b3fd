package io.sincro.shop;

/**
 * Where an account's shop keeps the Italian fiscal data. Each value is a source path:
 * {@code order:<json path>} (a field of the order, e.g. {@code order:billing_address.vat_id}) or
 * {@code customer:<attribute code>} (a custom attribute of the registered customer's record).
 * When PEC and SDI map to the same field, an e-mail-shaped value is the PEC, anything else the SDI code.
 */
public record FieldMapping(String vatNumber, String fiscalCode, String pec, String sdiCode) {

    public static FieldMapping defaults() {
        return new FieldMapping("order:billing_address.vat_id", "order:customer_taxvat",
                "order:extension_attributes.pec", "order:extension_attributes.codice_sdi");
    }

    public FieldMapping withDefaults() {
        FieldMapping d = defaults();
        return new FieldMapping(vatNumber == null ? d.vatNumber : vatNumber,
                fiscalCode == null ? d.fiscalCode : fiscalCode, pec == null ? d.pec : pec,
                sdiCode == null ? d.sdiCode : sdiCode);
    }
}
