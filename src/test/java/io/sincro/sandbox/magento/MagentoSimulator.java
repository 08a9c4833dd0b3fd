package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A Magento 2.4 shop seen from outside: real HTTP on 127.0.0.1, the REST routes the hub uses,
 * Magento's authentication (integration OAuth 1.0a HMAC-SHA256, optionally the access token as Bearer),
 * its error bodies and its paging quirks. It deliberately shares no code with the hub's Magento client,
 * so that a misunderstanding of Magento on the client side shows up as a failure, not as a mirror image.
 *
 * <p>Routes (under {@code /rest[/<store>]}; any other method or path is the 404 "Request does not match
 * any route."):
 * <ul>
 * <li>{@code GET /V1/orders?searchCriteria...}, {@code GET /V1/orders/{id}} (state, status, items with
 * qty_ordered/qty_invoiced/qty_shipped/qty_canceled, status_histories newest first),
 * {@code GET /V1/orders/{id}/comments} ({@code {items, total_count}});</li>
 * <li>{@code GET /V1/customers/{id}}, {@code GET /V1/customers/search?searchCriteria...};</li>
 * <li>{@code POST /V1/order/{id}/invoice} → the new invoice's entity_id as a bare JSON integer;</li>
 * <li>{@code POST /V1/order/{id}/ship} → the new shipment's entity_id as a bare JSON integer;</li>
 * <li>{@code POST /V1/orders/{id}/cancel} → {@code true}, or {@code false} (HTTP 200) when the order
 * cannot be canceled;</li>
 * <li>{@code POST /V1/orders/{id}/comments} with {@code {"statusHistory": {...}}} → {@code true}; without
 * {@code status} the order's status becomes null (Magento issue #34180, reproduced on purpose);</li>
 * <li>{@code GET /V1/invoices?searchCriteria...}, {@code GET /V1/invoices/{id}},
 * {@code GET /V1/shipments?searchCriteria...}, {@code GET /V1/shipment/{id}} (singular, as in Magento);</li>
 * <li>the catalogue ({@link CatalogueProducts}): {@code GET/PUT/DELETE /V1/products/{sku}},
 * {@code POST /V1/products}, {@code GET /V1/stockItems/{sku}}, {@code PUT /V1/products/{sku}/stockItems/{itemId}},
 * {@code GET /V1/inventory/sources}, {@code POST /V1/inventory/source-items} (absent with {@link #msi msi(false)}),
 * {@code POST /V1/products/base-prices}; a SKU is one path segment, percent-decoded ({@code %2F} included);
 * calls are counted per operation ({@link #calls}, {@link #deleteCalls}).</li>
 * </ul>
 * The write routes' rules and messages, and this simulator's simplifications (parent rows only, no
 * bundles), are described in {@link SalesWriteBack}. An unknown order is the 404 NoSuchEntityException
 * "The entity that was requested doesn't exist. Verify the entity and try again."; a malformed JSON body
 * the 400 "Decoding error.".
 *
 * <p>Processing order of a request, as in Magento behind a front proxy: injected latency; injected
 * rate limit (429) and {@link #failAllRequests} (like a proxy, before Magento); store code
 * (404 store not found); route (404 no route); authentication (401); injected page or customer
 * faults, and for the write routes {@link #failNextWrites} (nothing done); the answer, which for a
 * write answered 200 may be replaced by {@link #failAfterCommit} (done, but the client sees an error).
 * Every request, refused or not, is recorded with its body before the answer is sent.
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

    /** One request as the shop saw it, with the status it answered; {@code body} is "" when there was none. */
    public record RecordedRequest(Instant at, String method, String path, String rawQuery, int status,
            String authorization, String body, String rawPath) {
        /** Parsed from searchCriteria[currentPage] (or [current_page]); null if absent. */
        public Integer currentPage() {
            return SearchCriteria.currentPageOf(rawQuery);
        }

        /** The body parsed as JSON; null when it is empty or not JSON. */
        public JsonNode bodyJson() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
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
    private final SalesWriteBack sales;
    private final ConcurrentHashMap<Long, Integer> cancelCalls = new ConcurrentHashMap<>();
    private final CatalogueProducts catalogue = new CatalogueProducts();
    /** Authenticated catalogue calls by operation ("POST /V1/products"), whatever they were answered. */
    private final ConcurrentHashMap<String, AtomicLong> catalogueCalls = new ConcurrentHashMap<>();
    private volatile boolean msi = true;
    /** Keyed by arrival number, so that concurrent requests are listed in the order they arrived. */
    private final ConcurrentSkipListMap<Long, RecordedRequest> requests = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    private MagentoSimulator(HttpServer server, String storeCode, Credentials credentials, SandboxShop shop) {
        this.server = server;
        this.storeCode = storeCode;
        this.credentials = credentials;
        this.shop = shop;
        this.sales = new SalesWriteBack(shop);
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

    /**
     * The next {@code times} authenticated calls of a write route (invoice, ship, cancel, comments) answer
     * {@code status} (500 with a masked report id, 503, ...) without doing anything.
     */
    public void failNextWrites(int times, int status) {
        faults.failNextWrites(times, status);
    }

    /**
     * The next {@code times} write calls that Magento answers 200 are performed (the invoice, shipment,
     * cancellation or comment is stored), then answered 500 with a masked report id instead, as when the
     * connection breaks after Magento committed: a blind retry then invoices or ships twice. Refused writes
     * (400, 404) do not consume it.
     */
    public void failAfterCommit(int times) {
        failAfterCommit(times, 500);
    }

    /** As {@link #failAfterCommit(int)}, answering {@code status} (e.g. 503 or 504) after the commit. */
    public void failAfterCommit(int times, int status) {
        faults.failAfterCommit(times, status);
    }

    /** Copies of the invoices created for that order through the REST route, ascending entity_id. */
    public List<ObjectNode> invoices(long orderId) {
        return shop.invoices(orderId);
    }

    /** Copies of the shipments created for that order through the REST route, ascending entity_id. */
    public List<ObjectNode> shipments(long orderId) {
        return shop.shipments(orderId);
    }

    /**
     * How many authenticated POST /V1/orders/{orderId}/cancel calls arrived for that order, whatever they
     * were answered (true, false, an injected fault); not reset by {@link #clearRequests}.
     */
    public int cancelCalls(long orderId) {
        return cancelCalls.getOrDefault(orderId, 0);
    }

    // ------------------------------------------------------------------------------------- catalogue

    /**
     * Whether the shop has the Inventory (MSI) modules: without them {@code /V1/inventory/...} does not
     * exist ("Request does not match any route.") and quantities live in the legacy stock items only.
     */
    public void msi(boolean installed) {
        this.msi = installed;
    }

    /**
     * How many authenticated calls of a catalogue operation arrived, whatever they were answered:
     * {@code "GET /V1/products/{sku}"}, {@code "POST /V1/products"}, {@code "PUT /V1/products/{sku}"},
     * {@code "DELETE /V1/products/{sku}"}, {@code "GET /V1/stockItems/{sku}"},
     * {@code "PUT /V1/products/{sku}/stockItems/{itemId}"}, {@code "GET /V1/inventory/sources"},
     * {@code "POST /V1/inventory/source-items"}, {@code "POST /V1/products/base-prices"}.
     */
    public long calls(String operation) {
        AtomicLong count = catalogueCalls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** DELETE /V1/products/{sku} calls: the hub must never make one. */
    public long deleteCalls() {
        return calls("DELETE /V1/products/{sku}");
    }

    /** Clears the catalogue call counters. */
    public void clearCalls() {
        catalogueCalls.clear();
    }

    /** A copy of the product the shop has under this SKU (found whatever its case), or null. */
    public ObjectNode product(String sku) {
        return catalogue.find(sku);
    }

    /** Copies of every product of the catalogue, in order of creation. */
    public List<ObjectNode> products() {
        return catalogue.all();
    }

    /** Creates a product as the merchant would in the admin (a product the hub did not publish). */
    public ObjectNode addProduct(ObjectNode product) {
        ObjectNode body = Json.object();
        body.set("product", product);
        return catalogue.save(body);
    }

    /** The MSI quantity of a SKU at a source, or null when it has none there. */
    public java.math.BigDecimal sourceQuantity(String sku, String sourceCode) {
        return catalogue.sourceQuantity(sku, sourceCode);
    }

    /** How many {@code POST /V1/products} named a SKU the shop already had, and so overwrote it (Magento's upsert). */
    public int productOverwrites() {
        return catalogue.overwrites();
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

    /** A resolved route; {@code write} routes get the write faults, {@code arrived} runs once authenticated. */
    private record Route(String aclResource, boolean write, Runnable arrived, Function<Request, JsonNode> handler) {
        static Route read(String aclResource, Function<Request, JsonNode> handler) {
            return new Route(aclResource, false, () -> { }, handler);
        }

        static Route write(String aclResource, Function<Request, JsonNode> handler) {
            return new Route(aclResource, true, () -> { }, handler);
        }
    }

    /** A request any simulator in this JVM answered, with the caller's User-Agent and the answer's body. */
    public record ObservedRequest(RecordedRequest request, String userAgent, JsonNode answer) {
    }

    private static final List<java.util.function.Consumer<ObservedRequest>> OBSERVERS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Tells {@code observer} of every request every simulator of this JVM answers, from now on: how the
     * contract tests see each call the hub makes during any scenario and check it against Magento's schema.
     */
    public static void observeAll(java.util.function.Consumer<ObservedRequest> observer) {
        OBSERVERS.add(observer);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Instant at = Instant.now();
            long arrival = arrivals.incrementAndGet();
            Request request = Request.of(exchange);
            pause(faults.latency());
            Response response = respond(request);
            RecordedRequest recorded = new RecordedRequest(at, request.method(), request.path(), request.rawQuery(),
                    response.status(), request.authorization(), request.body(), request.rawPath());
            requests.put(arrival, recorded);
            String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            OBSERVERS.forEach(observer -> observer.accept(new ObservedRequest(recorded, userAgent, response.body())));
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
            route.arrived().run();
            if (!route.write()) {
                return new Response(200, route.handler().apply(request), Map.of());
            }
            OptionalInt before = faults.takeWriteBefore();
            if (before.isPresent()) {
                throw MagentoErrors.forStatus(before.getAsInt(), route.aclResource());
            }
            JsonNode answer = route.handler().apply(request);
            OptionalInt afterCommit = faults.takeWriteAfterCommit();
            if (afterCommit.isPresent()) {
                throw MagentoErrors.forStatus(afterCommit.getAsInt(), route.aclResource());
            }
            return new Response(200, answer, Map.of());
        } catch (MagentoException error) {
            return new Response(error.status(), error.body(), error.headers());
        } catch (RuntimeException bug) {
            MagentoException masked = MagentoErrors.internalError();
            return new Response(masked.status(), masked.body(), Map.of());
        }
    }

    /** Resolves {@code /rest[/<store>]/V1/<resource>} to a handler, or throws the 404 Magento sends. */
    private Route route(Request request) {
        // split the raw path, then decode each segment: a SKU may carry an encoded "/" (%2F)
        List<String> segments = java.util.Arrays.stream(request.rawPath().replaceFirst("^/+", "").split("/+"))
                .map(MagentoSimulator::decodeSegment).toList();
        if (segments.size() < 2 || !segments.get(0).equals("rest")) {
            throw MagentoErrors.routeNotFound();
        }
        int versionAt = 1;
        if (!API_VERSION.matcher(segments.get(1)).matches()) {
            checkStore(segments.get(1));
            versionAt = 2;
        }
        List<String> resource = segments.subList(Math.min(versionAt, segments.size()), segments.size());
        if (resource.size() < 2 || !resource.get(0).equals("V1")) {
            throw MagentoErrors.routeNotFound();
        }
        List<String> path = resource.subList(1, resource.size());
        Route catalogueRoute = catalogueRoute(request.method(), path);
        if (catalogueRoute != null) {
            return catalogueRoute;
        }
        return switch (request.method()) {
            case "GET" -> readRoute(path);
            case "POST" -> writeRoute(path);
            default -> throw MagentoErrors.routeNotFound();
        };
    }

    /** A path segment as PHP decodes it: %XX escapes, a "+" stays a plus. */
    private static String decodeSegment(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The catalogue routes (products, stock items, MSI sources and source items, base prices), or null. */
    private Route catalogueRoute(String method, List<String> path) {
        String first = path.get(0);
        int size = path.size();
        if (first.equals("inventory") && !msi) {
            throw MagentoErrors.routeNotFound();
        }
        if (method.equals("GET") && size == 2 && first.equals("products")) {
            return counted("GET /V1/products/{sku}", Route.read(MagentoErrors.PRODUCTS_ACL, r -> catalogue.get(path.get(1))));
        }
        if (method.equals("POST") && size == 1 && first.equals("products")) {
            return counted("POST /V1/products", Route.write(MagentoErrors.PRODUCTS_ACL, r -> catalogue.save(r.jsonBody())));
        }
        if (method.equals("PUT") && size == 2 && first.equals("products")) {
            return counted("PUT /V1/products/{sku}",
                    Route.write(MagentoErrors.PRODUCTS_ACL, r -> catalogue.put(path.get(1), r.jsonBody())));
        }
        if (method.equals("DELETE") && size == 2 && first.equals("products")) {
            return counted("DELETE /V1/products/{sku}",
                    Route.write(MagentoErrors.PRODUCTS_ACL, r -> BooleanNode.valueOf(catalogue.delete(path.get(1)))));
        }
        if (method.equals("POST") && size == 2 && first.equals("products") && path.get(1).equals("base-prices")) {
            return counted("POST /V1/products/base-prices",
                    Route.write(MagentoErrors.CATALOG_ACL, r -> catalogue.saveBasePrices(r.jsonBody())));
        }
        if (method.equals("GET") && size == 2 && first.equals("stockItems")) {
            return counted("GET /V1/stockItems/{sku}",
                    Route.read(MagentoErrors.STOCK_ACL, r -> catalogue.stockItem(path.get(1))));
        }
        if (method.equals("PUT") && size == 4 && first.equals("products") && path.get(2).equals("stockItems")) {
            return counted("PUT /V1/products/{sku}/stockItems/{itemId}", Route.write(MagentoErrors.STOCK_ACL,
                    r -> LongNode.valueOf(catalogue.saveStockItem(path.get(1), entityId(path.get(3)), r.jsonBody()))));
        }
        if (method.equals("GET") && size == 2 && first.equals("inventory") && path.get(1).equals("sources")) {
            return counted("GET /V1/inventory/sources", Route.read(MagentoErrors.SOURCE_ACL, r -> catalogue.sources()));
        }
        if (method.equals("POST") && size == 2 && first.equals("inventory") && path.get(1).equals("source-items")) {
            return counted("POST /V1/inventory/source-items", Route.write(MagentoErrors.SOURCE_ITEMS_ACL, r -> {
                catalogue.saveSourceItems(r.jsonBody());
                return Json.array();
            }));
        }
        return null;
    }

    private Route counted(String operation, Route route) {
        return new Route(route.aclResource(), route.write(),
                () -> catalogueCalls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet(), route.handler());
    }

    private Route readRoute(List<String> resource) {
        String first = resource.get(0);
        if (resource.size() == 1) {
            return switch (first) {
                case "orders" -> Route.read(MagentoErrors.SALES_ACL, this::listOrders);
                case "invoices" -> Route.read(MagentoErrors.INVOICE_ACL, request -> search(shop.invoices(), request));
                case "shipments" -> Route.read(MagentoErrors.SHIPMENT_ACL, request -> search(shop.shipments(), request));
                default -> throw MagentoErrors.routeNotFound();
            };
        }
        String id = resource.get(1);
        if (resource.size() == 2) {
            return switch (first) {
                case "orders" -> Route.read(MagentoErrors.SALES_ACL, request -> order(id));
                case "customers" -> id.equals("search")
                        ? Route.read(MagentoErrors.CUSTOMER_ACL, this::searchCustomers)
                        : Route.read(MagentoErrors.CUSTOMER_ACL, request -> customer(id));
                case "invoices" -> Route.read(MagentoErrors.INVOICE_ACL, request -> found(shop.invoice(entityId(id))));
                case "shipment" -> Route.read(MagentoErrors.SHIPMENT_ACL, request -> found(shop.shipment(entityId(id))));
                default -> throw MagentoErrors.routeNotFound();
            };
        }
        if (resource.size() == 3 && first.equals("orders") && resource.get(2).equals("comments")) {
            return Route.read(MagentoErrors.SALES_ACL, request -> orderComments(id));
        }
        throw MagentoErrors.routeNotFound();
    }

    private Route writeRoute(List<String> resource) {
        if (resource.size() != 3) {
            throw MagentoErrors.routeNotFound();
        }
        String id = resource.get(1);
        String route = resource.get(0) + "/{id}/" + resource.get(2);
        return switch (route) {
            case "order/{id}/invoice" -> Route.write(MagentoErrors.INVOICE_ACL,
                    request -> LongNode.valueOf(sales.invoice(entityId(id), request.jsonBody())));
            case "order/{id}/ship" -> Route.write(MagentoErrors.SHIP_ACL,
                    request -> LongNode.valueOf(sales.ship(entityId(id), request.jsonBody())));
            case "orders/{id}/cancel" -> new Route(MagentoErrors.CANCEL_ACL, true, () -> countCancel(id),
                    request -> BooleanNode.valueOf(sales.cancel(entityId(id))));
            case "orders/{id}/comments" -> Route.write(MagentoErrors.COMMENT_ACL, request -> {
                long orderId = entityId(id);
                sales.comment(orderId, request.jsonBody());
                return BooleanNode.TRUE;
            });
            default -> throw MagentoErrors.routeNotFound();
        };
    }

    private void countCancel(String id) {
        try {
            cancelCalls.merge(Long.parseLong(id), 1, Integer::sum);
        } catch (NumberFormatException notAnId) {
            // answered 400 by the handler, not a call for any order
        }
    }

    private void checkStore(String code) {
        if (!code.equals(storeCode) && !code.equals("all")) {
            throw MagentoErrors.storeNotFound();
        }
    }

    private static String aclHint(String path) {
        return path.contains("/V1/customers") ? MagentoErrors.CUSTOMER_ACL : MagentoErrors.SALES_ACL;
    }

    private JsonNode search(List<ObjectNode> rows, Request request) {
        return SearchEngine.search(rows, SearchCriteria.parse(request.query()), "entity_id", faults.legacyPaging());
    }

    /** The entity, or the NoSuchEntityException 404 of Magento's sales repositories. */
    private static JsonNode found(JsonNode entity) {
        if (entity == null) {
            throw MagentoErrors.entityNotFound();
        }
        return entity;
    }

    /** OrderManagement::getCommentsList: the order's status-history entries, newest first; none for an unknown id. */
    private JsonNode orderComments(String id) {
        JsonNode order = shop.order(entityId(id));
        ObjectNode result = Json.object();
        JsonNode histories = order == null ? null : order.get("status_histories");
        result.set("items", histories == null ? Json.array() : histories);
        result.put("total_count", histories == null ? 0 : histories.size());
        return result;
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
