package io.sincro.fulfilment;

/** One stored push-back to send: what the state-push-back route carries (and a dead letter replays). */
public record PushRequest(long pushId, long orderId, String accountId, String action, String documentKey) {

    /** The idempotency key: one push per (order, ERP document, action). */
    public String key() {
        return orderId + ":" + documentKey + ":" + action;
    }
}
