package io.sincro.sandbox.magento;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The query string of a request as decoded name/value pairs, in order, duplicates kept.
 * Decoding is application/x-www-form-urlencoded ({@code +} is a space), as PHP does for {@code $_GET}
 * and as RFC 5849 §3.4.1.3.1 prescribes for the OAuth signature base string.
 */
final class QueryParams {

    record Param(String name, String value) {
    }

    private QueryParams() {
    }

    /** Throws IllegalArgumentException on a malformed percent escape. */
    static List<Param> parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new Param(decode(name), decode(value)));
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
