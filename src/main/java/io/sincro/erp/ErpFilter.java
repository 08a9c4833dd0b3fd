package io.sincro.erp;

/** One condition of a WebAPI search ({@code filtri}); conditions are AND-ed, an array value is OR-ed. */
public record ErpFilter(String campo, String condizione, Object valore, boolean caseInsensitive) {

    public static ErpFilter equal(String field, Object value) {
        return new ErpFilter(field, "=", value, true);
    }

    /** Records changed at or after an ERP time ({@code "AAAAMMGG HHMMSS"}): the same second is read again. */
    public static ErpFilter since(String field, String erpTime) {
        return new ErpFilter(field, ">=", erpTime, false);
    }

    public static ErpFilter contains(String field, String value) {
        return new ErpFilter(field, "contiene", value, true);
    }
}
