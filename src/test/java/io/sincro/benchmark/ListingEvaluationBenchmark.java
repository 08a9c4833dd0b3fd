package io.sincro.benchmark;

import io.sincro.DefaultHsqldbStore;
import io.sincro.HubClient;
import io.sincro.listing.RuleEvaluation;
import io.sincro.store.ErpMirror;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark P2 (issue 12): list maintenance and rule evaluation follow the changed articles, not the
 * catalogue. 50 sales lists (one per category, each under its own rule that adds, stops and modifies) over a
 * catalogue of 100,000 articles, all listed and published; 1,000 articles change (a third in description, a
 * third in stock, a sixth in price, a sixth move to another category), as an ERP sync writes them (the journal
 * included). Timed: one evaluation — reading the changes, updating the lists, applying the sync rules, storing
 * items, transactions and log. Then the catalogue grows to 1,000,000 articles (with their items) and the same
 * kind of 1,000 changes is evaluated again. Prints both times and their ratio (target: ≤ 1 s and ≤ 1.5×), each
 * with its steps, the evaluating thread's CPU time (which a loaded machine does not inflate as it does the wall
 * time) and the read calls the process made (a data file the database does not map is read call by call).
 * The store is the product's default HSQLDB file database ({@link DefaultHsqldbStore}: its URL, settings and
 * all), with cached tables. Lists and items are written by SQL: saving
 * 50 lists through the API would look at the whole catalogue 50 times, which is not what is measured.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify}; not part of the test suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ListingEvaluationBenchmark {

    static final int SMALL = Integer.getInteger("bench.listing.articles", 100_000);
    static final int LARGE = Integer.getInteger("bench.listing.large", 1_000_000);
    static final int LISTS = 50;
    static final int CHANGED = 1_000;
    static final Path DATABASE = Path.of("target", "listing-benchmark");

    static {
        try (Stream<Path> files = Files.exists(DATABASE) ? Files.walk(DATABASE) : Stream.empty()) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DefaultHsqldbStore.url(DATABASE.resolve("sincro")));
        registry.add("sincro.mail.enabled", () -> "false");
        registry.add("logging.level.io.sincro", () -> "WARN");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ErpMirror mirror;
    @Autowired
    RuleEvaluation evaluation;
    @Autowired
    TransactionTemplate tx;

    long listingId;
    final long[] lists = new long[LISTS];

    @Test
    void evaluationCostFollowsTheChangesNotTheCatalogue() {
        HubClient hub = new HubClient(port);
        hub.post("/api/accounts", Map.of("id", "bench-shop", "name", "Bench", "platform", "MAGENTO",
                "baseUrl", "https://bench.example.it", "storeCode", "it",
                "credentials", Map.of("mode", "BEARER", "accessToken", "bench-token")));
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("name", "bench");
        listing.put("accountId", "bench-shop");
        listing.put("storeCode", "it");
        listing.put("fields", List.of("code", "description", "category"));
        listing.put("warehouses", List.of(1));
        listing.put("quantity", Map.of("kind", "PERCENT", "percent", 50, "minimum", 1, "maximum", 100));
        listing.put("price", Map.of("priceList", 1, "multiplier", 1.22));
        listing.put("syncRules", Map.of("publish", Map.of("enabled", true, "inStock", true),
                "revise", Map.of("enabled", true, "quantity", "ALWAYS", "price", "MOVED", "priceMovedPercent", 1),
                "stop", Map.of("enabled", true, "whenSoldOut", true)));
        listingId = hub.post("/api/listings", listing).body().path("id").asLong();
        for (int i = 0; i < LISTS; i++) {
            long rule = hub.post("/api/sales-rules", Map.of("name", "category " + category(i), "marketplace", "MAGENTO",
                    "articleFilter", "category = \"" + category(i) + "\"", "addAction", "ADD_TO_LIST",
                    "removalAction", "STOP_ON_MARKETPLACE", "updateAction", "MODIFY_ON_MARKETPLACE",
                    "treatAsOnSale", false)).body().path("id").asLong();
            jdbc.update("INSERT INTO sales_list (name, listing_id, rule_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    "list " + i, listingId, rule, now(), now());
            lists[i] = jdbc.queryForObject("SELECT id FROM sales_list WHERE name = ?", Long.class, "list " + i);
        }

        catalogue(0, SMALL);
        // one evaluation of other changes first, untimed: the JIT and the database's caches warm up
        timedEvaluation(5);
        Result small = timedEvaluation(1);
        catalogue(SMALL, LARGE);
        Result large = timedEvaluation(2);

        double ratio = (double) large.millis / Math.max(1, small.millis);
        System.out.printf(Locale.ROOT, "%nBenchmark P2 (listing evaluation): %d lists, %d changed articles%n", LISTS,
                CHANGED);
        System.out.printf(Locale.ROOT, "  %,9d articles: %5d ms, %d transactions decided, %s (%s)%n", SMALL,
                small.millis, small.decided, small.millis <= 1000 ? "within 1 s" : "OVER 1 s", small.steps);
        System.out.printf(Locale.ROOT, "  %,9d articles: %5d ms, %d transactions decided (%s)%n", LARGE, large.millis,
                large.decided, large.steps);
        System.out.printf(Locale.ROOT, "  machine: %d cores, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "  ratio %.2f (target ≤ 1.5: %s)%n%n", ratio, ratio <= 1.5 ? "met" : "NOT met");
        assertThat(small.decided).isPositive();
        assertThat(large.decided).isPositive();
    }

    record Result(long millis, int decided, String steps) {
    }

    /** 1,000 articles change as an ERP sync writes them; one evaluation is timed. */
    Result timedEvaluation(int round) {
        // not a multiple of the 50 categories: the changed articles are spread over every list
        int step = SMALL / CHANGED + 1;
        List<ErpMirror.ErpArticle> described = new ArrayList<>();
        List<ErpMirror.Stock> stocked = new ArrayList<>();
        List<ErpMirror.Price> priced = new ArrayList<>();
        for (int n = 0; n < CHANGED; n++) {
            int article = (n * step + round) % SMALL;
            String code = code(article);
            switch (n % 6) {
                case 0, 1 -> described.add(new ErpMirror.ErpArticle(code, "article " + article + " v" + round, "22", "pz",
                        category(article % LISTS), null));
                case 2, 3 -> stocked.add(new ErpMirror.Stock(code, 1, BigDecimal.valueOf(5 + round),
                        BigDecimal.valueOf(5 + round), null));
                case 4 -> priced.add(new ErpMirror.Price(code, 1, BigDecimal.valueOf(20 + round)));
                default -> described.add(new ErpMirror.ErpArticle(code, "article " + article, "22", "pz",
                        category((article + round) % LISTS), null));
            }
        }
        tx.executeWithoutResult(status -> {
            mirror.upsertArticles(described, 1000 + round);
            mirror.upsertStock(stocked);
            mirror.upsertPrices(priced);
        });
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM listing_transaction", Integer.class);

        long[] ioBefore = processIo();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        RuleEvaluation.Plan plan = evaluation.changedArticles();
        long read = System.nanoTime();
        evaluation.updateSalesLists(plan);
        long maintained = System.nanoTime();
        evaluation.applySyncRules(plan);
        long applied = System.nanoTime();
        evaluation.record(plan);
        long end = System.nanoTime();
        long millis = (end - start) / 1_000_000;
        long cpu = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
        long[] ioAfter = processIo();

        int decided = jdbc.queryForObject("SELECT COUNT(*) FROM listing_transaction", Integer.class) - before;
        return new Result(millis, decided, String.format(Locale.ROOT, "changes %d ms, lists %d ms, sync rules %d ms, "
                + "record %d ms; cpu %d ms, store file read calls %,d (%,d KB)", (read - start) / 1_000_000,
                (maintained - read) / 1_000_000, (applied - maintained) / 1_000_000, (end - applied) / 1_000_000, cpu,
                ioAfter[1] - ioBefore[1], (ioAfter[0] - ioBefore[0]) / 1024));
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Bytes and calls the process read so far (Linux {@code /proc/self/io}: rchar, syscr; zeros elsewhere): the
     * store's data file, when the database does not map it, is read call by call — the cost that grows with the
     * catalogue when row look-ups miss the database's cache. The hub is in this process; nothing else reads meanwhile.
     */
    static long[] processIo() {
        Path io = Path.of("/proc/self/io");
        long[] read = new long[2];
        if (!Files.isReadable(io)) {
            return read;
        }
        try {
            for (String line : Files.readAllLines(io)) {
                String[] field = line.split(":\\s*");
                if (field[0].equals("rchar")) {
                    read[0] = Long.parseLong(field[1].trim());
                } else if (field[0].equals("syscr")) {
                    read[1] = Long.parseLong(field[1].trim());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return new long[2];
        }
        return read;
    }

    /**
     * Articles {@code from..to-1} with price and stock, each listed and published in its category's list; a
     * transaction per batch (the default store syncs its log at every commit).
     */
    void catalogue(int from, int to) {
        int batch = 5_000;
        for (int start = from; start < to; start += batch) {
            int first = start;
            tx.executeWithoutResult(status -> catalogueBatch(first, Math.min(to, first + batch)));
        }
    }

    void catalogueBatch(int start, int end) {
        List<Object[]> articles = new ArrayList<>();
        List<Object[]> prices = new ArrayList<>();
        List<Object[]> stock = new ArrayList<>();
        List<Object[]> items = new ArrayList<>();
        for (int i = start; i < end; i++) {
            String code = code(i);
            articles.add(new Object[] {code, "article " + i, category(i % LISTS), now(), now()});
            prices.add(new Object[] {code, BigDecimal.valueOf(10)});
            stock.add(new Object[] {code, BigDecimal.valueOf(40)});
            items.add(new Object[] {lists[i % LISTS], code, BigDecimal.valueOf(20), new BigDecimal("12.20"), now(),
                    now()});
        }
        jdbc.batchUpdate("INSERT INTO article (code, description, vat_code, unit, origin, erp_state, category, "
                + "seen_run, created_at, updated_at) VALUES (?, ?, '22', 'pz', 'ERP', 'SYNCED', ?, 0, ?, ?)", articles,
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                        Types.TIMESTAMP_WITH_TIMEZONE});
        jdbc.batchUpdate("INSERT INTO article_price (article_code, price_list, price) VALUES (?, 1, ?)", prices);
        jdbc.batchUpdate("INSERT INTO article_stock (article_code, warehouse, on_hand, available) VALUES (?, 1, ?, ?)",
                stock.stream().map(s -> new Object[] {s[0], s[1], s[1]}).toList());
        jdbc.batchUpdate("INSERT INTO list_item (list_id, article_code, origin, state, published_quantity, "
                + "published_price, published_before, leaving, added_at, updated_at) "
                + "VALUES (?, ?, 'AUTOMATIC', 'PUBLISHED', ?, ?, TRUE, FALSE, ?, ?)", items,
                new int[] {Types.BIGINT, Types.VARCHAR, Types.NUMERIC, Types.NUMERIC, Types.TIMESTAMP_WITH_TIMEZONE,
                        Types.TIMESTAMP_WITH_TIMEZONE});
    }

    static String code(int n) {
        return String.format(Locale.ROOT, "B%07d", n);
    }

    static String category(int n) {
        return String.format(Locale.ROOT, "CAT%02d", n);
    }

    static java.time.OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
