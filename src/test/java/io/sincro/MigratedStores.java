package io.sincro;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Stores with the hub's schema, for tests of the store's own SQL without the whole hub. */
public final class MigratedStores {

    private MigratedStores() {
    }

    /** A fresh in-memory HSQLDB as the test profile has it, migrated; {@code name} shows in its URL. */
    public static DataSource hsqldb(String name) {
        return migrated(new DriverManagerDataSource("jdbc:hsqldb:mem:" + name + "-" + UUID.randomUUID()
                + ";sql.syntax_pgs=true;hsqldb.tx=mvcc", "SA", ""), "hsqldb");
    }

    /** {@code dataSource} with the hub's migrations applied, those of {@code vendor} ({@code db/vendor/…}) too. */
    public static DataSource migrated(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        return dataSource;
    }
}
