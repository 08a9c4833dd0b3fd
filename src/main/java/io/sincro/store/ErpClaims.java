package io.sincro.store;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claim a push takes on a row before writing it into the ERP: a time in {@code erp_claimed_at},
 * taken only when no younger claim holds it, so two pushes (or two nodes) never both write the
 * same record, and a crashed push's claim expires after the lease.
 */
final class ErpClaims {

    private ErpClaims() {
    }

    /** True when this push now holds the claim; {@code condition} narrows which rows may be claimed. */
    static boolean claim(JdbcClient jdbc, String table, String condition, long id, Duration lease) {
        Instant now = Instant.now();
        return jdbc.sql("UPDATE " + table + " SET erp_claimed_at = ? WHERE id = ? AND " + condition
                        + " AND (erp_claimed_at IS NULL OR erp_claimed_at < ?)")
                .params(Timestamps.of(now), id, Timestamps.of(now.minus(lease))).update() == 1;
    }
}
