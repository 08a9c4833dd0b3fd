package io.sincro.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * One running sync per (kind, scope) across every node sharing the database. The primary key of
 * {@code run_lock} is the guard; a holder renews its lease with a heartbeat, so the lock of a node
 * that died expires and can be taken over.
 */
@Repository
public class RunLocks {

    private static final Logger log = LoggerFactory.getLogger(RunLocks.class);

    /** Who holds a lock, for the refusal a second request gets. */
    public record Holder(long runId, String node, Instant since) {
    }

    private final JdbcClient jdbc;
    private final Duration lease;
    private final String node;

    public RunLocks(JdbcClient jdbc, @Value("${sincro.locks.lease}") Duration lease,
            @Value("${sincro.node-id:}") String nodeId) {
        this.jdbc = jdbc;
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
            int takenOver = jdbc.sql("UPDATE run_lock SET run_id = ?, node = ?, acquired_at = ?, heartbeat_at = ? "
                            + "WHERE kind = ? AND scope = ? AND heartbeat_at < ?")
                    .params(runId, node, Timestamps.of(now), Timestamps.of(now), kind, scope,
                            Timestamps.of(now.minus(lease)))
                    .update();
            if (takenOver == 1) {
                log.warn("Took over the expired {} lock of {} for run {}", kind, scope, runId);
                return Optional.empty();
            }
            return holder(kind, scope).or(() -> tryAcquireAgain(kind, scope, runId));
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

    @Scheduled(fixedDelayString = "${sincro.locks.heartbeat}")
    public void heartbeat() {
        jdbc.sql("UPDATE run_lock SET heartbeat_at = ? WHERE node = ?").params(Timestamps.of(Instant.now()), node)
                .update();
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
