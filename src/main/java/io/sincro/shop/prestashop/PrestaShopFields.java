package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.shop.FieldMapping;

/**
 * Where a PrestaShop account's fiscal data is read. A stock PrestaShop keeps the VAT number
 * ({@code vat_number}) and the Italian codice fiscale ({@code dni}, "identification number") on the
 * address, so an account that keeps the default mapping (Magento's paths) reads those of the order's
 * invoice address. Other paths read the order as the hub keeps it: {@code order:invoice_address.<field>},
 * {@code order:delivery_address.<field>}, {@code order:<order field>}, {@code customer:<customer field>}
 * (PEC and SDI code come from a localisation module, at a place only the merchant knows).
 */
final class PrestaShopFields {

    static final String INVOICE_ADDRESS = "invoice_address";
    static final String DELIVERY_ADDRESS = "delivery_address";
    static final String CUSTOMER = "customer";

    private PrestaShopFields() {
    }

    /** The mapping with Magento's default paths read at PrestaShop's places. */
    static FieldMapping effective(FieldMapping fields) {
        FieldMapping magento = FieldMapping.defaults();
        return new FieldMapping(
                magento.vatNumber().equals(fields.vatNumber()) ? "order:" + INVOICE_ADDRESS + ".vat_number" : fields.vatNumber(),
                magento.fiscalCode().equals(fields.fiscalCode()) ? "order:" + INVOICE_ADDRESS + ".dni" : fields.fiscalCode(),
                fields.pec(), fields.sdiCode());
    }

    /**
     * The fiscal fields of a buyer out of {@code view}: an object with the order's fields (or none), its
     * {@code invoice_address}, {@code delivery_address} and {@code customer}. PEC and SDI in one field: an
     * e-mail is the PEC, anything else the SDI code.
     */
    record Fiscal(String vatNumber, String fiscalCode, String pec, String sdiCode) {

        static Fiscal read(FieldMapping mapping, JsonNode view) {
            FieldMapping fields = effective(mapping);
            String pec = value(fields.pec(), view);
            String sdi = value(fields.sdiCode(), view);
            if (fields.pec().equals(fields.sdiCode()) && pec != null) {
                boolean email = pec.contains("@");
                pec = email ? pec : null;
                sdi = email ? null : sdi;
            }
            return new Fiscal(value(fields.vatNumber(), view), value(fields.fiscalCode(), view), pec, sdi);
        }
    }

    static String value(String source, JsonNode view) {
        if (FieldMapping.isNone(source)) {
            return null;
        }
        int colon = source.indexOf(':');
        String scope = colon < 0 ? "order" : source.substring(0, colon);
        String path = colon < 0 ? source : source.substring(colon + 1);
        JsonNode node = scope.equals("customer") ? view.path(CUSTOMER) : view;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }
}
