package io.sincro.store;

import jakarta.annotation.PostConstruct;
import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * One running sync per (kind, scope) across every node sharing the database. The primary key of
 * {@code run_lock} is the guard; a holder renews its lease with a heartbeat, so the lock of a node
 * that died expires and can be taken over. A lock that expires (or that a restarted node finds under
 * its own name) ends its run as FAILED with the reason: a run is never shown as running for ever.
 */
@Repository
public class RunLocks {

    private static final Logger log = LoggerFactory.getLogger(RunLocks.class);

    /** Who holds a lock, for the refusal a second request gets. */
    public record Holder(long runId, String node, Instant since) {
    }

    /** Published when a run is ended as FAILED because its node stopped: {@code why} says which and when. */
    public record RunAbandoned(long runId, String why) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Rome"));

    private final JdbcClient jdbc;
    private final SyncRuns runs;
    private final ApplicationEventPublisher events;
    private final Duration lease;
    private final String node;
    private final Instant started = Instant.now();

    public RunLocks(JdbcClient jdbc, SyncRuns runs, ApplicationEventPublisher events,
            @Value("${sincro.locks.lease}") Duration lease, @Value("${sincro.node-id:}") String nodeId) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.events = events;
        this.lease = lease;
        this.node = nodeId == null || nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : nodeId;
    }

    /** This node's name, as recorded on runs and locks. */
    public String node() {
        return node;
    }

    /** Takes the lock for the run; empty when taken, else the current holder. */
    public Optional<Holder> tryAcquire(String kind, String scope, long runId) {
        Instant now = Instant.now();
        try {
            jdbc.sql("INSERT INTO run_lock (kind, scope, run_id, node, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(kind, scope, runId, node, Timestamps.of(now), Timestamps.of(now)).update();
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            if (expire(kind, scope)) {
                log.warn("Taking over the expired {} lock of {} for run {}", kind, scope, runId);
            }
            return tryAcquireAgain(kind, scope, runId);
        }
    }

    public Optional<Holder> holder(String kind, String scope) {
        return jdbc.sql("SELECT run_id, node, acquired_at FROM run_lock WHERE kind = ? AND scope = ?")
                .params(kind, scope)
                .query((rs, n) -> new Holder(rs.getLong("run_id"), rs.getString("node"),
                        Timestamps.read(rs, "acquired_at")))
                .optional();
    }

    public void release(String kind, String scope, long runId) {
        jdbc.sql("DELETE FROM run_lock WHERE kind = ? AND scope = ? AND run_id = ?").params(kind, scope, runId).update();
    }

    /** Every lock the run holds (its own, and another kind's it took for a step), when it has ended. */
    public void releaseAll(long runId) {
        jdbc.sql("DELETE FROM run_lock WHERE run_id = ?").param(runId).update();
    }

    /** Renews this node's leases, and ends the locks (and runs) of nodes that stopped renewing theirs. */
    @Scheduled(fixedDelayString = "${sincro.locks.heartbeat}")
    public void heartbeat() {
        jdbc.sql("UPDATE run_lock SET heartbeat_at = ? WHERE node = ?").params(Timestamps.of(Instant.now()), node)
                .update();
        jdbc.sql("SELECT * FROM run_lock WHERE heartbeat_at < ?").param(Timestamps.of(expiredBefore()))
                .query(this::held).list()
                .forEach(held -> expire(held.kind(), held.scope()));
    }

    /**
     * A node given a fixed name ({@code sincro.node-id}) that starts again finds the locks it held when it
     * stopped: their runs died with it, and its heartbeat must not keep them alive.
     */
    @PostConstruct
    void releaseWhatThisNodeHeldBeforeItStarted() {
        jdbc.sql("SELECT * FROM run_lock WHERE node = ? AND acquired_at < ?").params(node, Timestamps.of(started))
                .query(this::held).list()
                .forEach(held -> {
                    if (jdbc.sql("DELETE FROM run_lock WHERE kind = ? AND scope = ? AND run_id = ? AND node = ?")
                            .params(held.kind(), held.scope(), held.runId(), node).update() == 1) {
                        abandoned(held.runId(), "Node " + node + " stopped while it ran this run; it was started "
                                + "again at " + TIME.format(started) + ".");
                        log.warn("Released the {} lock of {} that this node held before it started (run {}, FAILED)",
                                held.kind(), held.scope(), held.runId());
                    }
                });
    }

    /** Ends the lock of (kind, scope) if its lease ran out: its node stopped, so its run is FAILED. */
    private boolean expire(String kind, String scope) {
        Instant before = expiredBefore();
        return jdbc.sql("SELECT * FROM run_lock WHERE kind = ? AND scope = ? AND heartbeat_at < ?")
                .params(kind, scope, Timestamps.of(before))
                .query(this::held).optional()
                .filter(held -> jdbc.sql("DELETE FROM run_lock WHERE kind = ? AND scope = ? AND run_id = ? "
                                + "AND heartbeat_at < ?")
                        .params(kind, scope, held.runId(), Timestamps.of(before)).update() == 1)
                .map(held -> {
                    abandoned(held.runId(), "Node " + held.node() + " stopped answering while it ran this run: its "
                            + "last sign of life was at " + TIME.format(held.heartbeatAt()) + " and its lock expired "
                            + lease.toSeconds() + " s later.");
                    log.warn("The {} lock of {} expired: node {} stopped, its run {} is FAILED", kind, scope,
                            held.node(), held.runId());
                    return true;
                })
                .orElse(false);
    }

    /** A lock as stored. */
    private record Held(String kind, String scope, long runId, String node, Instant heartbeatAt) {
    }

    private Held held(ResultSet rs, int row) throws SQLException {
        return new Held(rs.getString("kind"), rs.getString("scope"), rs.getLong("run_id"), rs.getString("node"),
                Timestamps.read(rs, "heartbeat_at"));
    }

    /** The run's node is gone: the run is FAILED with why, and those who hear of failed runs are told. */
    private void abandoned(long runId, String why) {
        if (runs.finish(runId, SyncRuns.State.FAILED, why)) {
            events.publishEvent(new RunAbandoned(runId, why));
        }
    }

    private Instant expiredBefore() {
        return Instant.now().minus(lease);
    }

    /** The holder released between our insert and our read: one more try. */
    private Optional<Holder> tryAcquireAgain(String kind, String scope, long runId) {
        try {
            jdbc.sql("INSERT INTO run_lock (kind, scope, run_id, node, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(kind, scope, runId, node, Timestamps.of(Instant.now()), Timestamps.of(Instant.now()))
                    .update();
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            return holder(kind, scope);
        }
    }
}
