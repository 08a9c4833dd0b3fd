package io.sincro.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The store a benchmark's hub runs on, chosen with {@code -Dbench.store}. A benchmark measures the hub as it
 * is deployed, so the default is the store of a hub started with no configuration: the HSQLDB file of
 * {@code application.properties}' default URL (each commit written to disk before it returns), in a fresh
 * folder. {@code postgresql} is production's store: an embedded server with PostgreSQL's own durable
 * settings (a commit waits for its WAL to reach the disk), not the embedded server's test defaults.
 */
final class BenchmarkStore {

    private static final Pattern DEFAULT_URL = Pattern.compile("\\$\\{SINCRO_DB_URL:(.*)}");

    private BenchmarkStore() {
    }

    static void register(String store, DynamicPropertyRegistry registry) {
        switch (store) {
            case "hsqldb-file" -> registry.add("spring.datasource.url", BenchmarkStore::freshDefaultFile);
            case "postgresql" -> {
                String url = postgres().getJdbcUrl("postgres", "postgres");
                registry.add("spring.datasource.url", () -> url);
                registry.add("spring.datasource.username", () -> "postgres");
                registry.add("spring.datasource.password", () -> "");
            }
            case "hsqldb-mem" -> {
                // the test profile's in-memory store
            }
            default -> throw new IllegalArgumentException("bench.store is hsqldb-file, postgresql or hsqldb-mem, not " + store);
        }
    }

    static String describe(String store) {
        return switch (store) {
            case "hsqldb-file" -> "HSQLDB file, the hub's default URL (write_delay=false: every commit on disk)";
            case "postgresql" -> "PostgreSQL (embedded; fsync, synchronous_commit and full_page_writes on)";
            default -> "HSQLDB in memory (no hub runs on it: for comparison only)";
        };
    }

    /** The default URL of application.properties with its folder ({@code ./data}) moved to a fresh one. */
    private static String freshDefaultFile() {
        Properties properties = new Properties();
        try (InputStream in = BenchmarkStore.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
            Matcher url = DEFAULT_URL.matcher(properties.getProperty("spring.datasource.url"));
            if (!url.matches()) {
                throw new IllegalStateException("application.properties has no default spring.datasource.url");
            }
            Path folder = Files.createTempDirectory("sincro-bench");
            return url.group(1).replace("./data/", folder.toAbsolutePath() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres postgres;

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }
}
