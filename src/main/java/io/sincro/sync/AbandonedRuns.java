package io.sincro.sync;

import io.sincro.store.RunLocks;
import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A run whose node died (its lock expired) is told like a run that failed: the ERP sync and the
 * scheduled shop run, which close with a report e-mail, send it with the steps they got through and
 * why they ended. Order syncs that are steps of those runs are told in theirs. Sent apart from the
 * heartbeat that found it, so a slow mail server never delays the node's own leases.
 */
@Component
public class AbandonedRuns {

    private final SyncRuns runs;
    private final ShopAccounts accounts;
    private final ErpSyncRun erpSyncRun;
    private final ProducerTemplate producer;

    public AbandonedRuns(SyncRuns runs, ShopAccounts accounts, ErpSyncRun erpSyncRun, @Lazy ProducerTemplate producer) {
        this.runs = runs;
        this.accounts = accounts;
        this.erpSyncRun = erpSyncRun;
        this.producer = producer;
    }

    @EventListener
    public void on(RunLocks.RunAbandoned abandoned) {
        runs.get(abandoned.runId()).ifPresent(run -> {
            List<String> recipients = switch (run.kind()) {
                case "ERP_FULL", "ERP_DELTA" -> erpSyncRun.recipients();
                case ShopRuns.LOCK_KIND -> accounts.find(run.accountId()).map(a -> a.settings().notifyEmails())
                        .orElse(List.of());
                default -> List.of();
            };
            if (!recipients.isEmpty()) {
                producer.asyncSendBody("direct:run-report-mail", new RunReport(run, runs.steps(run.id()),
                        List.of(abandoned.why()), recipients));
            }
        });
    }
}
