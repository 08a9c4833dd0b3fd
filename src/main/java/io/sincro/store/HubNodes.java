package io.sincro.store;

import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The hub processes sharing the store, each with its last sign of life. A process is an incarnation of
 * a node: a node started again under the same name ({@code sincro.node-id}) is a new one, and the one
 * before it is gone at once. What a process claimed (an order or customer it was writing into the ERP)
 * is held while it lives: until its heartbeat is older than the lease ({@code sincro.locks.lease},
 * renewed every {@code sincro.locks.heartbeat}, as the run locks are), or until its node starts again.
 */
@Repository
public class HubNodes {

    /** How long a process that stopped is remembered, for the reasons shown on what it left behind. */
    private static final Duration FORGET_AFTER = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Duration lease;
    private final String node;
    private final String incarnation;
    private final Instant started = Instant.now();
    /** Every process's last sign of life as of this process's last heartbeat: for reasons shown, not for claims. */
    private volatile java.util.Map<String, Instant> seen = java.util.Map.of();

    public HubNodes(JdbcClient jdbc, RunLocks locks, @Value("${sincro.locks.lease}") Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.node = locks.node();
        this.incarnation = truncate(node, 90) + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's name. */
    public String node() {
        return node;
    }

    /** This process: the holder of the claims it takes. */
    public String incarnation() {
        return incarnation;
    }

    public Duration lease() {
        return lease;
    }

    /** The processes this node ran before are gone: whatever they held is now an unknown outcome. */
    @PostConstruct
    void register() {
        jdbc.sql("DELETE FROM hub_node WHERE node = ?").param(node).update();
        jdbc.sql("INSERT INTO hub_node (incarnation, node, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                .params(incarnation, node, Timestamps.of(started), Timestamps.of(started)).update();
        look();
    }

    @Scheduled(fixedDelayString = "${sincro.locks.heartbeat}")
    public void heartbeat() {
        Instant now = Instant.now();
        if (jdbc.sql("UPDATE hub_node SET heartbeat_at = ? WHERE incarnation = ?")
                .params(Timestamps.of(now), incarnation).update() == 0) {
            // removed by hand or by a node of the same name: this process is alive, and says so again
            jdbc.sql("INSERT INTO hub_node (incarnation, node, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                    .params(incarnation, node, Timestamps.of(started), Timestamps.of(now)).update();
        }
        jdbc.sql("DELETE FROM hub_node WHERE heartbeat_at < ?").param(Timestamps.of(now.minus(FORGET_AFTER))).update();
        look();
    }

    private void look() {
        java.util.Map<String, Instant> now = new java.util.HashMap<>();
        jdbc.sql("SELECT incarnation, heartbeat_at FROM hub_node")
                .query(rs -> {
                    now.put(rs.getString("incarnation"), Timestamps.read(rs, "heartbeat_at"));
                });
        seen = now;
    }

    /**
     * As {@link #alive}, from what the last heartbeat saw (at most one heartbeat old): for reading many
     * rows at once, where a query per row would hold a second connection inside the first.
     */
    boolean seemsAlive(String holder) {
        if (holder == null) {
            return false;
        }
        Instant at = holder.equals(incarnation) ? Instant.now() : seen.get(holder);
        return at != null && !at.isBefore(aliveSince());
    }

    /** True while the process gives signs of life within the lease. */
    public boolean alive(String holder) {
        if (holder == null) {
            return false;
        }
        if (holder.equals(incarnation)) {
            return true;
        }
        return lastSignOfLife(holder).map(at -> !at.isBefore(aliveSince())).orElse(false);
    }

    public Optional<Instant> lastSignOfLife(String holder) {
        return jdbc.sql("SELECT heartbeat_at FROM hub_node WHERE incarnation = ?").param(holder)
                .query((rs, n) -> Timestamps.read(rs, "heartbeat_at")).optional();
    }

    /** A process heard from after this instant is alive. */
    Instant aliveSince() {
        return Instant.now().minus(lease);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
