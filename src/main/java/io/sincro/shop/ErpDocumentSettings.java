package io.sincro.shop;

import io.sincro.model.CustomerKind;
import java.util.Map;

/**
 * How an account's orders are written in the ERP.
 *
 * @param sigla            document sigla of customer orders ("OC")
 * @param serie            document series (sezionale) reserved for this shop's orders
 * @param mastri           account class (mastro) of new customers, per kind; the ERP codes them {@code <mastro>.AUTO}
 * @param zeroVatCode      ERP VAT exemption code for rows without VAT (e.g. an N3.x exemption); null holds such rows
 * @param discountArticle  expense article for the order discount (row with quantity -1)
 */
public record ErpDocumentSettings(String sigla, Integer serie, Map<CustomerKind, String> mastri, String zeroVatCode,
        String discountArticle) {

    public ErpDocumentSettings {
        sigla = sigla == null ? "OC" : sigla;
        serie = serie == null ? 1 : serie;
        mastri = mastri == null ? Map.of(CustomerKind.COMPANY, "501", CustomerKind.SOLE_TRADER, "501",
                CustomerKind.PRIVATE, "501") : Map.copyOf(mastri);
        discountArticle = discountArticle == null ? "SCONTO" : discountArticle;
    }

    public static ErpDocumentSettings defaults() {
        return new ErpDocumentSettings(null, null, null, null, null);
    }

    public String mastroOf(CustomerKind kind) {
        return mastri.getOrDefault(kind, mastri.getOrDefault(CustomerKind.COMPANY, "501"));
    }
}
