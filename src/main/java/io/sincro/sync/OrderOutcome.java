package io.sincro.sync;

import io.sincro.store.Orders;
import java.time.Instant;

/**
 * What became of one shop order in a run; for an order stored as NEW, {@code erpNeeds}: what it needs written
 * into the ERP before it (its customer, articles the hub coded) as the intake found them, or null when the
 * intake could not tell (then it is read from the store).
 */
public record OrderOutcome(String shopOrderId, String number, Instant updatedAt, Result result, Long orderId,
        String reason, Orders.ErpPrerequisites erpNeeds) {

    public OrderOutcome(String shopOrderId, String number, Instant updatedAt, Result result, Long orderId,
            String reason) {
        this(shopOrderId, number, updatedAt, result, orderId, reason, null);
    }

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
