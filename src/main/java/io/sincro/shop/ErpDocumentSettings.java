package io.sincro.shop;

import io.sincro.model.CustomerKind;
import java.math.BigDecimal;
import java.util.Map;

/**
 * How an account's orders are written in the ERP.
 *
 * @param sigla            document sigla of customer orders ("OC")
 * @param serie            document series (sezionale) reserved for this shop's orders
 * @param mastri           account class (mastro) of new customers, per kind; the ERP codes them {@code <mastro>.AUTO}
 * @param zeroVatCode      ERP VAT exemption code for rows without VAT (e.g. an N3.x exemption); null holds such rows
 * @param discountArticle  expense article for the order discount (row with quantity -1 and the positive discount,
 *                         so it lowers the total, as Passweb's "Sconto – Articolo utilizzo")
 * @param baseCurrency     the ERP's own currency (ISO code); orders in it carry no {@code id_valuta}
 * @param currencies       shop currency (ISO code) → the ERP's currency id ({@code id_valuta} of
 *                         {@code dati-generali/valute}): such orders are booked in that currency
 * @param foreignCurrency  what to do with an order in a currency {@code currencies} does not map:
 *                         {@code HOLD} (default) or {@code SHOP_BASE} (book the shop's base-currency
 *                         amounts, the {@code base_*} fields, when the shop's base currency is the ERP's)
 * @param totalsTolerance  the largest difference allowed between the ERP document's total, computed
 *                         before the order goes in, and the shop's grand total; a larger one holds the order
 */
public record ErpDocumentSettings(String sigla, Integer serie, Map<CustomerKind, String> mastri, String zeroVatCode,
        String discountArticle, String baseCurrency, Map<String, Integer> currencies, ForeignCurrency foreignCurrency,
        BigDecimal totalsTolerance) {

    public static final BigDecimal DEFAULT_TOTALS_TOLERANCE = new BigDecimal("0.01");

    /** How an order in a currency the account does not map is treated. */
    public enum ForeignCurrency {
        /** Held with the reason, until the account maps the currency. */
        HOLD,
        /** Booked in the shop's base currency (its {@code base_*} amounts), when that is the ERP's. */
        SHOP_BASE
    }

    public ErpDocumentSettings {
        sigla = sigla == null ? "OC" : sigla;
        serie = serie == null ? 1 : serie;
        mastri = mastri == null ? Map.of(CustomerKind.COMPANY, "501", CustomerKind.SOLE_TRADER, "501",
                CustomerKind.PRIVATE, "501") : Map.copyOf(mastri);
        discountArticle = discountArticle == null ? "SCONTO" : discountArticle;
        baseCurrency = baseCurrency == null || baseCurrency.isBlank() ? "EUR" : baseCurrency.trim().toUpperCase();
        currencies = currencies == null ? Map.of() : Map.copyOf(currencies);
        foreignCurrency = foreignCurrency == null ? ForeignCurrency.HOLD : foreignCurrency;
        totalsTolerance = totalsTolerance == null || totalsTolerance.signum() < 0 ? DEFAULT_TOTALS_TOLERANCE
                : totalsTolerance;
    }

    /** The settings as they were before currencies and the totals check (defaults for both). */
    public ErpDocumentSettings(String sigla, Integer serie, Map<CustomerKind, String> mastri, String zeroVatCode,
            String discountArticle) {
        this(sigla, serie, mastri, zeroVatCode, discountArticle, null, null, null, null);
    }

    public static ErpDocumentSettings defaults() {
        return new ErpDocumentSettings(null, null, null, null, null);
    }

    public String mastroOf(CustomerKind kind) {
        return mastri.getOrDefault(kind, mastri.getOrDefault(CustomerKind.COMPANY, "501"));
    }

    /** True when an order in this currency is booked in the ERP's own currency (no {@code id_valuta}). */
    public boolean isBaseCurrency(String currency) {
        return currency == null || currency.isBlank() || baseCurrency.equalsIgnoreCase(currency.trim());
    }
}
