package io.sincro.model;

/** How the ERP files a customer: decided by the VAT number and company name of the billing party. */
public enum CustomerKind {
    /** VAT number and company name. */
    COMPANY,
    /** VAT number without company name: a "persona fisica" with a VAT number, not a private. */
    SOLE_TRADER,
    /** No VAT number. */
    PRIVATE;

    public static CustomerKind of(String vatNumber, String companyName) {
        if (vatNumber == null || vatNumber.isBlank()) {
            return PRIVATE;
        }
        return companyName == null || companyName.isBlank() ? SOLE_TRADER : COMPANY;
    }
}
