package io.sincro.sync;

import io.sincro.store.SyncRuns;
import java.util.List;
import java.util.Map;

/** A finished run made of steps, as its completion e-mail tells it: each step's counts, what needs a look. */
public record RunReport(SyncRuns.SyncRun run, Map<String, Object> steps, List<String> problems,
        List<String> recipients) {
}
