package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.auth.oauth.OAuthHmacSha256Signer;
import com.google.api.client.auth.oauth.OAuthParameters;
import com.google.api.client.http.GenericUrl;
import io.sincro.http.OutboundHttp;
import io.sincro.shop.OutboundGuard;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopException;
import io.sincro.shop.ShopHttp;
import io.sincro.shop.ShopProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Magento 2 REST over HTTP: signs each request (OAuth 1.0a HMAC-SHA256, or a Bearer integration
 * token), honours 429 {@code Retry-After}, and turns every failure into a {@link ShopException}
 * whose type says whether a retry can help. The requests travel through {@link ShopHttp} (the Camel route
 * {@code shop-http}), which checks the shop's address before any connection.
 */
@Component
public class MagentoClient {

    private static final Logger log = LoggerFactory.getLogger(MagentoClient.class);
    /** Names the hub in the shop's access logs (and tells the hub's calls apart in the contract tests). */
    public static final String USER_AGENT = "Sincro-Hub";

    private final ShopHttp http;
    private final ObjectMapper json;
    private final ShopProperties properties;

    public MagentoClient(ObjectMapper json, ShopProperties properties, ShopHttp http) {
        this.json = json;
        this.properties = properties;
        this.http = http;
    }

    /** GET {@code /rest/<store>/V1/<resource>} with the query given (names unencoded, e.g. {@code searchCriteria[pageSize]}). */
    public JsonNode get(ShopAccount account, String resource, Map<String, String> query) {
        return call(account, "GET", resource, query, null);
    }

    /**
     * POST {@code /rest/<store>/V1/<resource>} with a JSON body. Magento's writes are not idempotent: a
     * failure without an answer ({@link ShopException.Unavailable} with status 0, or a 5xx) may have
     * been committed, so the caller checks the shop before sending again.
     */
    public JsonNode post(ShopAccount account, String resource, JsonNode body) {
        return call(account, "POST", resource, Map.of(), body);
    }

    /**
     * One Magento answer as it came, for callers that decide themselves what a status means (the catalogue
     * channel turns each into an outcome per SKU): the parsed body (null when it is not JSON), Magento's
     * message rendered with its parameters, and the {@code Retry-After} of a 429 or 503 (1 s when it has none; zero for other statuses).
     */
    record Answer(int status, JsonNode body, String message, Duration retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends one request and returns its answer whatever the status: no wait on 429 here (the catalogue
     * throttle holds the whole account back instead). {@code store} is the store code of the path
     * ({@code all} for global catalogue writes; null for {@code /rest/V1/...}, the default store view);
     * {@code resource} is the path after {@code /V1/}, its segments already percent-encoded. A shop that
     * cannot be reached is an answer with status 0.
     */
    Answer exchange(ShopAccount account, String method, String store, String resource, JsonNode body) {
        String missing = account.credentials() == null ? "no credentials" : account.credentials().whatIsMissing();
        if (missing != null) {
            throw new ShopException.Unauthorized("Magento " + account.id() + " has no usable credentials (" + missing
                    + "): enter the shop's credentials with PUT or PATCH /api/accounts/" + account.id(), 0);
        }
        String url = account.baseUrl().replaceAll("/+$", "") + "/rest/" + (store == null ? "" : store + "/") + "V1/"
                + resource;
        OutboundHttp.Response response;
        try {
            response = send(account, method, url, body);
        } catch (IOException e) {
            return new Answer(0, null, unreachable(account, url, e).getMessage(), Duration.ZERO);
        }
        int status = response.status();
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (IOException notJson) {
            parsed = null;
        }
        boolean ok = status >= 200 && status < 300;
        String message = ok ? null : status >= 300 && status < 400
                ? "answered with a redirect (" + status + "), which the hub does not follow" : magentoMessage(response.body());
        if (status == 401 || status == 403) {
            message += MagentoPermissions.requiredFor(method, resource.replaceAll("%[0-9A-Fa-f]{2}", "_"))
                    .map(p -> ". This call needs the integration's API permission " + p.describe()).orElse("");
        }
        Duration wait = status == 429 || status == 503 ? retryAfter(response) : Duration.ZERO;
        return new Answer(status, parsed, message, wait);
    }

    /** Magento's message of an error document already parsed (e.g. one entry of a batch answer). */
    String render(JsonNode error) {
        return magentoMessage(error == null ? "" : error.toString());
    }

    private JsonNode call(ShopAccount account, String method, String resource, Map<String, String> query,
            JsonNode body) {
        String missing = account.credentials() == null ? "no credentials" : account.credentials().whatIsMissing();
        if (missing != null) {
            throw new ShopException.Unauthorized("Magento " + account.id() + " has no usable credentials (" + missing
                    + "): enter the shop's credentials with PUT or PATCH /api/accounts/" + account.id(), 0);
        }
        String url = url(account, resource, query);
        for (int waits = 0; ; waits++) {
            OutboundHttp.Response response;
            try {
                response = send(account, method, url, body);
            } catch (IOException e) {
                throw unreachable(account, url, e);
            }
            int status = response.status();
            if (status == 429 && waits < properties.maxRateLimitWaits()) {
                Duration pause = retryAfter(response);
                log.warn("Magento {} asked to slow down (429): waiting {} s as told", account.id(), pause.toSeconds());
                sleep(pause);
                continue;
            }
            if (status >= 200 && status < 300) {
                return parse(response.body(), account, resource);
            }
            throw failure(account, method, resource, status, response.body());
        }
    }

    /** One request, signed for its method and exact URL; the shop's address is checked before any connection. */
    private OutboundHttp.Response send(ShopAccount account, String method, String url, JsonNode body)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("Authorization", authorization(account.credentials(), method, url));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return http.send("Magento " + account.id(), method, url, headers, body == null ? null : body.toString());
    }

