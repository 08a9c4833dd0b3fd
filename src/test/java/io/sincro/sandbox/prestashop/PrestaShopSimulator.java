package io.sincro.sandbox.prestashop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sincro.contract.PrestaShopContract;
import io.sincro.contract.PrestaShopContract.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A PrestaShop 8 shop's webservice seen from outside: real HTTP on 127.0.0.1 under {@code /api}, the resources,
 * fields, methods, query grammar and error codes of {@code contracts/prestashop-8.json} (PrestaShop's own
 * documentation and webservice code, extracted by {@code scripts/contracts/prestashop_contract.py}). It shares
 * no code with the hub's PrestaShop connector, so that a misreading of PrestaShop shows up as a failure.
 *
 * <p>Processing order of a request, as {@code WebserviceRequest::fetch}: injected latency and
 * {@link #failAllRequests} (a proxy in front); webservice disabled (503 code 22); key (401 codes 16-21, with
 * {@code WWW-Authenticate}); resource (400 code 27, or 401 code 26 when the key lacks it); method (405 codes
 * 23, 101, 25); then the GET (filter/display/sort/limit, 400 codes 31-39) or the write (XML body, codes
 * 41, 46, 85-93, 127). Output is XML, or JSON with {@code output_format=JSON}/{@code io_format=JSON} or the
 * {@code Output-Format}/{@code Io-Format} header; input is XML only.
 *
 * <p>What the real shop does on writes and is reproduced on purpose: {@code POST order_histories} changes the
 * order's {@code current_state} and {@code date_upd} with no duplicate guard; PUT empties every writable field
 * it is not sent; {@link #carrierMailFails} makes the next PUT/PATCH of {@code order_carriers} save and then
 * answer 500 code 46, as {@code OrderCarrier::updateWs} does when the in-transit e-mail fails.
 */
public final class PrestaShopSimulator implements AutoCloseable {

    /** One request as the shop saw it, with the status it answered; {@code body} is "" when there was none. */
    public record RecordedRequest(Instant at, String method, String path, String rawQuery, int status,
            String authorization, String body, String userAgent) {

        /** The query parameters, percent-decoded. */
        public Map<String, String> query() {
            return PrestaShopContract.parseQuery(rawQuery);
        }
    }

    /** A request any simulator of this JVM answered, with its answer's body and content type. */
    public record ObservedRequest(RecordedRequest request, String answer, String contentType) {
    }

    private static final List<Consumer<ObservedRequest>> OBSERVERS = new CopyOnWriteArrayList<>();
    /** What the shop says it runs, in the PSWS-Version header of authenticated answers. */
    public static final String VERSION = "8.1.7";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrestaShopContract contract = PrestaShopContract.load();
    private final Map<String, WebserviceKey> keys = new ConcurrentHashMap<>();
    private final PrestaShopShop shop;
    private final PrestaShopFaults faults = new PrestaShopFaults();
    private final int languageId;
    private final ConcurrentSkipListMap<Long, RecordedRequest> requests = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();

    private PrestaShopSimulator(HttpServer server, List<WebserviceKey> keys, PrestaShopShop shop, int languageId) {
        this.server = server;
        this.shop = shop;
        this.languageId = languageId;
        keys.forEach(k -> this.keys.put(k.key(), k));
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "prestashop-simulator-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a shop on 127.0.0.1; port 0 picks a free port (see {@link #baseUrl()}). */
    public static PrestaShopSimulator start(int port, List<WebserviceKey> keys, PrestaShopShop shop) {
        Objects.requireNonNull(shop, "shop");
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            HttpServer server = io.sincro.sandbox.LoopbackHttp.create(new InetSocketAddress(loopback, port));
            PrestaShopSimulator simulator = new PrestaShopSimulator(server, keys, shop, SandboxPrestaShop.LANGUAGE_ID);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the PrestaShop simulator on port " + port, e);
        }
    }

    /** A key with every method on every resource of the contract. */
    public static WebserviceKey fullKey(String key) {
        return WebserviceKey.full(key, PrestaShopContract.load().resources().keySet());
    }

    /** {@code http://127.0.0.1:<port>}: the shop's URL; the webservice is under {@code /api}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public PrestaShopShop shop() {
        return shop;
    }

    public void addKey(WebserviceKey key) {
        keys.put(key.key(), key);
    }

    /**
     * Tells {@code observer} of every request every simulator of this JVM answers, from now on: how the
     * contract extension checks each request of any test against the facts.
     */
    public static void observeAll(Consumer<ObservedRequest> observer) {
        OBSERVERS.add(observer);
    }

    // ------------------------------------------------------------------------------------------- faults

    /**
     * The next {@code times} requests answer 429 with {@code Retry-After: retryAfterSeconds} before the shop sees
     * them: PrestaShop has no rate limit of its own, the proxy or host in front of it does (an assumption).
     */
    public void rateLimit(int times, int retryAfterSeconds) {
        faults.rateLimit(times, retryAfterSeconds);
    }

    /** The next {@code times} requests of any path answer {@code status} before the shop sees them (a proxy). */
    public void failAllRequests(int times, int status) {
        faults.failAllRequests(times, status);
    }

    /** The next {@code times} authenticated writes answer {@code status} without doing anything. */
    public void failNextWrites(int times, int status) {
        faults.failNextWrites(times, status);
    }

    /** The next {@code times} writes that succeed are kept, then answered {@code status} (the answer is lost). */
    public void failAfterCommit(int times, int status) {
        faults.failAfterCommit(times, status);
    }

    /**
     * The next {@code times} PUT/PATCH of {@code order_carriers} save the tracking number, then answer 500
     * code 46 "Unable to save resource", as when the shop's in-transit e-mail fails after the save.
     */
    public void carrierMailFails(int times) {
        faults.carrierMailFails(times);
    }

    /** Counting authenticated GET /api/orders list calls from now (the next is 1), calls {@code call}.. answer {@code status}. */
    public void failOrderListCall(int call, int times, int status) {
        faults.failOrderListCall(call, times, status);
    }

    /**
     * The order's rows cannot be output: every answer that would show them (the order with its
     * {@code order_rows}, in a list or alone, or one of its {@code order_details}) is a 500 with the PHP warning
     * PrestaShop reports, as PrestaShop/PrestaShop#39075 shows it ("(Code 3): [PHP Warning #2] Undefined array
     * key ... OrderDetail.php"); lists that leave the rows out (ids, {@code date_upd}) are answered.
     */
    public void makeUnreadable(long orderId) {
        faults.unreadable(orderId);
    }

    /** The merchant switches the webservice off: every request answers 503 code 22. */
    public void webserviceDisabled(boolean disabled) {
        faults.disabled(disabled);
    }

    public void latency(Duration perRequest) {
        faults.latency(perRequest);
    }

    public void resetFaults() {
        faults.reset();
    }

    // ------------------------------------------------------------------------------------- what was asked

    /** Every request answered so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests.values());
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Authenticated calls of a method on a resource ("POST", "order_histories"), whatever they were answered. */
    public long calls(String method, String resource) {
        AtomicLong count = calls.get(method + " " + resource);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private record Answer(int status, String body, String contentType, Map<String, String> headers) {
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Instant at = Instant.now();
            long arrival = arrivals.incrementAndGet();
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            URI uri = exchange.getRequestURI();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = PrestaShopContract.parseQuery(uri.getRawQuery());
            String format = Optional.ofNullable(query.get("output_format")).or(() -> Optional.ofNullable(query.get("io_format")))
                    .or(() -> Optional.ofNullable(exchange.getRequestHeaders().getFirst("Output-Format")))
                    .or(() -> Optional.ofNullable(exchange.getRequestHeaders().getFirst("Io-Format"))).orElse("XML");
            WsOutput output = new WsOutput(format.equalsIgnoreCase("JSON"), baseUrl() + "/api", languageId);
            pause(faults.latency());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Answer answer = answer(method, uri.getPath(), query, authorization, body, output);
            RecordedRequest recorded = new RecordedRequest(at, method, uri.getPath(), uri.getRawQuery(), answer.status(),
                    authorization, body, exchange.getRequestHeaders().getFirst("User-Agent"));
            requests.put(arrival, recorded);
            OBSERVERS.forEach(o -> o.accept(new ObservedRequest(recorded, answer.body(), answer.contentType())));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("X-Powered-By", "PrestaShop Webservice");
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            boolean noBody = method.equals("HEAD") || bytes.length == 0;
            exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException clientWentAway) {
            // nothing to answer to
        }
    }

    private Answer answer(String method, String path, Map<String, String> query, String authorization, String body,
            WsOutput output) {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            OptionalInt injected = faults.takeAllRequests();
            if (injected.isPresent()) {
                return proxyError(injected.getAsInt());
            }
            OptionalInt slowDown = faults.takeRateLimit();
            if (slowDown.isPresent()) {
                return new Answer(429, "<html><body><h1>429 Too Many Requests</h1></body></html>", "text/html",
                        Map.of("Retry-After", String.valueOf(slowDown.getAsInt())));
            }
            if (!path.equals("/api") && !path.startsWith("/api/")) {
                return new Answer(404, "", null, Map.of());
            }
            String[] segments = path.substring(4).replaceAll("^/+", "").split("/", -1);
            String resourceName = segments.length > 0 ? segments[0] : "";
            String id = segments.length > 1 && !segments[1].isEmpty() ? segments[1] : null;
            if (faults.disabled()) {
                throw WebserviceError.of(503, 22, "The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office");
            }
            WebserviceKey key = authenticate(authorization, query.get("ws_key"));
            headers.put("PSWS-Version", VERSION);
            checkShop(key, query.get("id_shop"));
            if (resourceName.isEmpty()) {
                return new Answer(200, method.equals("HEAD") ? "" : output.resources(permissions(key)), output.contentType(), headers);
            }
            Resource resource = contract.resource(resourceName).orElseThrow(() -> WebserviceError.of(400, 27,
                    WsQuery.didYouMean("Resource of type \"" + resourceName + "\" does not exists", resourceName,
                            new ArrayList<>(contract.resources().keySet()))));
            if (!key.permissions().containsKey(resourceName)) {
                throw WebserviceError.unauthorized(List.of(new WebserviceError.Entry(26,
                        "Resource of type \"" + resourceName + "\" is not allowed with this authentication key")));
            }
            if (!WebserviceKey.ALL_METHODS.contains(method)) {
                throw WebserviceError.of(405, 23, "Method " + method + " is not valid");
            }
            if (!resource.methods().contains(method)) {
                throw WebserviceError.of(405, 101, "Method " + method + " is not allowed for the resource " + resourceName);
            }
            if (!key.permissions().get(resourceName).contains(method)) {
                throw WebserviceError.of(405, 25, "Method " + method + " is not allowed for the resource " + resourceName
                        + " with this authentication key");
            }
            calls.computeIfAbsent(method + " " + resourceName, k -> new AtomicLong()).incrementAndGet();
            String content = switch (method) {
                case "GET", "HEAD" -> read(resource, id, query, output);
                case "DELETE" -> delete(resource, id);
                default -> write(resource, method, id, query, body, output);
            };
            int status = method.equals("POST") ? 201 : 200;
            return new Answer(status, method.equals("HEAD") ? "" : content, content.isEmpty() ? null : output.contentType(), headers);
        } catch (WebserviceError error) {
            headers.putAll(error.headers());
            if (error.errors().isEmpty()) {
                return new Answer(error.status(), "", null, headers);
            }
            return new Answer(error.status(), output.errors(error.errors()), output.contentType(), headers);
        } catch (RuntimeException bug) {
            // PHP errors become webservice errors (codes 2-15); a simulator bug shows the same way
            return new Answer(500, output.errors(List.of(new WebserviceError.Entry(10, "[PHP Error] " + bug))),
                    output.contentType(), headers);
        }
    }

    private WebserviceKey authenticate(String authorization, String wsKey) {
        String key = wsKey;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                key = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
            } catch (IllegalArgumentException notBase64) {
                key = "";
            }
        }
        if (key == null) {
            throw WebserviceError.unauthorized(List.of(new WebserviceError.Entry(16,
                    "Please enter the authentication key as the login. No password required")));
        }
        if (key.isEmpty()) {
            throw WebserviceError.unauthorized(List.of(new WebserviceError.Entry(17, "Authentication key is empty")));
        }
        if (key.length() != 32) {
            throw WebserviceError.unauthorized(List.of(new WebserviceError.Entry(18, "Invalid authentication key format")));
        }
        WebserviceKey known = keys.get(key);
        if (known == null) {
            throw WebserviceError.unauthorized(List.of(new WebserviceError.Entry(20, "Authentification key is not active"),
                    new WebserviceError.Entry(21, "No permission for this authentication key")));
        }
        return known;
    }

    /**
     * The shop a request works in ({@code WebserviceRequest::shopExists}): {@code id_shop}, else the default
     * shop ({@code all} reads as the default shop here: the hub never sends it).
     */
    private static long shopContext(Map<String, String> query) {
        String idShop = query.get("id_shop");
        return idShop != null && idShop.matches("\\d+") ? Long.parseLong(idShop) : SandboxPrestaShop.SHOP_ID;
    }

    /** WebserviceRequest::shopExists and shopHasRight: the shop asked (id_shop, else the default one) and the key's shops. */
    private static void checkShop(WebserviceKey key, String idShop) {
        if (idShop == null || idShop.equals("all")) {
            if (idShop == null && !key.shops().contains(SandboxPrestaShop.SHOP_ID)) {
                throw WebserviceError.of(403, 132, "No permission for this key on this shop");
            }
            return;
        }
        if (!idShop.matches("\\d+")) {
            throw WebserviceError.of(404, 999, "This shop id does not exist");
        }
        if (!key.shops().contains(Long.parseLong(idShop))) {
            throw WebserviceError.of(403, 132, "No permission for this key on this shop");
        }
    }

    private Map<String, Set<String>> permissions(WebserviceKey key) {
        Map<String, Set<String>> sorted = new java.util.TreeMap<>(key.permissions());
        sorted.keySet().retainAll(contract.resources().keySet());
        return sorted;
    }

    private String read(Resource resource, String id, Map<String, String> query, WsOutput output) {
        if (query.containsKey("schema")) {
            WsQuery.parse(resource, query, false); // refuses a schema other than blank or synopsis (code 28)
            // the empty object to fill; the synopsis's format attributes are left out (an assumption)
            WsRow blank = new WsRow().set("id", 0);
            return output.single(resource, blank, WsQuery.Display.FULL).replace("<id><![CDATA[0]]></id>", "<id><![CDATA[]]></id>");
        }
        if (id != null) {
            WsQuery q = WsQuery.parse(resource, query, true);
            long number = phpId(id);
            long context = shopContext(query);
            WsRow row = (resource.name().equals("products")
                    ? shop.productInShop(number, context, SandboxPrestaShop.SHOP_ID)
                    : shop.find(resource.name(), number)).orElseThrow(() -> WebserviceError.bare(404));
            failIfUnreadable(resource, List.of(row), q.display);
            return output.single(resource, decorate(resource, row, context), q.display);
        }
        WsQuery q = WsQuery.parse(resource, query, false);
        if (resource.name().equals("orders")) {
            OptionalInt fail = faults.takeOrderListCall();
            if (fail.isPresent()) {
                throw proxyOrShop(fail.getAsInt());
            }
        }
        long context = shopContext(query);
        List<WsRow> rows = new ArrayList<>();
        for (WsRow r : shop.all(resource.name())) {
            if (resource.name().equals("products")) {
                // Shop::addSqlAssociation: the products of the context's shop, with that shop's values
                shop.productInShop(r.id(), context, SandboxPrestaShop.SHOP_ID).ifPresent(p -> rows.add(decorate(resource, p, context)));
            } else {
                rows.add(decorate(resource, r, context));
            }
        }
        List<WsRow> selected = q.select(rows);
        failIfUnreadable(resource, selected, q.display);
        return output.list(resource, selected, q.display);
    }

    /** {@link #makeUnreadable}: the answer fails when it would render an unreadable order's rows. */
    private void failIfUnreadable(Resource resource, List<WsRow> rows, WsQuery.Display display) {
        List<Long> orders = switch (resource.name()) {
            case "orders" -> display.full() || display.fields().containsKey("order_rows")
                    ? rows.stream().map(WsRow::id).toList() : List.of();
            case "order_details" -> rows.stream().map(r -> r.getLong("id_order")).toList();
            default -> List.of();
        };
        if (!orders.isEmpty() && faults.unreadable(orders)) {
            throw WebserviceError.of(500, 3, "[PHP Warning #2] Undefined array key \"product_price\" "
                    + "(/var/www/html/classes/order/OrderDetail.php, line 569)");
        }
    }

    private String delete(Resource resource, String id) {
        if (id == null || !shop.delete(resource.name(), phpId(id))) {
            throw WebserviceError.of(404, 87, "Id(s) not exists: " + (id == null ? "" : id));
        }
        return "";
    }

    private String write(Resource resource, String method, String id, Map<String, String> query, String body, WsOutput output) {
        OptionalInt before = faults.takeWriteBefore();
        if (before.isPresent()) {
            throw proxyOrShop(before.getAsInt());
        }
        List<WsWrites.Entity> entities = WsWrites.parse(body);
        WsWrites.checkIds(method, entities);
        if (entities.isEmpty()) {
            throw WebserviceError.of(400, 41, "parameter \"" + resource.node() + "\" required");
        }
        WsRow saved = null;
        synchronized (shop) {
            for (WsWrites.Entity entity : entities) {
                WsRow existing = null;
                if (!method.equals("POST")) {
                    existing = shop.find(resource.name(), phpId(entity.fields().get("id").trim()))
                            .orElseThrow(() -> WebserviceError.of(404, 92, "Invalid ID"));
                }
                long context = shopContext(query);
                if (existing != null && resource.name().equals("products")) {
                    // a PUT/PATCH works on the product as the context's shop has it
                    existing = shop.productInShop(existing.id(), context, SandboxPrestaShop.SHOP_ID)
                            .orElseThrow(() -> WebserviceError.of(404, 92, "Invalid ID"));
                }
                WsRow row = WsWrites.apply(resource, method, existing, entity);
                saved = save(resource, method, existing, row, context);
            }
        }
        if (resource.name().equals("order_carriers") && faults.takeCarrierMailFailure()) {
            throw WebserviceError.of(500, 46, "Unable to save resource");
        }
        OptionalInt after = faults.takeWriteAfterCommit();
        if (after.isPresent()) {
            throw proxyOrShop(after.getAsInt());
        }
        return output.single(resource, decorate(resource, saved, shopContext(query)), WsQuery.Display.FULL);
    }

    /** ObjectModel::add/update: dates stamped, and what a resource's own add does (order_histories). */
    private WsRow save(Resource resource, String method, WsRow existing, WsRow row, long context) {
        String now = shop.now();
        if (resource.fields().containsKey("date_upd")) {
            row.set("date_upd", now);
        }
        if (resource.fields().containsKey("date_add") && row.get("date_add").isEmpty()) {
            row.set("date_add", now);
        }
        if (resource.name().equals("order_histories")) {
            if (shop.find("orders", row.getLong("id_order")).isEmpty()
                    || shop.find("order_states", row.getLong("id_order_state")).isEmpty()) {
                throw WebserviceError.of(500, 46, "Unable to save resource");
            }
            return shop.addOrderHistory(row);
        }
        if (resource.name().equals("products")) {
            WsRow product = shop.saveProductInShop(row, existing == null, context, SandboxPrestaShop.SHOP_ID);
            if (existing == null) {
                // Product::add makes the product's stock row in the shop it is created in, quantity 0
                shop.insert("stock_availables", new WsRow().set("id_product", product.id()).set("id_product_attribute", 0)
                        .set("id_shop", context).set("id_shop_group", 0).set("quantity", 0).set("depends_on_stock", 0)
                        .set("out_of_stock", 2).set("location", ""));
            }
            return product;
        }
        return existing == null ? shop.insert(resource.name(), row) : shop.replace(resource.name(), row);
    }

    /** The fields PrestaShop computes on output (getters): the order's shipping number, the product's quantity. */
    private WsRow decorate(Resource resource, WsRow row, long context) {
        switch (resource.name()) {
            case "orders" -> row.set("shipping_number", shop.where("order_carriers", c -> c.getLong("id_order") == row.id())
                    .stream().findFirst().map(c -> c.get("tracking_number")).orElse(""));
            // StockAvailable::getQuantityAvailableByProduct: the context shop's row, else its group's shared one
            case "products" -> row.set("quantity", shop.where("stock_availables", s -> s.getLong("id_product") == row.id()
                    && s.getLong("id_product_attribute") == 0 && (s.getLong("id_shop") == context || s.getLong("id_shop") == 0))
                    .stream().min(java.util.Comparator.comparing(s -> s.getLong("id_shop") == context ? 0 : 1))
                    .map(s -> s.get("quantity")).orElse("0"));
            default -> {
            }
        }
        return row;
    }

    private static WebserviceError proxyOrShop(int status) {
        if (status == 500) {
            return WebserviceError.of(500, 46, "Unable to save resource");
        }
        return WebserviceError.bare(status);
    }

    private static Answer proxyError(int status) {
        return new Answer(status, "<html><body><h1>" + status + "</h1></body></html>", "text/html", Map.of());
    }

    /** PHP's (int) on a path segment: "12abc" is 12, "abc" is 0 (no such object). */
    private static long phpId(String id) {
        var m = java.util.regex.Pattern.compile("^\\s*(\\d+)").matcher(id);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void pause(Duration latency) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
