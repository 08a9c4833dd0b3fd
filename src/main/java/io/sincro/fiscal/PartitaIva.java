package io.sincro.fiscal;

import java.util.Optional;

/**
 * The Italian VAT number (partita IVA): 11 digits, the last one a Luhn-style check digit over the
 * first ten. A leading {@code IT} country prefix and spaces are accepted and stripped.
 */
public final class PartitaIva {

    private PartitaIva() {
    }

    /** The number without spaces and without the {@code IT} prefix, upper case. */
    public static String normalize(String raw) {
        String value = raw == null ? "" : raw.replaceAll("[\\s.-]", "").toUpperCase();
        return value.startsWith("IT") ? value.substring(2) : value;
    }

    /** True when the value carries a foreign (non-IT) EU prefix such as {@code DE123456789}. */
    public static boolean isForeign(String raw) {
        String value = raw == null ? "" : raw.replaceAll("\\s", "").toUpperCase();
        return value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))
                && !value.startsWith("IT");
    }

    /** The check digit of the first ten digits. */
    public static int checkDigit(String firstTen) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int digit = firstTen.charAt(i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** Why the value is not a valid partita IVA, in words a merchant can act on; empty when valid. */
    public static Optional<String> whyInvalid(String raw) {
        String value = normalize(raw);
        if (!value.matches("\\d{11}")) {
            return Optional.of("partita IVA " + raw + " must be 11 digits");
        }
        if (value.chars().allMatch(c -> c == '0')) {
            return Optional.of("partita IVA " + raw + " is all zeros");
        }
        int expected = checkDigit(value);
        if (value.charAt(10) - '0' != expected) {
            return Optional.of("partita IVA " + raw + " fails its check digit (expected " + expected + ")");
        }
        return Optional.empty();
    }
}
