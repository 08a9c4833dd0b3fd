package io.sincro.sandbox.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.contract.PrestaShopContractExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The simulator's own tests' HTTP client: the key as HTTP Basic user, queries written as a client of the
 * webservice would (percent-encoded). {@link #deliberate()} marks requests that are wrong on purpose, which the
 * contract extension then leaves unchecked.
 */
final class PrestaShopTestClient {

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String key;
    private final String userAgent;

    PrestaShopTestClient(String baseUrl, String key) {
        this(baseUrl, key, "prestashop-simulator-test");
    }

    private PrestaShopTestClient(String baseUrl, String key, String userAgent) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.userAgent = userAgent;
    }

    /** The same client, its requests marked as wrong on purpose. */
    PrestaShopTestClient deliberate() {
        return new PrestaShopTestClient(baseUrl, key, PrestaShopContractExtension.DELIBERATE);
    }

    PrestaShopTestClient withKey(String otherKey) {
        return new PrestaShopTestClient(baseUrl, otherKey, userAgent);
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Answer send(String method, String pathAndQuery, String xml, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + encode(pathAndQuery)))
                .header("User-Agent", userAgent)
                .method(method, xml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(xml));
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        }
        if (xml != null) {
            request.header("Content-Type", "application/xml");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Encodes what a URI may not carry raw (brackets, spaces, |, %) in the query, leaving = and & alone. */
    static String encode(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        StringBuilder out = new StringBuilder(pathAndQuery.substring(0, q + 1));
        for (char c : pathAndQuery.substring(q + 1).toCharArray()) {
            switch (c) {
                case '[' -> out.append("%5B");
                case ']' -> out.append("%5D");
                case ' ' -> out.append("%20");
                case '|' -> out.append("%7C");
                case '%' -> out.append("%25");
                case ':' -> out.append("%3A");
                case '>' -> out.append("%3E");
                case '<' -> out.append("%3C");
                case '!' -> out.append("%21");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
