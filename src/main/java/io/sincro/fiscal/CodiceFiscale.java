package io.sincro.fiscal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Italian fiscal code (codice fiscale): 16 characters for natural persons, whose last letter is a
 * check character over the first fifteen; or 11 digits for companies, checked like a partita IVA.
 * Omocodia substitutions (digits replaced by L, M, N, P, Q, R, S, T, U, V) are accepted.
 */
public final class CodiceFiscale {

    private static final Pattern PERSON = Pattern.compile(
            "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");

    /** Values of the characters in odd positions (1st, 3rd, …), for 0–9 and then A–Z. */
    private static final int[] ODD_DIGITS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    private static final int[] ODD_LETTERS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
            16, 10, 22, 25, 24, 23};

    private CodiceFiscale() {
    }

    public static String normalize(String raw) {
        return raw == null ? "" : raw.replaceAll("\\s", "").toUpperCase();
    }

    /** The check character of the first fifteen characters of a personal fiscal code. */
    public static char checkCharacter(String firstFifteen) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = firstFifteen.charAt(i);
            boolean digit = Character.isDigit(c);
            int index = digit ? c - '0' : c - 'A';
            if (i % 2 == 0) {
                sum += digit ? ODD_DIGITS[index] : ODD_LETTERS[index];
            } else {
                sum += index;
            }
        }
        return (char) ('A' + sum % 26);
    }

    /** Why the value is not a valid codice fiscale, in words a merchant can act on; empty when valid. */
    public static Optional<String> whyInvalid(String raw) {
        String value = normalize(raw);
        if (value.matches("\\d{11}")) {
            return PartitaIva.whyInvalid(value)
                    .map(reason -> "codice fiscale " + raw + " (numeric, as for a company) fails its check digit");
        }
        if (value.length() != 16) {
            return Optional.of("codice fiscale " + raw + " must be 16 characters (or 11 digits for a company)");
        }
        if (!PERSON.matcher(value).matches()) {
            return Optional.of("codice fiscale " + raw + " is not in the form of a fiscal code");
        }
        char expected = checkCharacter(value);
        if (value.charAt(15) != expected) {
            return Optional.of("codice fiscale " + raw + " fails its check character (expected " + expected + ")");
        }
        return Optional.empty();
    }
}
