package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal Magento REST client for the tests: real HTTP through java.net.http, and its own
 * RFC 5849 signer written independently of the simulator's verifier (different encoder, different
 * normalisation code), so that a bug in one does not hide behind the same bug in the other.
 */
final class MagentoTestClient {

    static final MagentoSimulator.Credentials CREDENTIALS = new MagentoSimulator.Credentials(
            "ck-sandbox-123", "cs-secret&with/odd chars", "at-token-456", "ats-secret~789", false);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    record Response(int status, JsonNode body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final MagentoSimulator.Credentials credentials;

    MagentoTestClient(MagentoSimulator simulator, MagentoSimulator.Credentials credentials) {
        this.baseUrl = simulator.baseUrl();
        this.credentials = credentials;
    }

    /** Ordered query parameters, e.g. {@code query("searchCriteria[pageSize]", "10")}. */
    static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    /** GET signed with OAuth 1.0a HMAC-SHA256 and a fresh nonce. */
    Response get(String path, Map<String, String> query) {
        return getWithAuthorization(path, query, oauthHeader("GET", path, query, nonce(), Instant.now(), "HMAC-SHA256"));
    }

    Response getWithAuthorization(String path, Map<String, String> query, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path, query))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** POST of a JSON body (not part of the OAuth signature: it is not form-encoded), signed like {@link #get}. */
    Response post(String path, String jsonBody) {
        return send("POST", path, jsonBody);
    }

    /** Any method with a JSON body, signed with OAuth 1.0a HMAC-SHA256. */
    Response send(String method, String path, String jsonBody) {
        String authorization = oauthHeader(method, path, Map.of(), nonce(), Instant.now(), "HMAC-SHA256");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path, Map.of())))
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization);
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url(String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return baseUrl + path + (encoded.isEmpty() ? "" : "?" + encoded);
    }

    /** The Authorization header of RFC 5849 §3.5.1 for a request of {@code baseUrl + path} with that query. */
    String oauthHeader(String method, String path, Map<String, String> query, String nonce, Instant timestamp,
            String signatureMethod) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_token", credentials.accessToken());
        oauth.put("oauth_signature_method", signatureMethod);
        oauth.put("oauth_timestamp", Long.toString(timestamp.getEpochSecond()));
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_version", "1.0");
        String signature = sign(method, baseUrl + path, query, oauth);
        oauth.put("oauth_signature", signature);
        return "OAuth " + oauth.entrySet().stream()
                .map(e -> rfc3986(e.getKey()) + "=\"" + rfc3986(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    private String sign(String method, String baseUri, Map<String, String> query, Map<String, String> oauth) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(Map.entry(rfc3986(k), rfc3986(v))));
        oauth.forEach((k, v) -> pairs.add(Map.entry(rfc3986(k), rfc3986(v))));
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        String normalized = pairs.stream().map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"));
        String base = method + "&" + rfc3986(baseUri) + "&" + rfc3986(normalized);
        String key = rfc3986(credentials.consumerSecret()) + "&" + rfc3986(credentials.accessTokenSecret());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 encoding by way of the form encoder, patched: space, '*' and '~' differ. */
    static String rfc3986(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
