package io.sincro.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.http.OutboundHttp;
import io.sincro.http.OutboundHttp.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Passepartout WebAPI over HTTP: {@code Authorization: Passepartout …} and the
 * {@code Coordinate-Gestionale} header on every call, never more calls in flight than the ERP user's
 * pool allows, {@code 201 + Location} for creates, searches paged with {@code next}, and every
 * failure turned into an {@link ErpException} whose type says what may be done about it. The requests travel
 * through the Camel route {@code erp-http} ({@link OutboundHttp}; timeouts {@code sincro.erp.connect-timeout}
 * and {@code sincro.erp.read-timeout}).
 */
public class WebApiClient {

    private static final Logger log = LoggerFactory.getLogger(WebApiClient.class);
    private static final Pattern ERROR_DETAIL = Pattern.compile("^\\s*(\\d+)\\s*-\\s*(.*?)\\s*(?:\\[(.*)])?\\s*$");

    private final ErpProperties properties;
    private final ObjectMapper json;
    /** The route {@code erp-http}: the ERP's calls as Camel exchanges (see {@link #transport}). */
    private final OutboundHttp http;
    private final String authorization;
    /** The year of the Coordinate-Gestionale; null: the configured or current year, asked at each call. */
    private final Integer documentYear;
    /** Stops every call once the ERP refused the login; null: no guard (a client used on its own). */
    private final ErpLoginGuard guard;
    /** Until a login is accepted, calls go one at a time: a wrong password then costs one failed login. */
    private final Object probe;

    public WebApiClient(ErpProperties properties, ObjectMapper json, OutboundHttp http) {
        this(properties, json, null, http);
    }

    public WebApiClient(ErpProperties properties, ObjectMapper json, ErpLoginGuard guard, OutboundHttp http) {
        this.guard = guard;
        this.properties = properties;
        this.json = json;
        this.http = http;
        this.authorization = properties.configured() ? authorization(properties) : null;
        this.documentYear = null;
        this.probe = new Object();
    }

    private WebApiClient(WebApiClient of, int documentYear) {
        this.properties = of.properties;
        this.json = of.json;
        this.http = of.http;
        this.authorization = of.authorization;
        this.documentYear = documentYear;
        this.guard = of.guard;
        this.probe = of.probe;
    }

    /**
     * The same client (same connections, same pool of concurrent calls) reading and writing in the ERP's
     * archive of another year: Mexal keeps documents per year ({@code Anno=} of Coordinate-Gestionale), and
     * numbers them from 1 each year, so a document is read under the year it was made in.
     */
    public WebApiClient inYear(int year) {
        return new WebApiClient(this, year);
    }

    /** The year this client reads and writes documents in. */
    public int year() {
        return documentYear != null ? documentYear : properties.workingYear();
    }

    /**
     * The route the ERP's calls go through, with the configured timeouts. Apache HttpClient speaks HTTP/1.1
     * (the WebAPI speaks nothing else) and keeps the connections open between calls.
     */
    public static OutboundHttp transport(org.apache.camel.CamelContext camel, String route, ErpProperties properties) {
        return new OutboundHttp(camel, route, properties.connectTimeout(), properties.readTimeout(),
                OutboundHttp.CallLimit.of(properties.maxConcurrentCalls()));
    }

