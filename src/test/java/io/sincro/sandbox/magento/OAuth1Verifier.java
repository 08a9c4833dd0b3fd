package io.sincro.sandbox.magento;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code Authorization: OAuth ...} header the way a Magento integration does, written
 * from RFC 5849 alone so that it cannot share a bug with the hub's signer: HMAC-SHA256 over the
 * signature base string (§3.4.1), key {@code encode(consumer secret)&encode(token secret)} (§3.4.2),
 * a timestamp within 600 seconds of now, and a nonce never seen from that consumer in 15 minutes.
 */
final class OAuth1Verifier {

    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(600);
    static final Duration NONCE_MEMORY = Duration.ofMinutes(15);

    private static final Pattern HEADER_PARAM = Pattern.compile("\\s*([^=\\s,]+)\\s*=\\s*\"([^\"]*)\"\\s*(?:,|$)");

    private final MagentoSimulator.Credentials credentials;
    private final Clock clock;
    private final Map<String, Map<String, Instant>> usedNonces = new HashMap<>();

    OAuth1Verifier(MagentoSimulator.Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @param baseUri     scheme://host[:port]/path of the request, as the client addressed it
     * @param query       the decoded query parameters
     * @param authorization the header value, starting with "OAuth "
     */
    boolean verify(String method, String baseUri, List<QueryParams.Param> query, String authorization) {
        Map<String, String> oauth = headerParams(authorization);
        if (oauth == null || !hasExpectedIdentity(oauth) || !"HMAC-SHA256".equals(oauth.get("oauth_signature_method"))
                || !timestampIsFresh(oauth.get("oauth_timestamp"))) {
            return false;
        }
        String version = oauth.get("oauth_version");
        if ((version != null && !version.equals("1.0")) || !signatureMatches(method, baseUri, query, oauth)) {
            return false;
        }
        return rememberNonce(oauth.get("oauth_consumer_key"), oauth.get("oauth_nonce"));
    }

    /** The oauth_* header parameters, percent-decoded; null when the header is malformed or repeats one. */
    static Map<String, String> headerParams(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return null;
        }
        String rest = authorization.substring(6);
        Matcher matcher = HEADER_PARAM.matcher(rest);
        Map<String, String> params = new LinkedHashMap<>();
        int position = 0;
        while (position < rest.length() && matcher.region(position, rest.length()).lookingAt()) {
            if (params.put(percentDecode(matcher.group(1)), percentDecode(matcher.group(2))) != null) {
                return null;
            }
            position = matcher.end();
        }
        return rest.substring(position).isBlank() ? params : null;
    }

    private boolean hasExpectedIdentity(Map<String, String> oauth) {
        return credentials.consumerKey().equals(oauth.get("oauth_consumer_key"))
                && credentials.accessToken().equals(oauth.get("oauth_token"))
                && oauth.get("oauth_signature") != null
                && oauth.get("oauth_nonce") != null && !oauth.get("oauth_nonce").isEmpty();
    }

    private boolean timestampIsFresh(String timestamp) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(sent, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) <= 0;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    private boolean signatureMatches(String method, String baseUri, List<QueryParams.Param> query,
            Map<String, String> oauth) {
        String baseString = baseString(method, baseUri, query, oauth);
        String key = encode(credentials.consumerSecret()) + "&" + encode(credentials.accessTokenSecret());
        byte[] expected = hmacSha256(key, baseString);
        try {
            byte[] given = Base64.getDecoder().decode(oauth.get("oauth_signature"));
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** RFC 5849 §3.4.1: METHOD &amp; encode(base URI) &amp; encode(normalized parameters). */
    static String baseString(String method, String baseUri, List<QueryParams.Param> query, Map<String, String> oauth) {
        List<String[]> params = new ArrayList<>();
        query.forEach(p -> params.add(new String[] {encode(p.name()), encode(p.value())}));
        oauth.forEach((name, value) -> {
            if (!name.equals("oauth_signature") && !name.equals("realm")) {
                params.add(new String[] {encode(name), encode(value)});
            }
        });
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] param : params) {
            normalized.append(normalized.length() == 0 ? "" : "&").append(param[0]).append('=').append(param[1]);
        }
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalized.toString());
    }

    private synchronized boolean rememberNonce(String consumerKey, String nonce) {
        Instant now = clock.instant();
        Map<String, Instant> nonces = usedNonces.computeIfAbsent(consumerKey, k -> new HashMap<>());
        nonces.values().removeIf(seen -> seen.plus(NONCE_MEMORY).isBefore(now));
        return nonces.putIfAbsent(nonce, now) == null;
    }

    private static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes; only ALPHA, DIGIT, "-", ".", "_", "~" stay as they are. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** Percent-decoding without the form rule: a {@code +} stays a plus. */
    static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String value, int index) {
        return index < value.length() && Character.digit(value.charAt(index), 16) >= 0;
    }
}
