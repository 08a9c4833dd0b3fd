package io.sincro.erp;

/** One condition of a WebAPI search ({@code filtri}); conditions are AND-ed, an array value is OR-ed. */
public record ErpFilter(String campo, String condizione, Object valore, boolean caseInsensitive) {

    public static ErpFilter equal(String field, Object value) {
        return new ErpFilter(field, "=", value, true);
    }

    public static ErpFilter contains(String field, String value) {
        return new ErpFilter(field, "contiene", value, true);
    }
}
