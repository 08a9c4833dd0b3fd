package io.sincro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's REST API over real HTTP, as a client would call it. The one place tests send credentials:
 * by default the ADMIN key every test hub is started with ({@code sincro.security.bootstrap-admin-key}
 * in {@code application-test.properties}); {@link #as(String)} another key, {@link #anonymous()} none,
 * {@link #withSession()} a browser-like client that logs in and keeps its session cookie.
 */
public final class HubClient {

    /** The ADMIN key of test hubs, read from the test profile so that the two never disagree. */
    public static final String ADMIN_KEY = testProperty("sincro.security.bootstrap-admin-key");

    /** @param headers the answer's headers */
    public record Response(int status, JsonNode body, String text, HttpHeaders headers) {

        public Response(int status, JsonNode body, String text) {
            this(status, body, text, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /** The answer's Content-Type, or empty. */
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    private static final HttpClient SHARED = HttpClient.newHttpClient();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String key;
    private final String csrfToken;
    private final String bearerToken;

    public HubClient(int port) {
        this("http://127.0.0.1:" + port, SHARED, ADMIN_KEY, null, null);
    }

    private HubClient(String base, HttpClient http, String key, String csrfToken, String bearerToken) {
        this.base = base;
        this.http = http;
        this.key = key;
        this.csrfToken = csrfToken;
        this.bearerToken = bearerToken;
    }

    /** The same hub, called with this API key. */
    public HubClient as(String apiKey) {
        return new HubClient(base, SHARED, apiKey, null, null);
    }

    /** The same hub, called with no credentials at all. */
    public HubClient anonymous() {
        return new HubClient(base, SHARED, null, null, null);
    }

    /** The same hub, called with this OIDC access token ({@code Authorization: Bearer …}) and no key. */
    public HubClient withBearer(String token) {
        return new HubClient(base, SHARED, null, null, token);
    }

    /** A client of its own that keeps cookies, as a browser does, and sends no key: log it in with {@link #login}. */
    public HubClient withSession() {
        return new HubClient(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), null, null,
                null);
    }

    /** The same session, sending this CSRF token (in {@code X-CSRF-TOKEN}) with every request. */
    public HubClient withCsrfToken(String token) {
        return new HubClient(base, http, key, token, bearerToken);
    }

    /** Logs in through the form at {@code /login} (with the form's CSRF token), as a browser would. */
    public Response login(String username, String password) {
        Response page = send("GET", "/login", null, null, Map.of("Accept", "text/html"));
        Matcher field = CSRF_FIELD.matcher(page.text());
        if (!field.find()) {
            throw new IllegalStateException("the login page has no CSRF field: " + page.text());
        }
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                + encode(field.group(1));
        return send("POST", "/login", "application/x-www-form-urlencoded", form, Map.of("Accept", "text/html"));
    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", write(body), Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", write(body), Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    /**
     * Any request: {@code contentType} and {@code body} may be null; {@code headers} come on top of the
     * client's own (its key, its CSRF token, {@code Accept: application/json}) and replace them.
     */
    public Response send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Accept", "application/json");
        if (key != null) {
            all.put("X-API-Key", key);
        }
        if (bearerToken != null) {
            all.put("Authorization", "Bearer " + bearerToken);
        }
        if (csrfToken != null) {
            all.put("X-CSRF-TOKEN", csrfToken);
        }
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        all.putAll(headers);
        all.forEach(request::setHeader);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PATCH as JSON Merge Patch (RFC 7396): only the members sent change, a null removes one. */
    public Response patch(String path, Object body) {
        return raw("PATCH", path, "application/merge-patch+json", write(body));
    }

    /**
     * Any method with a body sent exactly as given (malformed, empty, huge) and the content type given
     * ({@code null}: no Content-Type header at all), for tests of what the API refuses.
     */
    public Response raw(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, Map.of());
    }

    /** Waits for a run to end (up to two minutes) and answers it as {@code GET /api/runs/{id}} shows it. */
    public JsonNode awaitRun(long runId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> get("/api/runs/" + runId).body(), run -> !run.path("state").asText().equals("RUNNING"));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException notJson) {
            return null; // the login page, a redirect: read text()
        }
    }

    private String write(Object body) {
        try {
            return body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String testProperty(String name) {
        try (InputStream in = HubClient.class.getResourceAsStream("/application-test.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
