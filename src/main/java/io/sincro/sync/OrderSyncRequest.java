package io.sincro.sync;

/** A run of the order sync for one account, already holding its run lock. */
public record OrderSyncRequest(long runId, String accountId, String trigger) {

    /** Triggers of the runs that start order syncs as one of their steps, followed by their run id. */
    static final java.util.List<String> LARGER_RUNS = java.util.List.of("SHOP_RUN ", "ERP_FULL ", "ERP_DELTA ");

    /** Started as a step of a scheduled shop run or of an ERP sync, which reports it. */
    public boolean partOfLargerRun() {
        return trigger != null && LARGER_RUNS.stream().anyMatch(trigger::startsWith);
    }
}
