package io.sincro.erp;

/**
 * An ERP document's key with the year it belongs to. Mexal keeps each year's documents apart and numbers them
 * from 1 each year ({@code Anno=} of Coordinate-Gestionale), so "OC+1+5" alone names one order of 2026 and
 * another of 2027: the year travels with the key, and a document is read under it.
 */
public record ErpKey(String key, int year) {

    @Override
    public String toString() {
        return key + " (" + year + ")";
    }
}
