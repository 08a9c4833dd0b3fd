package io.sincro.sync;

import io.sincro.erp.ErpException;

/** What became of one pending item in a push to the ERP. */
public record PushOutcome(Kind kind, String item, Result result, String erpKey, String reason, String accountId) {

    /** {@code accountId}: the account of an order pushed (its rule evaluation is handed to it); else null. */
    public PushOutcome(Kind kind, String item, Result result, String erpKey, String reason) {
        this(kind, item, result, erpKey, reason, null);
    }

    public enum Kind { CUSTOMER, ARTICLE, ORDER }

    public enum Result {
        /** Now in the ERP. */
        PUSHED,
        /** The ERP refused it; it stays pending with the reason. */
        REJECTED,
        /** The ERP could not be reached; it stays pending. */
        UNAVAILABLE,
        /** The ERP refused the hub's user: nothing more is tried. */
        UNAUTHORIZED,
        /** Another push is writing it right now: left to that one. */
        IN_PROGRESS
    }

    public boolean pushed() {
        return result == Result.PUSHED;
    }

    static PushOutcome failed(Kind kind, String item, ErpException e) {
        Result result = e instanceof ErpException.Unauthorized ? Result.UNAUTHORIZED
                : e instanceof ErpException.Rejected ? Result.REJECTED : Result.UNAVAILABLE;
        return new PushOutcome(kind, item, result, null, e.getMessage());
    }
}
