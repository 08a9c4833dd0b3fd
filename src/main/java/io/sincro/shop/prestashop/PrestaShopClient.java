package io.sincro.shop.prestashop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The PrestaShop webservice over HTTP (shop-apis B1–B6): {@code <baseUrl>/api/<resource>}, the
 * webservice key as the HTTP Basic user with an empty password, reads in JSON ({@code output_format=JSON}),
 * writes in XML (the webservice reads no JSON). Every failure becomes a {@link ShopException} carrying the
 * webservice's own code and message, typed by whether a retry can help.
 */
@Component
public class PrestaShopClient {

    private static final Logger log = LoggerFactory.getLogger(PrestaShopClient.class);
    /** Names the hub in the shop's access logs. */
    public static final String USER_AGENT = "Sincro-Hub";
    /** The webservice's "Unable to save resource": may come after the save (shop-apis B3, order_carriers). */
    static final int UNABLE_TO_SAVE = 46;
    /** The webservice is switched off in the back office: configuration, not an outage. */
    static final int WEBSERVICE_DISABLED = 22;

    private final ShopHttp http;
    private final ObjectMapper json;
    private final ShopProperties properties;

    /** Requests travel through {@link ShopHttp} (route {@code shop-http}), which never follows a redirect. */
    public PrestaShopClient(ObjectMapper json, ShopProperties properties, ShopHttp http) {
        this.json = json;
        this.properties = properties;
        this.http = http;
    }

