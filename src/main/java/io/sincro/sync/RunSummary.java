package io.sincro.sync;

import io.sincro.store.SyncRuns;
import java.util.List;

/** A finished run as its completion e-mail tells it: the counts, and every order that needs a look. */
public record RunSummary(SyncRuns.SyncRun run, String accountName, List<String> recipients,
        List<OrderOutcome> problems) {
}
