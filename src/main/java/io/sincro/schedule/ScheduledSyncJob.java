package io.sincro.schedule;

import io.sincro.sync.ErpSyncs;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.ShopRuns;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a schedule does when it fires (on one node of the cluster): a shop account's scheduled run, or
 * the ERP delta sync; then it plans its next run. A run that is still going when the schedule fires
 * again is not queued: this firing is skipped, and the log says which run was in the way.
 */
@DisallowConcurrentExecution
public class ScheduledSyncJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSyncJob.class);
    static final String TARGET = "target";

    @Autowired
    private SyncSchedules schedules;
    @Autowired
    private ShopRuns shopRuns;
    @Autowired
    private ErpSyncs erpSyncs;

    @Override
    public void execute(JobExecutionContext context) {
        String target = context.getMergedJobDataMap().getString(TARGET);
        Instant firedFor = context.getScheduledFireTime().toInstant();
        boolean planNext = true;
        try {
            if (target.equals(SyncSchedules.ERP_DELTA)) {
                ErpSyncs.Answer answer = erpSyncs.request(ErpSyncs.Kind.DELTA, "SCHEDULE");
                if (answer instanceof ErpSyncs.Refused refused) {
                    log.warn("Scheduled ERP delta sync of {} skipped: {}", firedFor, refused.reason());
                } else {
                    log.info("Scheduled ERP delta sync of {} started: run {}", firedFor,
                            ((ErpSyncs.Started) answer).runId());
                }
            } else if (target.startsWith("account:")) {
                String accountId = target.substring("account:".length());
                var started = shopRuns.request(accountId, "SCHEDULE");
                planNext = started.isPresent();
                started.ifPresentOrElse(start -> {
                    if (start instanceof OrderSyncs.AlreadyRunning running) {
                        log.warn("Scheduled run of account {} of {} skipped: run {} is still going on {} since {}",
                                accountId, firedFor, running.runId(), running.node(), running.since());
                    } else {
                        log.info("Scheduled run of account {} of {} started: run {}", accountId, firedFor,
                                ((OrderSyncs.Started) start).runId());
                    }
                }, () -> log.warn("Schedule of account {} fired, but there is no such account: no further runs are "
                        + "planned until the hub starts again or the schedule is saved again", accountId));
            }
        } catch (RuntimeException e) {
            log.error("Schedule {} fired at {} and could not start its run", target, firedFor, e);
        } finally {
            if (planNext) {
                schedules.plan(target, firedFor);
            }
        }
    }
}
