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

    public record Stored(String target, String accountId, String definition, Source source, Instant updatedAt,
            LastFire lastFire) {
    }

    /** What happened the last time the schedule fired. */
    public enum FireOutcome { STARTED, SKIPPED, NOT_STARTED }

    /** @param runId the run it started, or the run still going that made it skip */
    public record LastFire(Instant at, FireOutcome outcome, Long runId, String detail) {
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

    public void fired(String target, LastFire fire) {
        String detail = fire.detail() == null || fire.detail().length() <= 1000 ? fire.detail()
                : fire.detail().substring(0, 1000);
        jdbc.sql("UPDATE sync_schedule SET last_fired_at = ?, last_fire_outcome = ?, last_fire_run_id = ?, "
                        + "last_fire_detail = ? WHERE target = ?")
                .params(Timestamps.of(fire.at()), fire.outcome().name(), fire.runId(), detail, target).update();
    }

    public boolean delete(String target) {
        return jdbc.sql("DELETE FROM sync_schedule WHERE target = ?").param(target).update() > 0;
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("last_fire_outcome");
        long runId = rs.getLong("last_fire_run_id");
        Long fireRun = rs.wasNull() ? null : runId;
        LastFire lastFire = outcome == null ? null : new LastFire(Timestamps.read(rs, "last_fired_at"),
                FireOutcome.valueOf(outcome), fireRun, rs.getString("last_fire_detail"));
        return new Stored(rs.getString("target"), rs.getString("account_id"), rs.getString("definition"),
                Source.valueOf(rs.getString("source")), Timestamps.read(rs, "updated_at"), lastFire);
    }
}
