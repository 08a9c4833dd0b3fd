package io.sincro.model;

import java.util.Objects;

/** A postal address as the ERP needs it; {@code province} is the two-letter Italian sigla when known. */
public record Address(String firstName, String lastName, String company, String street, String city,
        String postcode, String province, String country, String phone) {

    /** Identifies the same address however often it arrives, to store it once per customer. */
    public String fingerprint() {
        String key = String.join("|", norm(firstName), norm(lastName), norm(company), norm(street), norm(city),
                norm(postcode), norm(country));
        return Integer.toHexString(key.hashCode()) + "-" + key.length();
    }

    public boolean sameAs(Address other) {
        return other != null && Objects.equals(fingerprint(), other.fingerprint());
    }

    private static String norm(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ").toLowerCase();
    }
}