    /**
     * One wording for refused, unreachable, timed out, TLS failure: a run's message must not tell a caller
     * which ports of which host are open (the cause stays in the log at DEBUG).
     */
    private static ShopException.Unavailable unreachable(ShopAccount account, String url, IOException e) {
        log.debug("Magento {} could not be reached: {}", account.id(), e.toString());
        return new ShopException.Unavailable("Magento " + account.id() + " could not be reached at "
                + OutboundGuard.origin(URI.create(url)), 0, null);
    }

    static String url(ShopAccount account, String resource, Map<String, String> query) {
        String base = account.baseUrl().replaceAll("/+$", "") + "/rest/" + account.storeCode() + "/V1/" + resource;
        return ShopHttp.withQuery(base, query);
    }


    static String authorization(ShopCredentials credentials, String method, String url) {
        if (credentials.mode() == ShopCredentials.AuthMode.BEARER) {
            return "Bearer " + credentials.accessToken();
        }
        OAuthHmacSha256Signer signer = new OAuthHmacSha256Signer(credentials.consumerSecret());
        signer.setTokenSecret(credentials.accessTokenSecret());
        OAuthParameters oauth = new OAuthParameters();
        oauth.signer = signer;
        oauth.consumerKey = credentials.consumerKey();
        oauth.token = credentials.accessToken();
        oauth.version = "1.0";
        oauth.computeNonce();
        oauth.computeTimestamp();
        try {
            if (URI.create(url).getRawPath().contains("%")) {
                // a path with escapes (a SKU with "/", space or "+"): GenericUrl would decode and re-encode
                // it its own way ("+" stays bare), so the base string is built from the path as sent
                oauth.signatureMethod = signer.getSignatureMethod();
                oauth.signature = signer.computeSignature(baseString(method, URI.create(url), oauth));
            } else {
                oauth.computeSignature(method, new GenericUrl(url));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a Magento request", e);
        }
        return oauth.getAuthorizationHeader();
    }

    /** RFC 5849 §3.4.1: method, base string URI with the raw (percent-encoded) path, sorted encoded parameters. */
    private static String baseString(String method, URI uri, OAuthParameters oauth) {
        java.util.List<String> parameters = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, String> add = (name, value) -> {
            if (value != null) {
                parameters.add(OAuthParameters.escape(name) + "=" + OAuthParameters.escape(value));
            }
        };
        add.accept("oauth_consumer_key", oauth.consumerKey);
        add.accept("oauth_nonce", oauth.nonce);
        add.accept("oauth_signature_method", oauth.signatureMethod);
        add.accept("oauth_timestamp", oauth.timestamp);
        add.accept("oauth_token", oauth.token);
        add.accept("oauth_version", oauth.version);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                add.accept(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        java.util.Collections.sort(parameters);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (uri.getScheme().equalsIgnoreCase("http") && port == 80)
                || (uri.getScheme().equalsIgnoreCase("https") && port == 443);
        String base = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://"
                + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port) + uri.getRawPath();
        return method.toUpperCase(java.util.Locale.ROOT) + "&" + OAuthParameters.escape(base) + "&"
                + OAuthParameters.escape(String.join("&", parameters));
    }

    private JsonNode parse(String body, ShopAccount account, String resource) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ShopException.Unavailable("Magento " + account.id() + " answered " + resource
                    + " with something that is not JSON", 200, e);
        }
    }

    private ShopException failure(ShopAccount account, String method, String resource, int status, String body) {
        String where = "Magento " + account.id() + " " + resource;
        if (status >= 300 && status < 400) {
            return new ShopException.Rejected(where + " answered with a redirect (" + status + "), which the hub does "
                    + "not follow (the request carries the shop's credentials): set the account's baseUrl to the "
                    + "shop's final address", status);
        }
        String said = magentoMessage(body);
        if (status == 401 || status == 403) {
            // Magento answers a missing API permission with the same 401 as a bad token: name the one this
            // call needs, so the merchant can tell which box to tick in the integration
            String permission = MagentoPermissions.requiredFor(method, resource)
                    .map(p -> ". This call needs the integration's API permission " + p.describe())
                    .orElse("");
            return new ShopException.Unauthorized(where + " refused the credentials (" + status + "): " + said
                    + permission + ". Check the integration's tokens and its API permissions"
                    + (account.credentials().mode() == ShopCredentials.AuthMode.BEARER
                            ? ", and that the shop allows integration tokens as Bearer tokens"
                            + " (oauth/consumer/enable_integration_as_bearer)" : ""), status);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new ShopException.Unavailable(where + " failed (" + status + "): " + said, status, null);
        }
        return new ShopException.Rejected(where + " was rejected (" + status + "): " + said, status);
    }

    /** Magento's error message with its %placeholders filled from {@code parameters}. */
    private String magentoMessage(String body) {
        try {
            JsonNode error = json.readTree(body);
            String message = error.path("message").asText("");
            JsonNode parameters = error.path("parameters");
            if (parameters.isObject()) {
                Map<String, String> named = new LinkedHashMap<>();
                parameters.fields().forEachRemaining(f -> named.put(f.getKey(), f.getValue().asText()));
                for (var p : named.entrySet()) {
                    message = message.replace("%" + p.getKey(), p.getValue());
                }
            } else if (parameters.isArray()) {
                for (int i = 0; i < parameters.size(); i++) {
                    message = message.replace("%" + (i + 1), parameters.get(i).asText());
                }
                // the price APIs' failed items carry named placeholders with their values as a list, in order
                java.util.regex.Matcher named = java.util.regex.Pattern.compile("%([A-Za-z]\\w*)").matcher(message);
                StringBuilder rendered = new StringBuilder();
                int next = 0;
                while (named.find()) {
                    String value = next < parameters.size() ? parameters.get(next++).asText() : named.group();
                    named.appendReplacement(rendered, java.util.regex.Matcher.quoteReplacement(value));
                }
                named.appendTail(rendered);
                message = rendered.toString();
            }
            return message.isBlank() ? NO_MESSAGE : abbreviate(message);
        } catch (IOException | RuntimeException notJson) {
            return NO_MESSAGE;
        }
    }

    /**
     * What stands in for an answer without Magento's error document: the body of an unknown server is
     * never copied into a run's message or a dead letter (a way to read internal services through the hub).
     */
    static final String NO_MESSAGE = "the answer is not a Magento error (no message)";

    private Duration retryAfter(OutboundHttp.Response response) {
        String value = response.header("Retry-After").orElse("1").trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException notADate) {
                wait = Duration.ofSeconds(1);
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : wait;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopException.Unavailable("interrupted while waiting for the shop's Retry-After", 429, e);
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
