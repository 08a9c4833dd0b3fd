package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Passepartout Mexal WebAPI seen from outside: real HTTP on 127.0.0.1 under {@code /webapi/risorse/},
 * its {@code Passepartout} authentication with user locking, the {@code Coordinate-Gestionale} header, the pool
 * of concurrent services per user, its list/search/paging envelopes, its error envelope and the ERP's
 * validation (6001) of what is written. It shares no code with the hub's ERP client, so that a
 * misunderstanding of the WebAPI on the client side shows up as a failure, not as a mirror image.
 *
 * <p>Resources: {@code clienti}, {@code articoli}, {@code alias-articoli}, {@code indirizzi-spedizione},
 * {@code documenti/ordini-clienti} and its row view {@code documenti/ordini-clienti/righe},
 * {@code documenti/movimenti-magazzino} (DDT BC, invoices FT, any 2-letter sigla; key {@code <sigla>+<serie>+<numero>})
 * and its row view {@code documenti/movimenti-magazzino/righe}, {@code progressivi-articoli} (one record per article
 * and warehouse), and the read-only lookup tables {@code dati-generali/pagamenti}, {@code listini}, {@code valute},
 * {@code esenzioni-iva}, {@code magazzini}, {@code gruppi-merceologici}; on each, as far as it allows: {@code GET}
 * list ({@code ?max}, {@code ?next}, {@code ?fields}, {@code ?info=true}), {@code POST …/ricerca},
 * {@code GET …/{key}} ({@code ?encoding=hex}), {@code POST} create (201, no body, Location), {@code PUT …/{key}}
 * update (204; clienti, articoli, indirizzi-spedizione, and ordini-clienti with its rows or, with
 * {@code ?solo_testata=true}, its header only). Unknown paths and records: 404 without body.
 *
 * <p>Transformation: {@code POST documenti/movimenti-magazzino?sigla_trasformazione=<origin sigla>} (OC: order →
 * BC or FT; BC: DDT → FT). Each row names its origin ({@code sigla_doc_orig}, {@code serie_doc_orig},
 * {@code numero_doc_orig}, {@code data_doc_orig}, {@code id_riga_orig}) and may say how much ({@code quantita_trs},
 * absent = all that is left). The new rows copy article, description, VAT, price and discount from the origin rows
 * and carry the origin and the customer order ({@code sigla_ordine…data_ordine}); an order row goes down by what was
 * taken and leaves the order when nothing is left; a DDT row keeps its quantity and records what was invoiced, so it
 * is never invoiced twice. BC, and FT not made from a BC, add to {@code qta_scarico} of the article's progressive.
 * Every create, update and transformation stamps {@code data_ult_mod} ("AAAAMMGG HHMMSS", ERP local time) on the
 * record and on each row it touched; the row views show each row's own stamp.
 *
 * <p>{@link #generateArticles(int)} adds a catalogue of articles computed on demand (no object per article), which
 * lists and searches page through without building it whole.
 *
 * <p>Processing order of a request: an injected {@link #failNext} answer; authentication (401 2002, or
 * "utente bloccato" once locked); the user's service pool (503 3002, answered at once); the injected latency;
 * route (404); Coordinate-Gestionale (400 1001); the resource. With a latency set, a call is answered that long
 * after it arrived, the simulator's own work included (an ERP that takes 20 ms answers in 20 ms, not in 20 ms plus
 * the time a test double spends): the request is served at the end of that time, as late as its usual serving time
 * allows, so a write still happens only when its answer is about to leave. Every request, refused or not, is recorded
 * with its body before it is answered. {@link #down(boolean)} closes the listening socket (connection
 * refused) and reopens it on the same port.
 */
public final class ErpSimulator implements AutoCloseable {

