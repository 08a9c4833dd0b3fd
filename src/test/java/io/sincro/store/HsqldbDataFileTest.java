package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.DefaultHsqldbStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The default HSQLDB store keeps its data file memory-mapped up to 4 GB (HSQLDB's own limit is 256 MB): past
 * the limit every row missing from the row cache is a read call, and the rule evaluation's look-ups by key
 * cost more the bigger the catalogue (benchmark P2). New stores take it from the default URL, stores created
 * before it from migration V22; HSQLDB keeps it in the store's .script file.
 */
class HsqldbDataFileTest {

    @TempDir
    Path folder;

    @Test
    void aStoreCreatedByTheDefaultUrlMapsItsDataFileUpTo4Gb() throws SQLException {
        String url = DefaultHsqldbStore.url(folder.resolve("sincro"));

        try (Connection store = DriverManager.getConnection(url, "SA", "")) {
            assertThat(nioMaxSize(store)).isEqualTo(4096);
        }
    }

    @Test
    void aStoreCreatedBeforeTheSettingTakesItFromTheMigrationsAndKeepsIt() throws SQLException {
        // the default URL as it was before V22: HSQLDB applies URL settings only when it creates a store
        String before = "jdbc:hsqldb:file:" + folder.resolve("sincro") + ";sql.syntax_pgs=true;"
                + "hsqldb.default_table_type=cached;hsqldb.tx=mvcc;hsqldb.write_delay=false;shutdown=true";
        try (Connection store = DriverManager.getConnection(before, "SA", "")) {
            assertThat(nioMaxSize(store)).isEqualTo(256);
            Flyway.configure().dataSource(new SingleConnectionDataSource(store, true))
                    .locations("classpath:db/migration", "classpath:db/vendor/hsqldb").load().migrate();
            assertThat(nioMaxSize(store)).isEqualTo(4096);
        }

        try (Connection reopened = DriverManager.getConnection(before, "SA", "")) {
            assertThat(nioMaxSize(reopened)).as("kept by the store, whatever the URL says").isEqualTo(4096);
        }
    }

    static int nioMaxSize(Connection store) throws SQLException {
        try (var rs = store.createStatement().executeQuery("SELECT property_value FROM information_schema.system_properties "
                + "WHERE property_name = 'hsqldb.nio_max_size'")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
