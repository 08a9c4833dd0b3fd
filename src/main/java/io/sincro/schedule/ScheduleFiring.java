package io.sincro.schedule;

import io.sincro.store.RunLocks;
import io.sincro.store.StoredSchedules;
import io.sincro.store.StoredSchedules.FireOutcome;
import io.sincro.sync.ErpSyncs;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.ShopRuns;
import java.time.Instant;
import java.util.Date;
import org.apache.camel.Header;
import org.quartz.JobDataMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a schedule does when it fires (on one node of the cluster; step {@code fire} of the route
 * {@code schedule-firing}): first it plans the next firing, then it claims its slot, then it starts a shop
 * account's scheduled run or the ERP delta sync. A node that dies before the next firing is planned has its
 * firing fired again on another node (the job requests recovery); the slot claim makes sure that a slot fired
 * twice that way runs once. A run that is still going when the schedule fires again is not queued: this
 * firing is skipped. What each firing did is kept with the schedule (the API shows it as {@code lastFire})
 * and logged.
 */
@Component("scheduleFiring")
public class ScheduleFiring {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
    /** Quartz names the trigger that repeats a dead node's firing {@code recover_<instance>_<n>}. */
    private static final String RECOVERY_PREFIX = "recover_";

    private final SyncSchedules schedules;
    private final ShopRuns shopRuns;
    private final ErpSyncs erpSyncs;
    private final RunLocks locks;
    private final FiringHold hold;

    ScheduleFiring(SyncSchedules schedules, ShopRuns shopRuns, ErpSyncs erpSyncs, RunLocks locks, FiringHold hold) {
        this.schedules = schedules;
        this.shopRuns = shopRuns;
        this.erpSyncs = erpSyncs;
        this.locks = locks;
        this.hold = hold;
    }

    /**
     * One firing, as the quartz endpoint hands it over.
     *
     * @param job     the job's data: the schedule's target ({@code account:<id>} or {@code erp-delta}); none for
     *                the endpoint's own trigger, which fires once as the route starts and is no schedule's
     * @param slot    the time this firing was planned for
     * @param trigger the trigger's name: a recovery trigger's names the scheduler instance that died
     */
    public void fire(@Header("mergedJobDataMap") JobDataMap job, @Header("scheduledFireTime") Date slot,
            @Header("triggerName") String trigger) {
        String target = job == null ? null : job.getString(ScheduledSyncJob.TARGET);
        if (target == null) {
            log.debug("The schedules' quartz endpoint fired its own trigger ({}): no schedule to run", trigger);
            return;
        }
        fire(target, slot.toInstant(), deadInstance(trigger));
    }

    private void fire(String target, Instant slot, String takenOverFrom) {
        hold.holdIfAsked(target, slot);
        // the next firing before anything else: from here on, this node dying loses no later slot
        schedules.planAfter(target, slot);
        if (!schedules.claim(target, slot, locks.node(), takenOverFrom)) {
            log.info("Schedule {}: the firing of {} was already fired (this is a repeat), nothing more to do",
                    target, slot);
            return;
        }
        String recovered = takenOverFrom == null ? null : "fired again on " + locks.node() + ": the node that had "
                + "taken this firing (Quartz instance " + takenOverFrom + ") stopped before it was done";
        if (recovered != null) {
            log.warn("Schedule {}: the firing of {} {}", target, slot, recovered);
        }
        StoredSchedules.LastFire fire;
        try {
            if (target.equals(SyncSchedules.ERP_DELTA)) {
                fire = erpDelta(slot);
            } else {
                String accountId = target.substring("account:".length());
                var started = shopRuns.request(accountId, "SCHEDULE");
                fire = started.map(start -> shopRun(accountId, slot, start)).orElseGet(() -> {
                    log.warn("Schedule of account {} fired, but there is no such account: no further runs are "
                            + "planned until the hub starts again or the schedule is saved again", accountId);
                    schedules.unplanMissingAccount(target);
                    return new StoredSchedules.LastFire(slot, FireOutcome.NOT_STARTED, null,
                            "there is no account " + accountId + "; no further runs are planned until the hub "
                                    + "starts again or the schedule is saved again");
                });
            }
        } catch (RuntimeException e) {
            log.error("Schedule {} fired at {} and could not start its run", target, slot, e);
            fire = new StoredSchedules.LastFire(slot, FireOutcome.NOT_STARTED, null,
                    "the run could not start: " + e.getMessage());
        }
        if (recovered != null) {
            fire = new StoredSchedules.LastFire(fire.at(), fire.outcome(), fire.runId(),
                    fire.detail() == null ? recovered : recovered + "; " + fire.detail());
        }
        schedules.fired(target, fire);
    }

    /** The scheduler instance named in a recovery trigger's name; null for any other trigger. */
    static String deadInstance(String triggerName) {
        if (triggerName == null || !triggerName.startsWith(RECOVERY_PREFIX)
                || triggerName.lastIndexOf('_') < RECOVERY_PREFIX.length()) {
            return null;
        }
        return triggerName.substring(RECOVERY_PREFIX.length(), triggerName.lastIndexOf('_'));
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
