package io.sincro.sync;

import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The aggregator of a scheduled shop run's steps (route {@code shop-run-steps}, correlated by run id):
 * collects each {@link StepResult} in order and, with the closing one, makes the run's
 * {@link RunReport}, which the completion e-mail tells.
 */
@Component("shopRunReports")
public class ShopRunReports implements AggregationStrategy {

    private final SyncRuns runs;
    private final ShopAccounts accounts;

    public ShopRunReports(SyncRuns runs, ShopAccounts accounts) {
        this.runs = runs;
        this.accounts = accounts;
    }

    @Override
    public Exchange aggregate(Exchange collected, Exchange arrived) {
        StepResult step = arrived.getMessage().getBody(StepResult.class);
        Exchange into = collected == null ? arrived : collected;
        @SuppressWarnings("unchecked")
        List<StepResult> steps = collected == null ? new ArrayList<>() : into.getProperty("sincroSteps", List.class);
        steps.add(step);
        into.setProperty("sincroSteps", steps);
        if (step.last()) {
            into.getMessage().setBody(report(step.runId(), steps));
        }
        return into;
    }

    private RunReport report(long runId, List<StepResult> steps) {
        SyncRuns.SyncRun run = runs.get(runId).orElseThrow();
        Map<String, Object> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (StepResult step : steps) {
            if (!step.counts().isEmpty()) {
                counts.put(step.step(), step.counts());
            }
            if (step.problem() != null) {
                problems.add(step.step() + ": " + step.problem());
            }
        }
        List<String> recipients = run.accountId() == null ? List.of() : accounts.find(run.accountId())
                .map(a -> a.settings().notifyEmails()).orElse(List.of());
        return new RunReport(run, counts, problems, recipients);
    }
}
