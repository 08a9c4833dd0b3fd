package io.sincro.sync;

import java.time.Instant;

/** What became of one shop order in a run. */
public record OrderOutcome(String shopOrderId, String number, Instant updatedAt, Result result, Long orderId,
        String reason) {

    public enum Result {
        /** Stored in the hub as NEW. */
        IMPORTED,
        /** Stored in the hub as HELD, with its reasons. */
        HELD,
        /** Imported by an earlier run and changed in the shop since: nothing done. */
        SKIPPED,
        /**
         * Read again unchanged, only because the reading overlaps (the last second of the page before, the
         * overlap window behind the account's watermark): nothing done, and not "already imported" news.
         */
        REREAD,
        /** Could not be stored (after redeliveries): in the dead-letter store. */
        FAILED
    }
}
