package io.sincro.sync;

/**
 * A run of the order sync for one account, already holding its run lock.
 *
 * @param step a step of a larger run (a scheduled run, an ERP sync) whose own e-mail reports it
 */
public record OrderSyncRequest(long runId, String accountId, String trigger, boolean step) {
}