    static String authorization(ErpProperties properties) {
        String token = Base64.getEncoder().encodeToString(
                (properties.user() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
        String header = "Passepartout " + token;
        return properties.domain() == null || properties.domain().isBlank() ? header
                : header + " Dominio=" + properties.domain();
    }

    /** One record by its code (one key part, whatever characters it holds); empty when the ERP has none (404). */
    public Optional<JsonNode> read(String resource, String code) {
        return readPath("/risorse/" + resource + "/" + keyPath(List.of(code)));
    }

    /** A document by its composite key {@code sigla+serie+numero} (e.g. "OC+1+7"); empty when there is none. */
    public Optional<JsonNode> readDocument(String resource, String documentKey) {
        return readPath("/risorse/" + resource + "/" + keyPath(List.of(documentKey.split("\\+"))));
    }

    private Optional<JsonNode> readPath(String path) {
        Response response = call("GET", path, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response));
    }

    /** Every record matching all the filters, following {@code next} page by page. */
    public List<JsonNode> search(String resource, List<ErpFilter> filters) {
        List<JsonNode> found = new ArrayList<>();
        pages(resource, filters, List.of(), null, (page, stamp) -> page.forEach(found::add));
        return found;
    }

    /** What a streamed read hands over, one page at a time, with the ERP's clock at that answer. */
    @FunctionalInterface
    public interface PageHandler {
        void page(JsonNode records, String erpTime);
    }

    /**
     * Reads a resource page by page, following {@code next}, and hands each page over before asking
     * for the next: memory holds one page, however large the resource. Without filters it lists;
     * with filters it searches. {@code fields} (may be empty) limits what each record carries.
     *
     * @return the ERP's clock ({@code data_ric_elab}) of the first answer: everything changed after it
     *         is for the next read
     */
    public String pages(String resource, List<ErpFilter> filters, List<String> fields, Integer max,
            PageHandler handler) {
        StringBuilder query = new StringBuilder();
        if (!fields.isEmpty()) {
            query.append("fields=").append(encode(String.join(",", fields)));
        }
        if (max != null) {
            query.append(query.isEmpty() ? "" : "&").append("max=").append(max);
        }
        ObjectNode body = null;
        String path = "/risorse/" + resource;
        if (!filters.isEmpty()) {
            path += "/ricerca";
            body = json.createObjectNode();
            ArrayNode filtri = body.putArray("filtri");
            for (ErpFilter filter : filters) {
                ObjectNode f = filtri.addObject();
                f.put("campo", filter.campo());
                f.put("condizione", filter.condizione());
                f.set("valore", json.valueToTree(filter.valore()));
                f.put("case_insensitive", filter.caseInsensitive());
            }
        }
        String firstTime = null;
        String next = null;
        do {
            String q = next == null ? query.toString()
                    : query + (query.isEmpty() ? "" : "&") + "next=" + encode(next);
            Response response = call(body == null ? "GET" : "POST", q.isEmpty() ? path : path + "?" + q, body);
            if (response.status() == 404) {
                throw new ErpException.Rejected("the ERP has no resource " + resource
                        + " (404): its WebAPI version may not offer it", "404");
            }
            JsonNode page = parse(response);
            String erpTime = page.path("data_ric_elab").asText(null);
            if (firstTime == null) {
                firstTime = erpTime;
            }
            // a columnar list (progressivi-articoli) has no "dati": its records are rebuilt from the columns
            handler.page(page.has("dati") ? page.path("dati")
                    : json.valueToTree(Columns.records(page)), erpTime);
            next = page.hasNonNull("next") && !page.path("next").asText().isBlank() ? page.path("next").asText() : null;
        } while (next != null);
        return firstTime;
    }

    /** Creates a record; its key, from the {@code Location} the ERP answers with. */
    public String create(String resource, ObjectNode record) {
        Response response = call("POST", "/risorse/" + resource, record);
        String location = response.header("Location")
                .orElseThrow(() -> new ErpException.Rejected("the ERP created a " + resource
                        + " but gave no Location for it", String.valueOf(response.status())));
        return keyOf(location);
    }

    /**
     * Creates a record exactly once. A create is not idempotent: when its outcome is unknown
     * (timeout), {@code existing} searches for it, and only when it is not there is it sent again.
     */
    public String createOnce(String resource, ObjectNode record, Supplier<Optional<String>> existing) {
        for (int attempt = 1; ; attempt++) {
            try {
                return create(resource, record);
            } catch (ErpException.Uncertain unknown) {
                Optional<String> created = existing.get();
                if (created.isPresent()) {
                    log.warn("ERP {} create timed out but went through: {}", resource, created.get());
                    return created.get();
                }
                if (attempt >= 3) {
                    throw unknown;
                }
                log.warn("ERP {} create timed out and is not there: sending it again", resource);
            }
        }
    }

    /** Changes the record with that code (one key part). */
    public void update(String resource, String code, ObjectNode record) {
        call("PUT", "/risorse/" + resource + "/" + keyPath(List.of(code)), record);
    }

    private Response call(String method, String path, JsonNode body) {
        Duration backoff = properties.busyBackoff();
        for (int busy = 0; ; busy++) {
            Response response = once(method, path, body);
            int status = response.status();
            if (status < 400 || status == 404) {
                return response;
            }
            ErpException failure = failure(method, path, response);
            if (failure instanceof ErpException.Unavailable && status == 503 && busy < properties.busyRetries()) {
                log.warn("ERP pool busy on {} {}: backing off {} ms", method, path, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw failure;
        }
    }

    /** Every call passes the login guard: none goes once the ERP refused the login, one alone until it accepted it. */
    private Response once(String method, String path, JsonNode body) {
        if (!properties.configured()) {
            throw new ErpException.Unavailable("no ERP is configured (set sincro.erp.base-url)", "config", null);
        }
        if (guard == null) {
            return send(method, path, body);
        }
        long generation = guard.admit();
        if (guard.verified(generation)) {
            return guarded(generation, method, path, body);
        }
        synchronized (probe) {
            // the probe before this one may have been refused, or accepted
            return guarded(guard.admit(), method, path, body);
        }
    }

    private Response guarded(long generation, String method, String path, JsonNode body) {
        Response response = send(method, path, body);
        if (response.status() == 401 || response.status() >= 400 && "2002".equals(errorCode(response))) {
            guard.refused(failure(method, path, response).getMessage());
        } else if (response.status() < 500) {
            // a busy pool (503 / 3002) may also be how a refused domain answers: not proof of a good login
            guard.accepted(generation);
        }
        return response;
    }

    private String errorCode(Response response) {
        try {
            Matcher m = ERROR_DETAIL.matcher(json.readTree(response.body()).path("error").path("response-detail")
                    .asText(""));
            return m.matches() ? m.group(1) : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private Response send(String method, String path, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Coordinate-Gestionale", properties.coordinates(year()));
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        OutboundHttp.Request request = new OutboundHttp.Request(method,
                properties.baseUrl().replaceAll("/+$", "") + path, headers, body == null ? null : body.toString());
        try {
            return http.send(request);
        } catch (ConnectException | java.net.UnknownHostException | org.apache.hc.client5.http.ConnectTimeoutException e) {
            // no connection was made: nothing reached the ERP
            throw new ErpException.Unavailable("the ERP cannot be reached at " + properties.baseUrl() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), "io", e);
        } catch (SocketTimeoutException e) {
            throw new ErpException.Uncertain("the ERP did not answer " + method + " " + path + " within "
                    + properties.readTimeout().toSeconds() + " s", "timeout", e);
        } catch (IOException e) {
            // the request may have reached the ERP before the connection broke: a write is uncertain
            String what = "the connection to the ERP broke during " + method + " " + path + ": "
                    + e.getClass().getSimpleName();
            if (method.equals("GET") || path.contains("/ricerca")) {
                throw new ErpException.Unavailable(what, "io", e);
            }
            throw new ErpException.Uncertain(what, "io", e);
        }
    }

    /** The WebAPI's {@code "6001 - errore gestionale [Aliquota iva obbligatoria]"} as a typed failure. */
    private ErpException failure(String method, String path, Response response) {
        int status = response.status();
        String detail = "";
        try {
            detail = json.readTree(response.body()).path("error").path("response-detail").asText("");
        } catch (IOException | RuntimeException notJson) {
            // some errors come without a body
        }
        Matcher m = ERROR_DETAIL.matcher(detail);
        String code = m.matches() ? m.group(1) : String.valueOf(status);
        String reason = m.matches() ? (m.group(3) != null ? m.group(3) : m.group(2)) : detail;
        String said = "ERP " + method + " " + path + ": " + (reason.isBlank() ? "HTTP " + status : reason)
                + " (" + code + ")";
        if (status == 401 || code.equals("2002")) {
            return new ErpException.Unauthorized("the ERP refused the hub's WebAPI user: " + said
                    + ". Check sincro.erp.user/password/domain; the hub will not retry, as failed logins lock the user",
                    code);
        }
        if (status == 408 || status == 504) {
            return new ErpException.Uncertain(said, code, null);
        }
        if (status == 503 || code.equals("3002") || code.equals("5001") || status >= 500) {
            return new ErpException.Unavailable(said, code, null);
        }
        return new ErpException.Rejected(said, code);
    }

    static String keyOf(String location) {
        String path = location.replaceAll("\\?.*$", "");
        // keys join their parts with '+' (OC+1+7): a literal plus, not an encoded space
        String key = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        if (location.contains("encoding=hex")) {
            List<String> parts = new ArrayList<>();
            for (String part : key.split("\\+")) {
                parts.add(new String(HexFormat.of().parseHex(part), StandardCharsets.UTF_8));
            }
            return String.join("+", parts);
        }
        return key;
    }

    private static final Pattern PLAIN_KEY_PART = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * A key in a resource path. The WebAPI joins the parts of a composite key with {@code +}, so a part may not
     * hold one (nor a space, which form-encoding would turn into one), nor {@code /} or {@code \}. Parts of
     * letters, digits, {@code .}, {@code _} and {@code -} go as they are; otherwise every part goes in the
     * WebAPI's hex form, flagged {@code ?encoding=hex} (the self-description's parameter {@code encoding}:
     * "Codifica delle parti di chiave nel path"), so "A B", "ARTI/S" or "A+B" reach exactly that record.
     */
    static String keyPath(List<String> parts) {
        if (parts.stream().allMatch(part -> PLAIN_KEY_PART.matcher(part).matches())) {
            return String.join("+", parts);
        }
        List<String> hex = new ArrayList<>();
        for (String part : parts) {
            hex.add(HexFormat.of().formatHex(part.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join("+", hex) + "?encoding=hex";
    }

    private ObjectNode parse(Response response) {
        try {
            return (ObjectNode) json.readTree(response.body());
        } catch (IOException | ClassCastException e) {
            throw new ErpException.Unavailable("the ERP answered with something that is not a JSON object", "parse", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpException.Unavailable("interrupted while backing off", "interrupted", e);
        }
    }
}