    /**
     * One answer as it came, for callers that decide themselves what a status means: the body, the
     * webservice's first error code (0 when none) and its message ({@code "code 46: Unable to save resource"}),
     * and the {@code Retry-After} of a 429 or 503 (1 s when it has none).
     */
    record Answer(int status, String body, int errorCode, String message, Duration retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** GET in JSON; query names unencoded ({@code filter[date_upd]}). */
    JsonNode get(ShopAccount account, String resource, Map<String, String> query) {
        return parse(account, resource, orThrow(account, "GET", resource, read(account, resource, withJson(query))));
    }

    /**
     * A GET, waiting as told when the shop (or the proxy in front of it) answers 429 with a Retry-After, at most
     * {@code sincro.shop.max-rate-limit-waits} times, as the Magento client does; a read repeated is harmless.
     */
    private Answer read(ShopAccount account, String resource, Map<String, String> query) {
        for (int waits = 0; ; waits++) {
            Answer answer = exchange(account, "GET", resource, query, null);
            if (answer.status() != 429 || waits >= properties.maxRateLimitWaits()) {
                return answer;
            }
            log.warn("{} asked to slow down (429): waiting {} s as told", shop(account), answer.retryAfter().toSeconds());
            try {
                Thread.sleep(answer.retryAfter().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShopException.Unavailable("interrupted while waiting for the shop's Retry-After", 429, e);
            }
        }
    }

    /** GET in XML, the form a PUT must send back (multi-language fields keep every language). */
    String getXml(ShopAccount account, String resource, Map<String, String> query) {
        return orThrow(account, "GET", resource, read(account, resource, query)).body();
    }

    /**
     * POST, PUT or PATCH of an XML document; the stored resource in JSON. A write that fails without an
     * answer, or with a 5xx, may have been saved: the caller reads the shop before sending it again.
     */
    JsonNode write(ShopAccount account, String method, String resource, Map<String, String> query, String xml) {
        return parse(account, resource, orThrow(account, method, resource,
                exchange(account, method, resource, withJson(query), xml)));
    }

    /**
     * The record of {@code resource} with that id ({@code filter[id]}: a list call, its rows shaped as a page's),
     * with the fields {@code display} names; empty when the shop has none.
     */
    java.util.Optional<JsonNode> byId(ShopAccount account, String resource, String id, String display) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("display", display);
        query.put("filter[id]", "[" + id + "]");
        return list(get(account, resource, query), resource).stream().findFirst();
    }

    /** The elements of a list answer: the webservice answers an empty list with {@code []}, not {@code {"orders":[]}}. */
    static List<JsonNode> list(JsonNode answer, String name) {
        List<JsonNode> rows = new ArrayList<>();
        JsonNode array = answer == null || answer.isArray() ? answer : answer.path(name);
        if (array != null && array.isArray()) {
            array.forEach(rows::add);
        }
        return rows;
    }

    /**
     * Sends one request and returns its answer whatever the status. A shop that cannot be reached is an
     * answer with status 0.
     */
    Answer exchange(ShopAccount account, String method, String resource, Map<String, String> query, String xml) {
        ShopCredentials credentials = account.credentials();
        String missing = credentials == null ? "no credentials" : credentials.whatIsMissing();
        if (missing == null && credentials.mode() != ShopCredentials.AuthMode.WEBSERVICE) {
            missing = "its credentials are not a webservice key";
        }
        if (missing != null) {
            throw new ShopException.Unauthorized(shop(account) + " has no usable credentials (" + missing
                    + "): enter the shop's webservice key with PUT or PATCH /api/accounts/" + account.id(), 0);
        }
        URI uri = URI.create(url(account, resource, query));
        OutboundHttp.Response response;
        try {
            response = send(account, method, uri, xml);
        } catch (ShopException.Unavailable unreachable) {
            return new Answer(0, null, 0, unreachable.getMessage(), Duration.ZERO);
        }
        int status = response.status();
        String body = response.body();
        if (status >= 200 && status < 300) {
            return new Answer(status, body, 0, null, Duration.ZERO);
        }
        if (status >= 300 && status < 400) {
            return new Answer(status, body, 0, "answered with a redirect (" + status + "), which the hub does not "
                    + "follow (the request carries the webservice key): set the account's baseUrl to the shop's final "
                    + "address", Duration.ZERO);
        }
        Error error = error(body);
        Duration wait = status == 429 || status == 503 ? retryAfter(response) : Duration.ZERO;
        return new Answer(status, body, error.code(), error.text(), wait);
    }

    /**
     * The one place a request leaves the hub (the transport may change; the rules around it stay): the key
     * as HTTP Basic user, the shop's timeouts, no redirects, and one wording for every way of not reaching it.
     */
    private OutboundHttp.Response send(ShopAccount account, String method, URI uri, String xml) {
        String key = account.credentials().accessToken() + ":";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
        if (xml != null) {
            headers.put("Content-Type", "application/xml; charset=UTF-8");
        }
        try {
            // the address is checked by ShopHttp before any connection is opened
            return http.send(shop(account), method, uri.toString(), headers, xml);
        } catch (IOException e) {
            // the cause stays in the log at DEBUG: a run's message must not tell which ports of which host are open
            log.debug("{} could not be reached: {}", shop(account), e.toString());
            throw new ShopException.Unavailable(shop(account) + " could not be reached at "
                    + OutboundGuard.origin(uri), 0, null);
        }
    }

    /** The answer when it is a success; otherwise the exception its status and code call for. */
    Answer orThrow(ShopAccount account, String method, String resource, Answer answer) {
        if (answer.ok()) {
            return answer;
        }
        throw failure(account, method, resource, answer);
    }

    ShopException failure(ShopAccount account, String method, String resource, Answer answer) {
        int status = answer.status();
        String where = shop(account) + " " + method + " " + resource;
        if (status == 0) {
            return new ShopException.Unavailable(answer.message(), 0, null);
        }
        if (status >= 300 && status < 400) {
            return new ShopException.Rejected(where + " " + answer.message(), status);
        }
        if (status == 401 || status == 403) {
            return new ShopException.Unauthorized(where + " refused the webservice key (" + status + ", "
                    + answer.message() + "): check the key in Advanced Parameters > Webservice, that it is active, "
                    + "and that it has the " + method + " permission on " + resource.split("/")[0]
                    + (status == 403 ? " and is associated with shop " + settings(account).orderShop() : ""), status);
        }
        if (status == 503 && answer.errorCode() == WEBSERVICE_DISABLED) {
            return new ShopException.Rejected(where + " failed (503, " + answer.message() + "): enable the "
                    + "webservice in Advanced Parameters > Webservice", status);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new ShopException.Unavailable(where + " failed (" + status + ", " + answer.message() + ")", status,
                    null);
        }
        return new ShopException.Rejected(where + " was rejected (" + status + ", " + answer.message() + ")", status);
    }

    static io.sincro.shop.PrestaShopSettings settings(ShopAccount account) {
        return account.settings().prestashop();
    }

    static String shop(ShopAccount account) {
        return "PrestaShop " + account.id();
    }

    private JsonNode parse(ShopAccount account, String resource, Answer answer) {
        if (answer.body() == null || answer.body().isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new ShopException.Unavailable(shop(account) + " answered " + resource
                    + " with something that is not JSON", answer.status(), e);
        }
    }

    private static Map<String, String> withJson(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("output_format", "JSON");
        return q;
    }

    static String url(ShopAccount account, String resource, Map<String, String> query) {
        String base = account.baseUrl().replaceAll("/+$", "") + "/api/" + resource;
        return ShopHttp.withQuery(base, query);
    }


    /** The webservice's first error: {@code {"errors":[{"code":46,"message":"..."}]}} or its XML twin. */
    record Error(int code, String text) {
    }

    private Error error(String body) {
        if (body == null || body.isBlank()) {
            return new Error(0, NO_MESSAGE);
        }
        String trimmed = body.strip();
        try {
            if (trimmed.startsWith("{")) {
                JsonNode first = json.readTree(trimmed).path("errors").path(0);
                if (!first.isMissingNode()) {
                    int code = first.path("code").asInt(0);
                    return new Error(code, render(code, first.path("message").asText("")));
                }
            } else if (trimmed.startsWith("<")) {
                Matcher code = java.util.regex.Pattern.compile("<code>\\s*(?:<!\\[CDATA\\[)?\\s*(\\d+)").matcher(trimmed);
                Matcher message = java.util.regex.Pattern
                        .compile("<message>\\s*(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?\\s*</message>", java.util.regex.Pattern.DOTALL)
                        .matcher(trimmed);
                if (message.find()) {
                    int c = code.find() ? Integer.parseInt(code.group(1)) : 0;
                    return new Error(c, render(c, message.group(1)));
                }
            }
        } catch (IOException | RuntimeException notAnError) {
            // falls through: never copy an unknown server's body into a message
        }
        return new Error(0, NO_MESSAGE);
    }

    private static String render(int code, String message) {
        String text = message == null ? "" : message.strip();
        text = text.length() <= 300 ? text : text.substring(0, 300) + "…";
        return (code > 0 ? "code " + code + ": " : "") + (text.isEmpty() ? "no message" : text);
    }

    /** What stands in for an answer without the webservice's error document. */
    static final String NO_MESSAGE = "the answer is not a PrestaShop webservice error (no message)";

    private Duration retryAfter(OutboundHttp.Response response) {
        String value = response.header("Retry-After").orElse("1").trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            wait = Duration.ofSeconds(1);
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : wait;
    }
}
