package io.sincro.sync;

/** A run of the order sync for one account, already holding its run lock. */
public record OrderSyncRequest(long runId, String accountId, String trigger) {
}
