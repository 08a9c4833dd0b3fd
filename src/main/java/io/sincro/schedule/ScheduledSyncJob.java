package io.sincro.schedule;

import io.sincro.store.StoredSchedules;
import io.sincro.store.StoredSchedules.FireOutcome;
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
 * again is not queued: this firing is skipped. What each firing did is kept with the schedule (the API
 * shows it as {@code lastFire}) and logged.
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
        StoredSchedules.LastFire fire;
        try {
            if (target.equals(SyncSchedules.ERP_DELTA)) {
                fire = erpDelta(firedFor);
            } else {
                String accountId = target.substring("account:".length());
                var started = shopRuns.request(accountId, "SCHEDULE");
                planNext = started.isPresent();
                fire = started.map(start -> shopRun(accountId, firedFor, start)).orElseGet(() -> {
                    log.warn("Schedule of account {} fired, but there is no such account: no further runs are "
                            + "planned until the hub starts again or the schedule is saved again", accountId);
                    return new StoredSchedules.LastFire(firedFor, FireOutcome.NOT_STARTED, null,
                            "there is no account " + accountId + "; no further runs are planned until the hub "
                                    + "starts again or the schedule is saved again");
                });
            }
        } catch (RuntimeException e) {
            log.error("Schedule {} fired at {} and could not start its run", target, firedFor, e);
            fire = new StoredSchedules.LastFire(firedFor, FireOutcome.NOT_STARTED, null,
                    "the run could not start: " + e.getMessage());
        }
        try {
            schedules.fired(target, fire);
        } finally {
            if (planNext) {
                schedules.plan(target, firedFor);
            }
        }
    }

    private StoredSchedules.LastFire erpDelta(Instant firedFor) {
        ErpSyncs.Answer answer = erpSyncs.request(ErpSyncs.Kind.DELTA, "SCHEDULE");
        if (answer instanceof ErpSyncs.Refused refused) {
            log.warn("Scheduled ERP delta sync of {} skipped: {}", firedFor, refused.reason());
            return new StoredSchedules.LastFire(firedFor, refused.runningRunId() == null ? FireOutcome.NOT_STARTED
                    : FireOutcome.SKIPPED, refused.runningRunId(), refused.reason());
        }
        ErpSyncs.Started started = (ErpSyncs.Started) answer;
        log.info("Scheduled ERP delta sync of {} started: run {}", firedFor, started.runId());
        return new StoredSchedules.LastFire(firedFor, FireOutcome.STARTED, started.runId(), started.note());
    }

    private StoredSchedules.LastFire shopRun(String accountId, Instant firedFor, OrderSyncs.Start start) {
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            log.warn("Scheduled run of account {} of {} skipped: run {} is still going on {} since {}",
                    accountId, firedFor, running.runId(), running.node(), running.since());
            return new StoredSchedules.LastFire(firedFor, FireOutcome.SKIPPED, running.runId(),
                    "run " + running.runId() + " was still going on " + running.node() + " since " + running.since());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        log.info("Scheduled run of account {} of {} started: run {}", accountId, firedFor, runId);
        return new StoredSchedules.LastFire(firedFor, FireOutcome.STARTED, runId, null);
    }
}
