package io.sincro.model;

/**
 * The buyer as the shop order describes them. {@code shopCustomerId} is null for a guest.
 * Fiscal fields are read from whichever order or customer fields the account maps.
 */
public record OrderCustomer(String shopCustomerId, String email, String firstName, String lastName,
        String companyName, String vatNumber, String fiscalCode, String pec, String sdiCode, String phone) {

    public boolean guest() {
        return shopCustomerId == null;
    }

    public CustomerKind kind() {
        return CustomerKind.of(vatNumber, companyName);
    }
}
