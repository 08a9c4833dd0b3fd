package io.sincro.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.store.ErpMirror;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full ERP sync of a 100,000-article catalogue (prices and stock included) in a JVM whose heap is
 * capped at 256 MB: the benchmark profile runs this class alone with {@code -Xmx256m}. The hub uses its
 * default store, an HSQLDB file database with cached tables, so the catalogue lives on disk, not in
 * the heap. Prints the time taken, articles per second and the peak heap after the run.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify}; not part of the test suite.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FullSyncMemoryBenchmark {

    static final int ARTICLES = Integer.getInteger("bench.articles", 100_000);
    static final Path DATABASE = Path.of("target", "full-sync-benchmark");
    static final ErpSimulator erp = ErpSimulator.start(0, "SIN", new ErpSimulator.Credentials("bench", "bench-pw", null), 5);

    static {
        erp.generateArticles(ARTICLES);
        deleteDatabase();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:hsqldb:file:" + DATABASE.resolve("sincro")
                + ";sql.syntax_pgs=true;hsqldb.default_table_type=cached;hsqldb.tx=mvcc;shutdown=true");
        registry.add("sincro.erp.base-url", erp::baseUrl);
        registry.add("sincro.erp.user", () -> "bench");
        registry.add("sincro.erp.password", () -> "bench-pw");
        registry.add("sincro.erp.company", () -> "SIN");
        registry.add("sincro.mail.enabled", () -> "false");
        registry.add("logging.level.io.sincro", () -> "WARN");
        registry.add("logging.level.io.sincro.sync.ErpSyncRun", () -> "INFO");
    }

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;

    @Test
    void fullSyncOfTheWholeCatalogueInA256MbHeap() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        HubClient hub = new HubClient(port);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        long started = System.nanoTime();
        HubClient.Response request = hub.post("/api/erp/sync/full", null);
        assertThat(request.status()).as(request.text()).isEqualTo(202);
        long runId = request.body().path("runId").asLong();
        JsonNode run = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.get("/api/runs/" + runId).body(), r -> !r.path("state").asText().equals("RUNNING"));
        double seconds = (System.nanoTime() - started) / 1e9;
        // what survives collections is what the sync keeps: the old generation's peak, and the heap after a GC
        long oldGenPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().matches(".*(Old|Tenured).*"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.gc();
        long liveAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        System.out.printf(Locale.ROOT, "%n=== Full ERP sync of %,d articles ===%n", ARTICLES);
        System.out.printf(Locale.ROOT, "max heap (-Xmx)      : %,d MB%n", maxHeap / (1024 * 1024));
        System.out.printf(Locale.ROOT, "time                 : %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "articles per second  : %,.0f%n", ARTICLES / seconds);
        System.out.printf(Locale.ROOT, "old generation peak  : %,d MB%n", oldGenPeak / (1024 * 1024));
        System.out.printf(Locale.ROOT, "heap after a GC      : %,d MB%n", liveAfter / (1024 * 1024));
        System.out.printf(Locale.ROOT, "steps                : %s%n%n", run.path("steps"));

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("steps").path("articles").path("read").asInt()).isEqualTo(ARTICLES);
        assertThat(mirror.articleCount("SYNCED")).isEqualTo(ARTICLES);
        assertThat(run.path("steps").path("stock").path("read").asInt()).isEqualTo(ARTICLES);
        assertThat(maxHeap).as("the benchmark profile caps the heap at 256 MB").isLessThanOrEqualTo(256L * 1024 * 1024);
    }

    private static void deleteDatabase() {
        if (!Files.exists(DATABASE)) {
            return;
        }
        try (Stream<Path> files = Files.walk(DATABASE)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
