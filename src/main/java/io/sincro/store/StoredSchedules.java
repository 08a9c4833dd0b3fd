package io.sincro.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The schedules the merchant or the deployment set: per target, the definition (JSON) and where it came from. */
@Repository
public class StoredSchedules {

    public enum Source { CONFIG, API }

    public record Stored(String target, String accountId, String definition, Source source, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    public StoredSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Stored> get(String target) {
        return jdbc.sql("SELECT * FROM sync_schedule WHERE target = ?").param(target).query(this::map).optional();
    }

    public List<Stored> all() {
        return jdbc.sql("SELECT * FROM sync_schedule ORDER BY target").query(this::map).list();
    }

    public void save(String target, String accountId, String definition, Source source) {
        var now = Timestamps.of(Instant.now());
        int updated = jdbc.sql("UPDATE sync_schedule SET account_id = ?, definition = ?, source = ?, updated_at = ? "
                        + "WHERE target = ?")
                .params(accountId, definition, source.name(), now, target).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sync_schedule (target, account_id, definition, source, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(target, accountId, definition, source.name(), now).update();
        }
    }

    public boolean delete(String target) {
        return jdbc.sql("DELETE FROM sync_schedule WHERE target = ?").param(target).update() > 0;
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getString("target"), rs.getString("account_id"), rs.getString("definition"),
                Source.valueOf(rs.getString("source")), Timestamps.read(rs, "updated_at"));
    }
}