    /** The WebAPI user; {@code domain} is null on-premise, the installation's domain on the cloud. */
    public record Credentials(String user, String password, String domain) {
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", domain=" + domain + "]";
        }
    }

    /**
     * One request as the WebAPI saw it, with the status it answered, the body it was sent and its
     * Coordinate-Gestionale header (the contract tests check every request the hub made against the description).
     */
    public record RecordedRequest(Instant at, String method, String path, String rawQuery, int status, String body,
            String coordinates) {
    }

    private static final String PREFIX = "/webapi/risorse/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern COORDINATES = Pattern.compile(
            "Azienda=(\\S+)(?:\\s+SottoAzienda=(\\S+))?\\s+Anno=(\\d{4})(?:\\s+Magazzino=(\\d+))?",
            Pattern.CASE_INSENSITIVE);
    /** Who the operator actions write as (utente_ult_mod), in warehouse 1. */
    private static final ErpStore.Context OPERATOR = new ErpStore.Context("OPERATORE", 1);
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9._+\\-]+");

    private final int port;
    private final String company;
    private final ExecutorService executor;
    private final ErpTime time = new ErpTime(Clock.systemUTC());
    private final ErpStore store = new ErpStore(time);
    private final ErpAuthenticator authenticator;
    private final ErpServicePool pool;
    private final ErpFaults faults = new ErpFaults();
    /** Keyed by arrival number, so that concurrent requests are listed in the order they arrived. */
    private final ConcurrentSkipListMap<Long, RecordedRequest> requests = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final Object lifecycle = new Object();
    private HttpServer server;
    private boolean closed;
    /** Where every write goes when the simulator keeps its data ({@link #keepIn}); guarded by the store's lock. */
    private java.io.BufferedWriter journal;
    /** The year the operator works in, and the test accessors look at (documents are kept per year). */
    private volatile int workingYear = Integer.parseInt(time.date().substring(0, 4));

    private ErpSimulator(int port, String company, Credentials credentials, int maxConcurrentCalls) {
        this.company = company;
        this.authenticator = new ErpAuthenticator(credentials);
        this.pool = new ErpServicePool(maxConcurrentCalls);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "erp-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server = bind(port);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the ERP WebAPI simulator on port " + port, e);
        }
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts the WebAPI on 127.0.0.1; port 0 picks a free port (see {@link #baseUrl()}).
     *
     * @param company the Azienda sigla the Coordinate-Gestionale header must name, e.g. "SIN"
     * @param maxConcurrentCalls the service pool of the user (5 on the real WebAPI)
     */
    public static ErpSimulator start(int port, String company, Credentials credentials, int maxConcurrentCalls) {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(credentials, "credentials");
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
        return new ErpSimulator(port, company, credentials, maxConcurrentCalls);
    }

    /** {@code http://127.0.0.1:<port>/webapi}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/webapi";
    }

    // ------------------------------------------------------------------------------------------ data

    /** An article already in the ERP: codice, descrizione and alq_iva (the VAT code, e.g. "22"). */
    public void addArticle(String code, String description, String vatCode) {
        store.addArticle(code, description, vatCode);
    }

    /** An alias (alternative code) of an existing article, found through {@code alias-articoli}. */
    public void addArticleAlias(String alias, String articleCode) {
        store.addArticleAlias(alias, articleCode);
    }

    /** A customer already in the ERP; must contain "codice" and only fields of the clienti resource. */
    public void addCustomer(ObjectNode customer) {
        store.addCustomer(customer);
    }

    public List<ObjectNode> customers() {
        return store.customers();
    }

    public List<ObjectNode> articles() {
        return store.articles();
    }

    public List<ObjectNode> shippingAddresses() {
        return store.shippingAddresses();
    }

    /**
     * The year the operator works in from now on (as a Mexal user opens another year): where the operator actions
     * write their documents and what the document accessors without a year show. At start, the current year.
     */
    public void workingYear(int year) {
        workingYear = year;
    }

    public int workingYear() {
        return workingYear;
    }

    /** Customer orders of the working year as stored: header scalars, row fields as {@code [[row, value]]}. */
    public List<ObjectNode> orders() {
        return orders(workingYear);
    }

    /** Customer orders of that year's documents, in creation order. */
    public List<ObjectNode> orders(int year) {
        return inYear(year, store::orders);
    }

    /** The customer order of the working year with that key, e.g. "OC+1+7". */
    public Optional<ObjectNode> order(String key) {
        return order(workingYear, key);
    }

    /** The customer order with that key among that year's documents. */
    public Optional<ObjectNode> order(int year, String key) {
        return inYear(year, () -> store.order(key));
    }

    /** Warehouse movements (DDT, invoices) of the working year: header scalars, row fields as {@code [[row, value]]}. */
    public List<ObjectNode> movements() {
        return inYear(workingYear, store::movements);
    }

    /** The warehouse movement of the working year with that key, e.g. "BC+1+7". */
    public Optional<ObjectNode> movement(String key) {
        return movement(workingYear, key);
    }

    /** The warehouse movement with that key among that year's documents. */
    public Optional<ObjectNode> movement(int year, String key) {
        return inYear(year, () -> store.movement(key));
    }

    /** Runs a store call in the archive of that year, holding the store's lock throughout. */
    private <T> T inYear(int year, java.util.function.Supplier<T> call) {
        synchronized (store) {
            store.enter(year);
            return call.get();
        }
    }

    /**
     * Changes an article as an ERP operator would (a generated article becomes a stored record); stamps dt_mod
     * and data_ult_mod. The consumer gets a copy of the record and may set any field of the articoli resource.
     */
    public void updateArticle(String code, Consumer<ObjectNode> change) {
        store.changeArticle(code, change);
    }

    /** The price of one price list (prz_listino, {@code [[list, price]]} on the wire); stamps data_ult_mod. */
    public void setArticlePrice(String code, int priceList, BigDecimal price) {
        store.setArticlePrice(code, priceList, price);
    }

    /** The product group (cod_grp_merc, a code of dati-generali/gruppi-merceologici) of an article; stamps it. */
    public void setArticleGroup(String code, String group) {
        store.changeArticle(code, article -> article.put("cod_grp_merc", group));
    }

    /** Changes a customer as an ERP operator would; stamps anag_dt_mod and data_ult_mod. */
    public void updateCustomer(String code, Consumer<ObjectNode> change) {
        store.changeCustomer(code, change);
    }

    /**
     * Adds a record to a lookup table, or changes the one with the same key: resource one of
     * "dati-generali/pagamenti", "listini", "valute", "magazzini" (key {@code id}), "esenzioni-iva",
     * "gruppi-merceologici" (key {@code codice}); only fields of that table.
     */
    public void putLookup(String resource, ObjectNode record) {
        store.putLookup(resource(resource.contains("/") ? resource : "dati-generali/" + resource), record);
    }

    /** The progressive of an article in a warehouse (progressivi-articoli); stamps dt_mod_ult_doc. */
    public void setStock(String code, int warehouse, BigDecimal inventory, BigDecimal loaded, BigDecimal unloaded) {
        store.setStock(code, warehouse, inventory, loaded, unloaded);
    }

    /**
     * A catalogue of {@code count} generated articles GEN000001…, each with description, VAT "22", cod_grp_merc,
     * two prices and a progressive in warehouse 1, computed when listed or read: the simulator keeps no object per
     * generated article (until one is changed), and lists and searches page through them without building them
     * all. Replaces an earlier generated catalogue.
     */
    public void generateArticles(int count) {
        store.generateArticles(count);
    }

    /** Articles the simulator holds as objects (generated articles not changed are not among them). */
    int storedArticleCount() {
        return store.storedArticleCount();
    }

    /** Progressives the simulator holds as objects (those of generated articles not moved are not among them). */
    int storedProgressiveCount() {
        return store.storedProgressiveCount();
    }

    // ----------------------------------------------------------------------------------- keeping data

    /**
     * Keeps the ERP's data in {@code file} across restarts, as a real ERP keeps its archives: the writes it
     * accepted (WebAPI creates, updates and deletes, and the operator's cancel, deliver and invoice) are
     * appended there one JSON line each, and a simulator started again on the same file replays them first,
     * in the order they were made, so its records and document numbers go on where they stopped (an order
     * created after the restart gets a new number, never one a hub already holds). Call it after loading what
     * every start loads (e.g. the articles) and before the hub writes. Writes made before are not kept.
     */
    public void keepIn(java.nio.file.Path file) {
        synchronized (store) {
            try {
                if (file.getParent() != null) {
                    java.nio.file.Files.createDirectories(file.getParent());
                }
                int replayed = 0;
                if (java.nio.file.Files.exists(file)) {
                    for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (!line.isBlank() && replay(line)) {
                            replayed++;
                        }
                    }
                }
                journal = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                org.slf4j.LoggerFactory.getLogger(ErpSimulator.class)
                        .info("ERP simulator keeps its data in {} ({} writes replayed)", file, replayed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the ERP simulator's data in " + file, e);
            }
        }
    }

    /** One kept write made again; false (and a warning) when the store refuses it now. */
    private boolean replay(String line) {
        try {
            ObjectNode write = ErpJson.parseObject(line);
            switch (write.path("kind").asText()) {
                case "http" -> {
                    Incoming incoming = new Incoming(write.path("method").asText(), write.path("path").asText(),
                            write.path("rawPath").asText(), write.path("rawQuery").isNull() ? null
                                    : write.path("rawQuery").asText(null), null, write.path("coordinates").asText(null),
                            write.path("body").asText(""));
                    Response response = serve(incoming, write.path("user").asText());
                    if (response.status() >= 300 && !response.stall()) {
                        throw new IllegalStateException("status " + response.status() + ": " + response.body());
                    }
                }
                case "cancel" -> cancelOrder(write.path("key").asText());
                case "deliver" -> deliver(write.path("year").asInt(), write.path("key").asText(),
                        write.path("quantities").isObject() ? decimals(write.path("quantities")) : null,
                        write.path("carrier").asText(null), write.path("tracking").asText(null),
                        date(write.path("shippedOn")));
                case "invoice" -> invoice(write.path("year").asInt(), write.path("key").asText(),
                        write.path("carrier").asText(null), write.path("tracking").asText(null),
                        date(write.path("shippedOn")));
                default -> throw new IllegalStateException("unknown write " + write.path("kind"));
            }
            return true;
        } catch (RuntimeException refused) {
            // e.g. the last line cut short by a crash while it was written
            org.slf4j.LoggerFactory.getLogger(ErpSimulator.class).warn("Kept ERP write not replayed ({}): {}",
                    refused.getMessage(), line.length() > 300 ? line.substring(0, 300) + "…" : line);
            return false;
        }
    }

    private static Map<String, BigDecimal> decimals(JsonNode object) {
        Map<String, BigDecimal> values = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().decimalValue()));
        return values;
    }

    private static LocalDate date(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : LocalDate.parse(value.asText());
    }

    /** Appends a write the store has just made (under its lock, so the file has them in the order they were made). */
    private void kept(ObjectNode write) {
        if (journal == null) {
            return;
        }
        try {
            journal.write(ErpJson.MAPPER.writeValueAsString(write));
            journal.newLine();
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep an ERP write", e);
        }
    }

    private static ObjectNode operatorWrite(String kind, int year, String key, String carrier, String tracking,
            LocalDate shippedOn) {
        ObjectNode write = ErpJson.MAPPER.createObjectNode().put("kind", kind).put("year", year).put("key", key)
                .put("carrier", carrier).put("tracking", tracking);
        write.put("shippedOn", shippedOn == null ? null : shippedOn.toString());
        return write;
    }

    // ------------------------------------------------------------------------------ operator actions

    /**
     * Cancels a customer order: every row to tipo_stato_riga N through the same update a PUT makes; stamps the
     * header and the rows. An unknown order, or one the ERP refuses to change, is an IllegalArgumentException.
     */
    public void cancelOrder(String orderKey) {
        operator(workingYear, () -> {
            store.cancelOrder(orderKey, OPERATOR);
            kept(ErpJson.MAPPER.createObjectNode().put("kind", "cancel").put("key", orderKey));
            return null;
        });
    }

    /**
     * Changes header fields of a customer order (e.g. nota, cod_conto) through the same update a
     * {@code PUT ...?solo_testata=true} makes; stamps the header. A refusal is an IllegalArgumentException.
     */
    public void updateOrderHeader(String orderKey, Consumer<ObjectNode> change) {
        operator(workingYear, () -> {
            ObjectNode order = store.order(orderKey).orElseThrow(() -> new IllegalArgumentException("no order "
                    + orderKey));
            ObjectNode body = order.objectNode().put("sigla", order.path("sigla").asText())
                    .put("serie", order.path("serie").asLong()).put("numero", order.path("numero").asLong());
            change.accept(body);
            store.update(ErpResource.ORDINI_CLIENTI, orderKey, body, OPERATOR, true);
            return null;
        });
    }

    /**
     * Delivers (part of) a customer order: a DDT BC made by the same transformation as
     * {@code POST documenti/movimenti-magazzino?sigla_trasformazione=OC}, validated the same way (a refusal is an
     * IllegalArgumentException carrying the 6001 text).
     *
     * @param quantitiesByArticle how much of each article, spread over the order's rows of it; null = everything
     *        left on the fulfillable (E) rows
     * @param carrier cod_vettore, nullable
     * @param tracking nr_tracking, nullable
     * @param shippedOn dt_spedizione, nullable
     * @return the key of the new DDT, e.g. "BC+1+1"
     */
    public String deliver(String orderKey, Map<String, BigDecimal> quantitiesByArticle, String carrier,
            String tracking, LocalDate shippedOn) {
        return deliver(workingYear, orderKey, quantitiesByArticle, carrier, tracking, shippedOn);
    }

    /**
     * The same for an order among the documents of {@code orderYear} (an order of December delivered in January):
     * the DDT goes among the working year's documents, its rows naming the order and its date.
     */
    public String deliver(int orderYear, String orderKey, Map<String, BigDecimal> quantitiesByArticle, String carrier,
            String tracking, LocalDate shippedOn) {
        return operator(workingYear, () -> {
            String key = store.fulfil(orderYear, orderKey, "BC", quantitiesByArticle, carrier, tracking, shippedOn,
                    OPERATOR);
            ObjectNode write = operatorWrite("deliver", orderYear, orderKey, carrier, tracking, shippedOn);
            if (quantitiesByArticle != null) {
                ObjectNode quantities = write.putObject("quantities");
                quantitiesByArticle.forEach(quantities::put);
            }
            kept(write);
            return key;
        });
    }

    /**
     * Invoices everything left of an order (OC→FT) or of a DDT (BC→FT: the rows not invoiced yet; carrier,
     * tracking and shipping date default to the DDT's) by the same transformation the WebAPI makes.
     *
     * @return the key of the new invoice, e.g. "FT+1+1"
     */
    public String invoice(String originKey, String carrier, String tracking, LocalDate shippedOn) {
        return invoice(workingYear, originKey, carrier, tracking, shippedOn);
    }

    /** The same for an origin (order or DDT) among the documents of {@code originYear}; the invoice goes in the working year. */
    public String invoice(int originYear, String originKey, String carrier, String tracking, LocalDate shippedOn) {
        return operator(workingYear, () -> {
            String key = order(originYear, originKey).isPresent()
                    ? store.fulfil(originYear, originKey, "FT", null, carrier, tracking, shippedOn, OPERATOR)
                    : store.invoiceDeliveryNote(originYear, originKey, carrier, tracking, shippedOn, OPERATOR);
            kept(operatorWrite("invoice", originYear, originKey, carrier, tracking, shippedOn));
            return key;
        });
    }

    private <T> T operator(int year, java.util.function.Supplier<T> action) {
        try {
            return inYear(year, action);
        } catch (ErpException refused) {
            throw new IllegalArgumentException(refused.detail(), refused);
        }
    }

    // ---------------------------------------------------------------------------------------- faults

    /**
     * Down: the listening socket is closed (connection refused) and connections in progress are dropped.
     * Up: it listens again on the same port.
     */
    public void down(boolean down) {
        synchronized (lifecycle) {
            if (down && server != null) {
                server.stop(0);
                server = null;
            } else if (!down && server == null && !closed) {
                try {
                    server = bindWithRetry();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot reopen the ERP WebAPI simulator on port " + port, e);
                }
            }
        }
    }

    /** Added to every request (except pool refusals, answered at once) before it is processed. */
    public void latency(Duration perCall) {
        faults.latency(perCall);
    }

    /**
     * The next {@code times} successful creates (POST) on that resource ("clienti", "articoli",
     * "indirizzi-spedizione", "alias-articoli", "documenti/ordini-clienti") are committed, but their answer is
     * withheld for {@link #stallFor} and then is a 408: the client cannot know that the record exists.
     */
    public void timeoutAfterCommit(String resource, int times) {
        faults.timeoutAfterCommit(resource(resource), times);
    }

    /** How long a withheld answer stalls before its 408 (default 5 s). */
    public void stallFor(Duration duration) {
        faults.stallFor(duration);
    }

    /** The next {@code times} requests answer {@code status}: 401, 503 (3002), 500 (5001) with the real bodies. */
    public void failNext(int times, int status) {
        faults.failNext(times, status);
    }

    /**
     * Every request to that resource (its list, search, records; e.g. "progressivi-articoli") answers
     * {@code status} with the real body (500: 5001, 503: 3002, 400: 6001) until {@link #resetFaults()}; the other
     * resources answer as usual.
     */
    public void failResource(String resource, int status) {
        faults.failResource(resource(resource), status);
    }

    /** Clears injected failures, latency, withheld answers and the stall, and brings the WebAPI up. */
    public void resetFaults() {
        faults.reset();
        down(false);
    }

    /** The highest number of requests in flight at once for one user since start or {@link #resetConcurrencyStats()}. */
    public int maxObservedConcurrency() {
        return pool.maxObserved();
    }

    /**
     * Services the WebAPI is running now. A request answered late (a stall after commit) keeps its slot
     * after the client gave up on it, as on the real service: tests about concurrency wait for 0 first.
     */
    public int callsInFlight() {
        return pool.inFlight();
    }

    public void resetConcurrencyStats() {
        pool.resetStats();
    }

    /** Every request received, refused or not. */
    public int callCount() {
        return calls.get();
    }

    /** Every request answered so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests.values());
    }

    public void clearRequests() {
        requests.clear();
    }

    /**
     * Logins tried: every request carries the login, so every request that reached the login check (or got an
     * injected answer in its place) is one.
     */
    public int loginAttempts() {
        return authenticator.attempts();
    }

    /** Logins refused (401: wrong user, password or domain, a locked user, or an injected 401). */
    public int failedLogins() {
        return authenticator.failures();
    }

    /** How many of the creates armed by {@link #timeoutAfterCommit} have not been committed yet. */
    public int timeoutsAfterCommitLeft(String resource) {
        return faults.timeoutsAfterCommitLeft(resource(resource));
    }

    /** True after three failed logins in a row of the configured user, until {@link #unlockUser()}. */
    public boolean userLocked() {
        return authenticator.locked();
    }

    public void unlockUser() {
        authenticator.unlock();
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
        executor.shutdownNow();
        synchronized (store) {
            if (journal != null) {
                try {
                    journal.close();
                } catch (IOException e) {
                    // every line was flushed as it was written
                }
                journal = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------- server

    private HttpServer bind(int port) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer created = io.sincro.sandbox.LoopbackHttp.create(new InetSocketAddress(loopback, port));
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        return created;
    }

    /** The port was just released by this process: a bind may transiently fail while the kernel lets go of it. */
    private HttpServer bindWithRetry() throws IOException {
        BindException last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            try {
                return bind(port);
            } catch (BindException e) {
                last = e;
                pause(Duration.ofMillis(20));
            }
        } while (System.nanoTime() < deadline);
        throw last;
    }

    private static ErpResource resource(String name) {
        String path = name == null ? "" : name.trim().replaceAll("^/+|/+$", "");
        path = path.replaceFirst("^webapi/", "").replaceFirst("^risorse/", "");
        for (ErpResource resource : ErpResource.values()) {
            if (resource.path.equals(path)) {
                return resource;
            }
        }
        throw new IllegalArgumentException("unknown WebAPI resource " + name);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private record Incoming(String method, String path, String rawPath, String rawQuery, String authorization,
            String coordinates, String body) {
        String requestUri() {
            return rawQuery == null ? path : path + "?" + rawQuery;
        }
    }

    private record Response(int status, JsonNode body, Map<String, String> headers, boolean stall) {
        static Response of(int status, JsonNode body) {
            return new Response(status, body, Map.of(), false);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Instant at = Instant.now();
            long arrived = System.nanoTime();
            long arrival = arrivals.incrementAndGet();
            calls.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Incoming incoming = new Incoming(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Coordinate-Gestionale"), body);
            String holder = null;
            long answerAt = 0;
            try {
                Response response;
                OptionalInt injected = faults.takeFailNext();
                String user = null;
                ErpException refused = null;
                if (injected.isPresent()) {
                    authenticator.injected(injected.getAsInt());
                    refused = ErpErrors.forStatus(injected.getAsInt());
                } else {
                    try {
                        user = authenticator.authenticate(incoming.authorization());
                    } catch (ErpException unauthorized) {
                        refused = unauthorized;
                    }
                }
                if (refused != null) {
                    pauseUntil(arrived + faults.latency().toNanos());
                    response = error(refused, incoming);
                } else if (!pool.tryAcquire(user)) {
                    response = error(ErpErrors.poolExhausted(), incoming);
                } else {
                    holder = user;
                    answerAt = arrived + faults.latency().toNanos();
                    pauseUntil(answerAt - serving - sending);
                    long served = System.nanoTime();
                    response = serve(incoming, user);
                    // how long serving takes, smoothed: the next call is served that much before its answer is due
                    serving = Math.min(faults.latency().toNanos(), (7 * serving + System.nanoTime() - served) / 8);
                    pauseUntil(answerAt - sending);
                }
                requests.put(arrival, new RecordedRequest(at, incoming.method(), incoming.path(), incoming.rawQuery(),
                        response.status(), body, incoming.coordinates()));
                if (response.stall()) {
                    pause(faults.stall());
                }
                // the service ends when its answer is ready: the slot is free before the bytes travel
                if (holder != null) {
                    pool.release(holder);
                    holder = null;
                }
                long sent = System.nanoTime();
                send(exchange, response);
                if (answerAt != 0) {
                    sending = Math.min(faults.latency().toNanos() / 2, (7 * sending + System.nanoTime() - sent) / 8);
                }
                answered.add(System.nanoTime() - arrived);
                answers.increment();
            } finally {
                if (holder != null) {
                    pool.release(holder);
                }
            }
        } catch (IOException clientWentAway) {
            // nothing to answer to
        }
    }

    private Response error(ErpException error, Incoming incoming) {
        return Response.of(error.status(), ErpErrors.body(error, incoming.requestUri(), incoming.method()));
    }

    private Response serve(Incoming incoming, String user) {
        try {
            // one request at a time in the archive of the year its Coordinate-Gestionale names
            return inYear(yearOf(incoming), () -> {
                Response response = route(incoming, user);
                // a write the store made (a timeout after commit made it too) is kept, in the lock's order
                if (!incoming.method().equals("GET") && !incoming.path().endsWith("/ricerca")
                        && (response.status() < 300 || response.stall())) {
                    kept(ErpJson.MAPPER.createObjectNode().put("kind", "http").put("method", incoming.method())
                            .put("path", incoming.path()).put("rawPath", incoming.rawPath())
                            .put("rawQuery", incoming.rawQuery()).put("coordinates", incoming.coordinates())
                            .put("body", incoming.body()).put("user", user));
                }
                return response;
            });
        } catch (ErpException error) {
            return error(error, incoming);
        } catch (RuntimeException bug) {
            return error(new ErpException(500, ErpErrors.DIALOGUE, String.valueOf(bug)), incoming);
        }
    }

    private Response route(Incoming incoming, String user) {
        if (!incoming.path().startsWith(PREFIX)) {
            throw ErpErrors.notFound();
        }
        String rest = incoming.path().substring(PREFIX.length()).replaceAll("/+$", "");
        for (ErpResource resource : ErpResource.BY_PATH_LENGTH) {
            if (rest.equals(resource.path) || rest.startsWith(resource.path + "/")) {
                OptionalInt failing = faults.failing(resource);
                if (failing.isPresent()) {
                    throw ErpErrors.forStatus(failing.getAsInt());
                }
            }
            if (rest.equals(resource.path)) {
                return collection(resource, incoming, user);
            }
            if (rest.startsWith(resource.path + "/")) {
                String tail = rest.substring(resource.path.length() + 1);
                if (tail.contains("/")) {
                    throw ErpErrors.notFound();
                }
                if (tail.equals("ricerca") && incoming.method().equals("POST")) {
                    if (!resource.searchable) {
                        // as on the WebAPI: e.g. "non è disponibile l'endpoint /progressivi-articoli/ricerca"
                        throw ErpErrors.notFound();
                    }
                    coordinates(incoming);
                    return search(resource, incoming);
                }
                String rawRest = incoming.rawPath().substring(PREFIX.length()).replaceAll("/+$", "");
                return item(resource, rawRest.substring(rawRest.lastIndexOf('/') + 1), incoming, user);
            }
        }
        throw ErpErrors.notFound();
    }

    private Response collection(ErpResource resource, Incoming incoming, String user) {
        Map<String, String> query = query(incoming.rawQuery());
        switch (incoming.method()) {
            case "GET" -> {
                coordinates(incoming);
                if ("true".equalsIgnoreCase(query.get("info"))) {
                    return Response.of(200, resource.fields.info());
                }
                ErpQuery.Params params = ErpQuery.Params.of(query);
                ObjectNode page = ErpQuery.page(resource.path, source(resource, record -> true), params, "list",
                        time.stamp(), List.of(resource.fields));
                return Response.of(200, resource.columnar ? ErpQuery.columnar(page) : page);
            }
            case "POST" -> {
                if (!resource.creatable) {
                    throw ErpErrors.notFound();
                }
                ErpStore.Context context = new ErpStore.Context(user, coordinates(incoming));
                String transformation = query.get("sigla_trasformazione");
                String key = resource == ErpResource.MOVIMENTI_MAGAZZINO && transformation != null
                        ? store.createMovement(ErpJson.parseObject(incoming.body()), context, transformation)
                        : store.create(resource, ErpJson.parseObject(incoming.body()), context);
                if (faults.takeTimeoutAfterCommit(resource)) {
                    ErpException timeout = ErpErrors.timeout();
                    return new Response(timeout.status(), ErpErrors.body(timeout, incoming.requestUri(),
                            incoming.method()), Map.of(), true);
                }
                return new Response(201, null, Map.of("Location", location(resource, key)), false);
            }
            default -> throw ErpErrors.notFound();
        }
    }

    private Response search(ErpResource resource, Incoming incoming) {
        ErpQuery.Params params = ErpQuery.Params.of(query(incoming.rawQuery()));
        ObjectNode body = ErpJson.parseObject(incoming.body());
        List<ErpQuery.Filter> filters = ErpQuery.filters(body, resource.fields);
        String queryHash = "search-" + Integer.toHexString(String.valueOf(body.get("filtri")).hashCode());
        return Response.of(200, ErpQuery.page(resource.path,
                source(resource, record -> ErpQuery.matches(record, filters)), params, queryHash, time.stamp(),
                List.of(resource.fields)));
    }

    /** The pages of a list or search are taken from the store one at a time, each under the store's lock. */
    private ErpQuery.Source source(ErpResource resource, java.util.function.Predicate<ObjectNode> filter) {
        return (after, limit) -> store.listing(resource, filter, after, limit);
    }

    private Response item(ErpResource resource, String rawKey, Incoming incoming, String user) {
        Map<String, String> query = query(incoming.rawQuery());
        String key = keyOf(resource, rawKey, query.get("encoding"));
        switch (incoming.method()) {
            case "GET" -> {
                if (!resource.readable) {
                    throw ErpErrors.notFound();
                }
                coordinates(incoming);
                ErpQuery.Params params = ErpQuery.Params.of(query);
                ErpQuery.checkFields(params.fields(), resource.readFields());
                ObjectNode record = store.read(resource, key).orElseThrow(ErpErrors::notFound);
                return Response.of(200, ErpQuery.project(record, params.fields()));
            }
            case "PUT" -> {
                if (!resource.updatable) {
                    throw ErpErrors.notFound();
                }
                ErpStore.Context context = new ErpStore.Context(user, coordinates(incoming));
                if (store.read(resource, key).isEmpty()) {
                    throw ErpErrors.notFound();
                }
                store.update(resource, key, ErpJson.parseObject(incoming.body()), context,
                        "true".equalsIgnoreCase(query.get("solo_testata")));
                return Response.of(204, null);
            }
            default -> throw ErpErrors.notFound();
        }
    }

    /** Checks the Coordinate-Gestionale header; answers the warehouse it names (1 when absent). */
    private int coordinates(Incoming incoming) {
        String header = incoming.coordinates();
        Matcher matcher = header == null ? null : COORDINATES.matcher(header.trim());
        if (matcher == null || !matcher.matches() || !matcher.group(1).equalsIgnoreCase(company)) {
            throw ErpErrors.coordinates();
        }
        return matcher.group(4) == null ? 1 : Integer.parseInt(matcher.group(4));
    }

    /** {@code /webapi/risorse/<res>/<key>}; a key with other characters than {@code [A-Za-z0-9._+-]} is hex-encoded. */
    private static String location(ErpResource resource, String key) {
        String base = "/webapi/risorse/" + resource.path + "/";
        if (PLAIN_KEY.matcher(key).matches()) {
            return base + key;
        }
        return base + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + "?encoding=hex";
    }

    /**
     * The key of a record from its path segment. A {@code +} joins the parts of a composite key (documents:
     * sigla+serie+numero), so on a resource with a one-part key it names no record; with {@code ?encoding=hex}
     * each part is hexadecimal. Percent-escapes are decoded (an assumption: the self-description names only hex
     * and base32 for codes the path cannot carry).
     */
    private static String keyOf(ErpResource resource, String rawKey, String encoding) {
        String[] parts = rawKey.split("\\+", -1);
        if (parts.length > 1 && !resource.compositeKey()) {
            throw ErpErrors.notFound();
        }
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            key.append(key.isEmpty() ? "" : "+");
            try {
                key.append("hex".equalsIgnoreCase(encoding)
                        ? new String(HexFormat.of().parseHex(part), StandardCharsets.UTF_8)
                        : URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ErpErrors.notFound();
            }
        }
        return key.toString();
    }

    /** The year a request works in: Anno= of its Coordinate-Gestionale (the working year when it has none). */
    private int yearOf(Incoming incoming) {
        Matcher matcher = incoming.coordinates() == null ? null : COORDINATES.matcher(incoming.coordinates().trim());
        return matcher != null && matcher.matches() ? Integer.parseInt(matcher.group(3)) : workingYear;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                throw ErpErrors.gestionale("Parametro non valido: " + pair);
            }
        }
        return query;
    }

    // -------------------------------------------------------------------------------------- plumbing

    private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder answers = new java.util.concurrent.atomic.LongAdder();

    /** How long, on average, a call took from its arrival to its answer's last byte written (since the start). */
    public Duration meanAnswerTime() {
        long n = answers.sum();
        return n == 0 ? Duration.ZERO : Duration.ofNanos(answered.sum() / n);
    }

    /** How long serving a request, and writing its answer, take, smoothed over the last ones (nanoseconds). */
    private volatile long serving;
    private volatile long sending;

    /** Waits until {@code deadline} ({@link System#nanoTime}); at once when it has passed. */
    private static void pauseUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] body = ErpJson.bytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
