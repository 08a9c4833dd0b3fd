package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.auth.oauth.OAuthHmacSha256Signer;
import com.google.api.client.auth.oauth.OAuthParameters;
import com.google.api.client.http.GenericUrl;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.OutboundGuard;
import io.sincro.shop.ShopException;
import io.sincro.shop.ShopProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Magento 2 REST over HTTP: signs each request (OAuth 1.0a HMAC-SHA256, or a Bearer integration
 * token), honours 429 {@code Retry-After}, and turns every failure into a {@link ShopException}
 * whose type says whether a retry can help.
 */
@Component
public class MagentoClient {

    private static final Logger log = LoggerFactory.getLogger(MagentoClient.class);
    /** Names the hub in the shop's access logs (and tells the hub's calls apart in the contract tests). */
    public static final String USER_AGENT = "Sincro-Hub";

    private final HttpClient http;
    private final ObjectMapper json;
    private final ShopProperties properties;
    private final OutboundGuard guard;

    public MagentoClient(ObjectMapper json, ShopProperties properties) {
        this.json = json;
        this.properties = properties;
        this.guard = new OutboundGuard(properties.allowPrivateAddresses());
        // never follow a redirect: the request carries the shop's credentials, which go to its address only
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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

    private JsonNode call(ShopAccount account, String method, String resource, Map<String, String> query,
            JsonNode body) {
        String missing = account.credentials() == null ? "no credentials" : account.credentials().whatIsMissing();
        if (missing != null) {
            throw new ShopException.Unauthorized("Magento " + account.id() + " has no usable credentials (" + missing
                    + "): enter the shop's credentials with PUT or PATCH /api/accounts/" + account.id(), 0);
        }
        String url = url(account, resource, query);
        guard.check("Magento " + account.id(), URI.create(url));
        for (int waits = 0; ; waits++) {
            HttpResponse<String> response = send(account, method, url, body);
            int status = response.statusCode();
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

    private HttpResponse<String> send(ShopAccount account, String method, String url, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.readTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Authorization", authorization(account.credentials(), method, url));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // one wording for refused, unreachable, timed out, TLS failure: a run's message must not tell
            // a caller which ports of which host are open (the cause stays in the log at DEBUG)
            log.debug("Magento {} could not be reached: {}", account.id(), e.toString());
            throw new ShopException.Unavailable("Magento " + account.id() + " could not be reached at "
                    + OutboundGuard.origin(request.uri()), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopException.Unavailable("interrupted while calling Magento " + account.id(), 0, e);
        }
    }

    static String url(ShopAccount account, String resource, Map<String, String> query) {
        String base = account.baseUrl().replaceAll("/+$", "") + "/rest/" + account.storeCode() + "/V1/" + resource;
        if (query.isEmpty()) {
            return base;
        }
        return base + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
            oauth.computeSignature(method, new GenericUrl(url));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a Magento request", e);
        }
        return oauth.getAuthorizationHeader();
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

    private Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
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
