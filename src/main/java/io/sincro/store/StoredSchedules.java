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

    /** @param claimed the last slot a firing claimed, with the node that claimed it (null before any) */
    public record Stored(String target, String accountId, String definition, Source source, Instant updatedAt,
            LastFire lastFire, Claim claimed) {
    }

    /** A slot claimed by a firing: the instant it was planned for, and the node it fired on. */
    public record Claim(Instant slot, String node) {
    }

    /**
     * What happened the last time the schedule fired; {@code REPLANNED}: the watchdog found it with no next
     * firing and planned one (it had been lost).
     */
    public enum FireOutcome { STARTED, SKIPPED, NOT_STARTED, REPLANNED }

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
        jdbc.sql("UPDATE sync_schedule SET last_fired_at = ?, last_fire_outcome = ?, last_fire_run_id = ?, "
                        + "last_fire_detail = ? WHERE target = ?")
                .params(Timestamps.of(fire.at()), fire.outcome().name(), fire.runId(), detail(fire), target).update();
    }

    private static String detail(LastFire fire) {
        return fire.detail() == null || fire.detail().length() <= 1000 ? fire.detail() : fire.detail().substring(0, 1000);
    }

    /**
     * Claims a slot for one firing: true once per slot, for the first firing that asks, whichever node it
     * runs on; false for a slot claimed already (or an older one). A firing that Quartz fires again
     * because the node that had taken it died ({@code takenOverFrom}, that node's scheduler instance) may
     * claim that node's slot once more, as it may not have got as far as starting the run.
     */
    public boolean claim(String target, Instant slot, String instance, String node, String takenOverFrom) {
        var at = Timestamps.of(slot);
        return jdbc.sql("UPDATE sync_schedule SET fired_slot = ?, fired_by = ?, fired_node = ? WHERE target = ? "
                        + "AND (fired_slot IS NULL OR fired_slot < ? OR (fired_slot = ? AND fired_by = ?))")
                .params(at, instance, node, target, at, at, takenOverFrom).update() > 0;
    }

    /** Keeps what a firing did, unless a later slot has been recorded meanwhile. */
    public void firedSlot(String target, LastFire fire) {
        jdbc.sql("UPDATE sync_schedule SET last_fired_at = ?, last_fire_outcome = ?, last_fire_run_id = ?, "
                        + "last_fire_detail = ? WHERE target = ? AND (last_fired_at IS NULL OR last_fired_at <= ? "
                        + "OR last_fire_outcome = 'REPLANNED')")
                .params(Timestamps.of(fire.at()), fire.outcome().name(), fire.runId(), detail(fire), target,
                        Timestamps.of(fire.at())).update();
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
        Instant slot = Timestamps.read(rs, "fired_slot");
        return new Stored(rs.getString("target"), rs.getString("account_id"), rs.getString("definition"),
                Source.valueOf(rs.getString("source")), Timestamps.read(rs, "updated_at"), lastFire,
                slot == null ? null : new Claim(slot, rs.getString("fired_node")));
    }
}
