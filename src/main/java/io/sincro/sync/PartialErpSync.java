package io.sincro.sync;

import io.sincro.store.SyncRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hand-off from a shop order run to the partial ERP sync (F1 step 4). Every order run ends by
 * requesting it, so what the run stored goes on to the ERP; the request is recorded on the run.
 * The push itself (ERP gateway) is not built yet: until it is, requested orders stay NEW.
 */
@Component("partialErpSync")
public class PartialErpSync {

    private static final Logger log = LoggerFactory.getLogger(PartialErpSync.class);

    private final SyncRuns runs;

    public PartialErpSync(SyncRuns runs) {
        this.runs = runs;
    }

    public void requestAfter(RunSummary summary) {
        runs.erpSyncRequested(summary.run().id());
        log.info("Partial ERP sync requested by order sync run {} of account {} ({} new orders)", summary.run().id(),
                summary.run().accountId(), summary.run().ordersImported());
    }
}
