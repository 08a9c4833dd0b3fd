package io.sincro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The product's default store URL (the HSQLDB file database of {@code application.properties}, settings and
 * all) pointed at another folder: benchmarks and tests that claim to measure "the default store" use what a
 * hub without {@code SINCRO_DB_URL} uses, not a copy of its settings that can drift from it.
 */
public final class DefaultHsqldbStore {

    private static final String DEFAULT_PATH = "./data/sincro";

    private DefaultHsqldbStore() {
    }

    /** The default URL with the database at {@code database} (files {@code database.data}, {@code .script}, …). */
    public static String url(Path database) {
        String url = defaultUrl();
        if (!url.contains("jdbc:hsqldb:file:" + DEFAULT_PATH + ";")) {
            throw new IllegalStateException("the default store is no longer an HSQLDB file at " + DEFAULT_PATH + ": "
                    + url);
        }
        return url.replace(DEFAULT_PATH, database.toString());
    }

    /** The value after {@code SINCRO_DB_URL:} in {@code spring.datasource.url}. */
    static String defaultUrl() {
        Properties properties = new Properties();
        try (InputStream in = DefaultHsqldbStore.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty("spring.datasource.url");
        String prefix = "${SINCRO_DB_URL:";
        if (value == null || !value.startsWith(prefix) || !value.endsWith("}")) {
            throw new IllegalStateException("spring.datasource.url has no SINCRO_DB_URL default: " + value);
        }
        return value.substring(prefix.length(), value.length() - 1);
    }
}
