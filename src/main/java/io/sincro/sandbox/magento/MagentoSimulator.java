package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A Magento 2.4 shop seen from outside: real HTTP on 127.0.0.1, the REST routes the hub reads
 * ({@code GET /V1/orders}, {@code /V1/orders/{id}}, {@code /V1/customers/{id}}, {@code /V1/customers/search}),
 * Magento's authentication (integration OAuth 1.0a HMAC-SHA256, optionally the access token as Bearer),
 * its error bodies and its paging quirks. It deliberately shares no code with the hub's Magento client,
 * so that a misunderstanding of Magento on the client side shows up as a failure, not as a mirror image.
 *
 * <p>Processing order of a request, as in Magento behind a front proxy: injected latency; injected
 * rate limit (429) and {@link #failAllRequests} (like a proxy, before Magento); store code
 * (404 store not found); route (404 no route); authentication (401); injected page or customer
 * faults; the answer. Every request, refused or not, is recorded before the answer is sent.
 *
 * <p>Store codes: {@code /rest/V1/...} is the default store view and always resolves;
 * {@code /rest/<storeCode>/V1/...} and {@code /rest/all/V1/...} resolve; any other code is unknown.
 */
public final class MagentoSimulator implements AutoCloseable {

    /** Credentials the simulated shop accepts. */
    public record Credentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret,
            boolean bearerAllowed) {
        public Credentials {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(accessTokenSecret, "accessTokenSecret");
        }

        @Override
        public String toString() {
            return "Credentials[consumerKey=" + consumerKey + ", bearerAllowed=" + bearerAllowed + "]";
        }
    }

    /** One request as the shop saw it, with the status it answered. */
    public record RecordedRequest(Instant at, String method, String path, String rawQuery, int status,
            String authorization) {
        /** Parsed from searchCriteria[currentPage] (or [current_page]); null if absent. */
        public Integer currentPage() {
            return SearchCriteria.currentPageOf(rawQuery);
        }
    }

    private static final Pattern API_VERSION = Pattern.compile("V\\d+");
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String storeCode;
    private final Credentials credentials;
    private final SandboxShop shop;
    private final OAuth1Verifier oauth;
    private final FaultPlan faults = new FaultPlan();
    /** Keyed by arrival number, so that concurrent requests are listed in the order they arrived. */
    private final ConcurrentSkipListMap<Long, RecordedRequest> requests = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    private MagentoSimulator(HttpServer server, String storeCode, Credentials credentials, SandboxShop shop) {
        this.server = server;
        this.storeCode = storeCode;
        this.credentials = credentials;
        this.shop = shop;
        this.oauth = new OAuth1Verifier(credentials, Clock.systemUTC());
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "magento-simulator-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a shop on 127.0.0.1; port 0 picks a free port (see {@link #baseUrl()}). */
    public static MagentoSimulator start(int port, String storeCode, Credentials credentials, SandboxShop shop) {
        Objects.requireNonNull(storeCode, "storeCode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(shop, "shop");
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            HttpServer server = io.sincro.sandbox.LoopbackHttp.create(new InetSocketAddress(loopback, port));
            MagentoSimulator simulator = new MagentoSimulator(server, storeCode, credentials, shop);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Magento simulator on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without {@code /rest}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String storeCode() {
        return storeCode;
    }

    public SandboxShop shop() {
        return shop;
    }

    /** The next {@code times} GET /V1/orders requests for that page (1 when absent) answer {@code status}. */
    public void failOrderPage(int currentPage, int times, int status) {
        faults.failOrderPage(currentPage, times, status);
    }

    /**
     * Counting authenticated GET /V1/orders list calls from now (the next one is call 1), calls
     * {@code call} to {@code call + times - 1} answer {@code status}, whatever page they ask for.
     * An addition to {@link #failOrderPage} for "the second call fails, and its retry too".
     */
    public void failOrderListCall(int call, int times, int status) {
        faults.failOrderListCall(call, times, status);
    }

    /** The next {@code times} requests of any path answer {@code status}; 401 gives the real 401 body. */
    public void failAllRequests(int times, int status) {
        faults.failAllRequests(times, status);
    }

    /** The next {@code times} requests of any path answer 429 with a Retry-After header. */
    public void rateLimit(int times, int retryAfterSeconds) {
        faults.rateLimit(times, retryAfterSeconds);
    }

    /** Added to every request before it is processed. */
    public void latency(Duration perRequest) {
        faults.latency(perRequest);
    }

    /** The next {@code times} GET /V1/customers/{customerId} answer {@code status}. */
    public void failCustomer(long customerId, int times, int status) {
        faults.failCustomer(customerId, times, status);
    }

    /** Pre-2.4 paging: a currentPage past the end returns the last page again instead of no items. */
    public void legacyPaging(boolean on) {
        faults.legacyPaging(on);
    }

    /** Clears every injected fault, the latency and legacy paging. */
    public void resetFaults() {
        faults.reset();
    }

    /** Every request answered so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests.values());
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private record Response(int status, JsonNode body, Map<String, String> headers) {
    }

    private record Route(String aclResource, Function<Request, JsonNode> handler) {
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Instant at = Instant.now();
            long arrival = arrivals.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            pause(faults.latency());
            Request request = Request.of(exchange);
            Response response = respond(request);
            requests.put(arrival, new RecordedRequest(at, request.method(), request.path(), request.rawQuery(),
                    response.status(), request.authorization()));
            send(exchange, response);
        } catch (IOException clientWentAway) {
            // nothing to answer to
        }
    }

    private Response respond(Request request) {
        try {
            OptionalInt retryAfter = faults.takeRateLimit();
            if (retryAfter.isPresent()) {
                throw MagentoErrors.tooManyRequests(retryAfter.getAsInt());
            }
            OptionalInt injected = faults.takeAllRequests();
            if (injected.isPresent()) {
                throw MagentoErrors.forStatus(injected.getAsInt(), aclHint(request.path()));
            }
            Route route = route(request);
            if (!authenticated(request)) {
                throw MagentoErrors.unauthorized(route.aclResource());
            }
            return new Response(200, route.handler().apply(request), Map.of());
        } catch (MagentoException error) {
            return new Response(error.status(), error.body(), error.headers());
        } catch (RuntimeException bug) {
            MagentoException masked = MagentoErrors.internalError();
            return new Response(masked.status(), masked.body(), Map.of());
        }
    }

    /** Resolves {@code /rest[/<store>]/V1/<resource>} to a handler, or throws the 404 Magento sends. */
    private Route route(Request request) {
        List<String> segments = List.of(request.path().replaceFirst("^/+", "").split("/+"));
        if (segments.size() < 2 || !segments.get(0).equals("rest")) {
            throw MagentoErrors.routeNotFound();
        }
        int versionAt = 1;
        if (!API_VERSION.matcher(segments.get(1)).matches()) {
            checkStore(segments.get(1));
            versionAt = 2;
        }
        List<String> resource = segments.subList(Math.min(versionAt, segments.size()), segments.size());
        if (!request.method().equals("GET") || resource.size() < 2 || !resource.get(0).equals("V1")) {
            throw MagentoErrors.routeNotFound();
        }
        return resourceRoute(resource.subList(1, resource.size()));
    }

    private Route resourceRoute(List<String> resource) {
        if (resource.equals(List.of("orders"))) {
            return new Route(MagentoErrors.SALES_ACL, this::listOrders);
        }
        if (resource.size() == 2 && resource.get(0).equals("orders")) {
            return new Route(MagentoErrors.SALES_ACL, request -> order(resource.get(1)));
        }
        if (resource.equals(List.of("customers", "search"))) {
            return new Route(MagentoErrors.CUSTOMER_ACL, this::searchCustomers);
        }
        if (resource.size() == 2 && resource.get(0).equals("customers")) {
            return new Route(MagentoErrors.CUSTOMER_ACL, request -> customer(resource.get(1)));
        }
        throw MagentoErrors.routeNotFound();
    }

    private void checkStore(String code) {
        if (!code.equals(storeCode) && !code.equals("all")) {
            throw MagentoErrors.storeNotFound();
        }
    }

    private static String aclHint(String path) {
        return path.contains("/V1/customers") ? MagentoErrors.CUSTOMER_ACL : MagentoErrors.SALES_ACL;
    }

    // ------------------------------------------------------------------------------------------ handlers

    private JsonNode listOrders(Request request) {
        OptionalInt byCall = faults.takeOrderListCall();
        if (byCall.isPresent()) {
            throw MagentoErrors.forStatus(byCall.getAsInt(), MagentoErrors.SALES_ACL);
        }
        SearchCriteria criteria = SearchCriteria.parse(request.query());
        OptionalInt injected = faults.takeOrderPage(criteria.effectivePage());
        if (injected.isPresent()) {
            throw MagentoErrors.forStatus(injected.getAsInt(), MagentoErrors.SALES_ACL);
        }
        return SearchEngine.search(shop.orders(), criteria, "entity_id", faults.legacyPaging());
    }

    private JsonNode order(String id) {
        JsonNode order = shop.order(entityId(id));
        if (order == null) {
            throw MagentoErrors.entityNotFound();
        }
        return order;
    }

    private JsonNode customer(String id) {
        long customerId = entityId(id);
        OptionalInt injected = faults.takeCustomer(customerId);
        if (injected.isPresent()) {
            throw MagentoErrors.forStatus(injected.getAsInt(), MagentoErrors.CUSTOMER_ACL);
        }
        JsonNode customer = shop.customer(customerId);
        if (customer == null) {
            throw MagentoErrors.noSuchEntity("customerId", customerId);
        }
        return customer;
    }

    private JsonNode searchCustomers(Request request) {
        SearchCriteria criteria = SearchCriteria.parse(request.query());
        return SearchEngine.search(shop.customers(), criteria, "id", faults.legacyPaging());
    }

    private static long entityId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw MagentoErrors.invalidType(text, "int");
        }
    }

    // ------------------------------------------------------------------------------------ authentication

    private boolean authenticated(Request request) {
        String authorization = request.authorization();
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return credentials.bearerAllowed() && MessageDigest.isEqual(
                    authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                    credentials.accessToken().getBytes(StandardCharsets.UTF_8));
        }
        return authorization.regionMatches(true, 0, "OAuth ", 0, 6)
                && oauth.verify(request.method(), signedBaseUri(request), request.query(), authorization);
    }

    /** The base string URI of RFC 5849 §3.4.1.2: lower-case scheme and host, default port left out. */
    private String signedBaseUri(Request request) {
        String host = request.host() == null ? "127.0.0.1:" + server.getAddress().getPort() : request.host();
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        }
        return "http://" + host + request.rawPath();
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private static void pause(Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = Json.bytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", JSON);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
