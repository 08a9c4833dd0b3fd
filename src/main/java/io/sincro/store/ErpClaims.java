package io.sincro.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claim a push takes on a row before writing it into the ERP: the process that holds it
 * ({@code erp_claim_holder}, see {@link HubNodes}), its node and since when. A claim lives as long as its
 * process: while that process is alive no other push writes the row; once it is gone (its heartbeat
 * older than the lease, or its node started again) the claim may be taken over, and the write it was
 * doing has an unknown outcome: the new holder looks the record up in the ERP before sending it again.
 */
public final class ErpClaims {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Rome"));

    /**
     * What a push found when it asked for the claim.
     *
     * @param taken          this push now holds it
     * @param outcomeUnknown taken over from a process that is gone: its write may have reached the ERP
     * @param heldBy         the node that holds it when not taken
     * @param since          since when that node holds it
     */
    public record Claim(boolean taken, boolean outcomeUnknown, String heldBy, Instant since) {

        static Claim refused(String node, Instant since) {
            return new Claim(false, false, node, since);
        }

        /** The claim this process took when it stored the record, in that commit: a first write, outcome known. */
        public static Claim held() {
            return new Claim(true, false, null, null);
        }

        /** Why the record is not written now, for its pending reason. */
        public String why() {
            return heldBy == null ? "it is no longer waiting for the ERP"
                    : "being written into the ERP by node " + heldBy + " since " + TIME.format(since);
        }
    }

    /** The claim columns of a row as stored. */
    record Held(Instant at, String node, String holder) {
    }

    private ErpClaims() {
    }

    /**
     * Takes the claim on the row for this process, unless a living process holds it; {@code condition}
     * narrows which rows may be claimed (e.g. orders still NEW).
     */
    static Claim claim(JdbcClient jdbc, HubNodes nodes, String table, String condition, long id) {
        Optional<Held> current = jdbc.sql("SELECT erp_claimed_at, erp_claimed_by, erp_claim_holder FROM " + table
                        + " WHERE id = ? AND " + condition)
                .param(id)
                .query((rs, n) -> new Held(Timestamps.read(rs, "erp_claimed_at"), rs.getString("erp_claimed_by"),
                        rs.getString("erp_claim_holder")))
                .optional();
        if (current.isEmpty()) {
            return Claim.refused(null, null);
        }
        Held held = current.get();
        if (held.at() != null && held.holder() != null && nodes.alive(held.holder())) {
            return Claim.refused(held.node(), held.at());
        }
        // compare-and-set on what was read: of two pushes taking over the same dead claim, one wins
        String sql = "UPDATE " + table + " SET erp_claimed_at = ?, erp_claimed_by = ?, erp_claim_holder = ? "
                + "WHERE id = ? AND " + condition
                + (held.at() == null ? " AND erp_claimed_at IS NULL" : " AND erp_claimed_at = ?")
                + (held.holder() == null ? " AND erp_claim_holder IS NULL" : " AND erp_claim_holder = ?");
        Instant now = Instant.now();
        var statement = jdbc.sql(sql).param(Timestamps.of(now)).param(nodes.node()).param(nodes.incarnation()).param(id);
        if (held.at() != null) {
            statement = statement.param(Timestamps.of(held.at()));
        }
        if (held.holder() != null) {
            statement = statement.param(held.holder());
        }
        if (statement.update() == 1) {
            return new Claim(true, held.at() != null, null, null);
        }
        return jdbc.sql("SELECT erp_claimed_at, erp_claimed_by FROM " + table + " WHERE id = ?").param(id)
                .query((rs, n) -> Claim.refused(rs.getString("erp_claimed_by"), Timestamps.read(rs, "erp_claimed_at")))
                .optional().orElse(Claim.refused(null, null));
    }

    /** The pending reason of a claimed row as it stands now, or empty when nobody claims it. */
    static Optional<String> reason(HubNodes nodes, Held held) {
        if (held.at() == null) {
            return Optional.empty();
        }
        if (held.holder() != null && nodes.seemsAlive(held.holder())) {
            return Optional.of("being written into the ERP by node " + held.node() + " since " + TIME.format(held.at()));
        }
        return Optional.of("node " + (held.node() == null ? "(unknown)" : held.node()) + " was writing it into the ERP "
                + "since " + TIME.format(held.at()) + " and stopped: the next partial ERP sync looks it up in the ERP "
                + "before sending it again");
    }

    /** How many rows a process that is gone still claims. */
    static long abandoned(JdbcClient jdbc, HubNodes nodes, String table, String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + condition + " AND erp_claimed_at IS NOT NULL "
                        + "AND (erp_claim_holder IS NULL OR erp_claim_holder NOT IN "
                        + "(SELECT incarnation FROM hub_node WHERE heartbeat_at >= ?))")
                .param(Timestamps.of(nodes.aliveSince())).query(Long.class).single();
    }

    /** SQL that ends a claim (with the write, or its failure). */
    static final String RELEASE = "erp_claimed_at = NULL, erp_claimed_by = NULL, erp_claim_holder = NULL";
}
