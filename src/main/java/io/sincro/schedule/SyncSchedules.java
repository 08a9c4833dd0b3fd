package io.sincro.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.store.ShopAccounts;
import io.sincro.store.StoredSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The schedules of the shop accounts ("Schedulazione") and of the ERP delta sync, kept in two places:
 * what was asked for in {@code sync_schedule} (with its source), and the next firing as a Quartz trigger
 * in the clustered JDBC job store, so it survives restarts and fires on one node only. Each trigger
 * fires once and its job plans the next firing from the schedule (so windows, weekdays, month ends and
 * DST follow {@link Schedule}'s rules exactly) <em>before</em> it starts the run. Nothing a node's death
 * can interrupt loses the schedule: the job asks Quartz for recovery, so a firing taken by a node that
 * dies is fired again on another; every firing claims its slot in {@code sync_schedule} first, so a slot
 * runs once however many times it is fired; and the {@link #watch() watchdog} on every node plans again
 * any schedule left without a next firing, and says so. A run missed while every node was down fires
 * once as soon as a node is up again.
 */
@Component
public class SyncSchedules {

    private static final Logger log = LoggerFactory.getLogger(SyncSchedules.class);
    /** The ERP delta sync's target; shop accounts are {@code account:<id>}. */
    public static final String ERP_DELTA = "erp-delta";
    static final String GROUP = "sincro-schedules";
    private static final int PREVIEW_MAX = 100;
    /** How far past its time a planned firing may be before the watchdog calls it stuck, beyond Quartz's misfire threshold. */
    private static final Duration WATCH_GRACE = Duration.ofSeconds(60);

    /**
     * A schedule as the API shows it: what it is, where it came from, its {@link State}, when it runs
     * next, the firing under way (if any) and what it did the last time it fired.
     *
     * @param problem when {@code state} is {@code NO_NEXT_RUN}: what is wrong, for the operator
     */
    public record View(String target, Schedule schedule, StoredSchedules.Source source, Instant updatedAt,
            State state, Instant nextRun, Firing firing, String problem, StoredSchedules.LastFire lastFire) {
    }

    /**
     * {@code PLANNED}: a next firing is planned. {@code FIRING}: a node has taken the firing and is
     * starting its run (the next firing is planned in a moment). {@code NO_NEXT_RUN}: nothing will fire —
     * an error the watchdog repairs, shown as such.
     */
    public enum State { PLANNED, FIRING, NO_NEXT_RUN }

    /**
     * A firing under way: the slot it fires, the Quartz scheduler instance that took it and since when, and
     * the run it started once it has.
     */
    public record Firing(Instant slot, String instance, Instant since, Long runId) {
    }

    private final StoredSchedules stored;
    private final Scheduler scheduler;
    private final ObjectMapper json;
    private final SchedulesProperties configured;
    private final ShopAccounts accounts;
    private final QuartzFirings firings;
    private final Duration misfireThreshold;

    public SyncSchedules(StoredSchedules stored, Scheduler scheduler, ObjectMapper json,
            SchedulesProperties configured, ShopAccounts accounts, QuartzFirings firings,
            @Value("${spring.quartz.properties.org.quartz.jobStore.misfireThreshold:60000}") long misfireThresholdMs) {
        this.stored = stored;
        this.scheduler = scheduler;
        this.json = json;
        this.configured = configured;
        this.accounts = accounts;
        this.firings = firings;
        this.misfireThreshold = Duration.ofMillis(misfireThresholdMs);
    }

    public static String accountTarget(String accountId) {
        return "account:" + accountId;
    }

    /** Configured schedules are written over the stored ones; every stored schedule gets its next run. */
    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        configured.accounts().forEach((accountId, schedule) -> {
            if (accounts.find(accountId).isEmpty()) {
                log.warn("Schedule of account {} in configuration: no such account, the schedule waits for it",
                        accountId);
            }
            store(accountTarget(accountId), accountId, schedule, StoredSchedules.Source.CONFIG);
        });
        if (configured.erpDelta() != null) {
            store(ERP_DELTA, null, configured.erpDelta(), StoredSchedules.Source.CONFIG);
        }
        stored.all().forEach(schedule -> makeRecoverable(schedule.target()));
        watch();
    }

    /**
     * The watchdog (every node, every {@code sincro.schedules.watchdog-interval}, and at start): a schedule
     * with no next firing and no firing under way, or whose next firing is stuck in the past (older than
     * Quartz's misfire threshold and one more interval), is planned again from now — with a warning in the
     * log and in its {@code lastFire}. Firing under way is left alone: if its node died, Quartz fires it
     * again on another node (the job requests recovery).
     */
    public void watch() {
        Instant now = Instant.now();
        for (StoredSchedules.Stored schedule : stored.all()) {
            String target = schedule.target();
            try {
                if (!target.equals(ERP_DELTA) && accounts.find(schedule.accountId()).isEmpty()) {
                    continue; // it would only fire to say there is no such account
                }
                Optional<Instant> next = nextFiring(target);
                boolean stuck = next.isPresent() && next.get().isBefore(now.minus(misfireThreshold).minus(WATCH_GRACE));
                if ((next.isPresent() && !stuck) || firings.underWay(scheduler.getSchedulerName(), jobKey(target))
                        .isPresent()) {
                    continue;
                }
                String why = next.isEmpty() ? "had no next firing" : "had its next firing stuck at " + next.get();
                Optional<Instant> planned = replan(target, now);
                String detail = "the schedule " + why + " (its last firing was "
                        + (schedule.lastFire() == null ? "never" : schedule.lastFire().at() + ", "
                                + schedule.lastFire().outcome()) + "): planned again for "
                        + planned.map(Instant::toString).orElse("no time the schedule gives");
                log.warn("Schedule {} {}", target, detail);
                stored.firedSlot(target, new StoredSchedules.LastFire(now, StoredSchedules.FireOutcome.REPLANNED,
                        null, detail));
            } catch (RuntimeException | SchedulerException e) {
                log.error("Watchdog could not check schedule {}: {}", target, e.getMessage(), e);
            }
        }
    }

    public Optional<View> get(String target) {
        return stored.get(target).map(s -> {
            Optional<Instant> next = nextRun(target);
            Optional<Firing> firing = firing(target, s);
            State state = next.isPresent() && firing.isEmpty() ? State.PLANNED
                    : firing.isPresent() ? State.FIRING : State.NO_NEXT_RUN;
            String problem = state != State.NO_NEXT_RUN ? null : "no next firing is planned and none is under way: "
                    + "the schedule will not run until the watchdog (on every node, every sincro.schedules.watchdog-interval) "
                    + "plans it again";
            return new View(s.target(), read(s.definition()), s.source(), s.updatedAt(), state, next.orElse(null),
                    firing.orElse(null), problem, s.lastFire());
        });
    }

    private Optional<Firing> firing(String target, StoredSchedules.Stored s) {
        try {
            return firings.underWay(scheduler.getSchedulerName(), jobKey(target)).map(f -> {
                StoredSchedules.LastFire last = s.lastFire();
                Long runId = last != null && f.slot().equals(last.at()) && last.runId() != null ? last.runId() : null;
                return new Firing(f.slot(), f.instance(), f.since(), runId);
            });
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the firings of " + target, e);
        }
    }

    /** Sets a schedule through the API; refused when the schedule is wrong or comes from configuration. */
    public View save(String target, String accountId, Schedule schedule) {
        String wrong = schedule == null ? "a schedule is required" : schedule.whatIsWrong();
        if (wrong != null) {
            throw new IllegalArgumentException(wrong);
        }
        refuseIfConfigured(target);
        store(target, accountId, schedule, StoredSchedules.Source.API);
        return get(target).orElseThrow();
    }

    /** "Reset": the schedule and its planned runs are cleared; the target is synced by hand only. */
    public boolean reset(String target) {
        refuseIfConfigured(target);
        unplan(target);
        return stored.delete(target);
    }

    /** "Test": the next runs of a schedule, saved or not. */
    public List<Instant> preview(Schedule schedule, Instant after, int count) {
        String wrong = schedule == null ? "a schedule is required" : schedule.whatIsWrong();
        if (wrong != null) {
            throw new IllegalArgumentException(wrong);
        }
        return schedule.next(after, Math.max(1, Math.min(PREVIEW_MAX, count)));
    }

    public Optional<Schedule> schedule(String target) {
        return stored.get(target).map(s -> read(s.definition()));
    }

    /** Plans the run after {@code after} (now, or a saved schedule's start), replacing whatever was planned. */
    public void plan(String target, Instant after) {
        replan(target, after);
    }

    /**
     * Plans the firing after {@code slot}, the slot that is firing now; called by the job before it starts
     * the run. It only ever moves the next firing forward: a late firing (fired again after its node died)
     * never brings back a slot that has already been planned past. A next slot that is already past (the
     * firing came late) is still planned, so it fires at once — unless it is older than Quartz's misfire
     * threshold: slots missed for longer are not caught up one by one.
     */
    public void planAfter(String target, Instant slot) {
        Optional<Schedule> schedule = schedule(target);
        if (schedule.isEmpty()) {
            unplan(target);
            return;
        }
        Instant catchUpFrom = Instant.now().minus(misfireThreshold);
        List<Instant> next = schedule.get().next(slot.isAfter(catchUpFrom) ? slot : catchUpFrom, 1);
        if (next.isEmpty()) {
            return;
        }
        Optional<Instant> planned = nextRun(target);
        if (planned.isPresent() && !planned.get().isBefore(next.get(0))) {
            return;
        }
        schedule(target, next.get(0));
    }

    /**
     * Claims {@code slot} for this firing: true once per slot (see {@link StoredSchedules#claim});
     * {@code takenOverFrom}: the scheduler instance whose firing this one repeats after it died.
     */
    public boolean claim(String target, Instant slot, String node, String takenOverFrom) {
        try {
            return stored.claim(target, slot, scheduler.getSchedulerInstanceId(), node, takenOverFrom);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Instant> replan(String target, Instant after) {
        Optional<Schedule> schedule = schedule(target);
        if (schedule.isEmpty()) {
            unplan(target);
            return Optional.empty();
        }
        Instant from = after.isAfter(Instant.now()) ? after : Instant.now();
        List<Instant> next = schedule.get().next(from, 1);
        if (next.isEmpty()) {
            unplan(target);
            return Optional.empty();
        }
        schedule(target, next.get(0));
        return Optional.of(next.get(0));
    }

    /** Jobs stored before firings were recoverable become so (their planned trigger stays as it is). */
    private void makeRecoverable(String target) {
        try {
            JobDetail job = scheduler.getJobDetail(jobKey(target));
            if (job != null && !job.requestsRecovery()) {
                scheduler.addJob(job.getJobBuilder().requestRecovery(true).build(), true);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot make the firings of " + target + " recoverable", e);
        }
    }

    private void schedule(String target, Instant at) {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(target)).forJob(jobKey(target))
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            JobDetail existing = scheduler.getJobDetail(jobKey(target));
            if (existing == null || !existing.requestsRecovery()) {
                // recovery: a firing taken by a node that dies is fired again by another node
                JobDetail job = JobBuilder.newJob(ScheduledSyncJob.class).withIdentity(jobKey(target))
                        .usingJobData(ScheduledSyncJob.TARGET, target).storeDurably().requestRecovery(true).build();
                scheduler.addJob(job, true);
            }
            if (scheduler.checkExists(triggerKey(target))) {
                scheduler.rescheduleJob(triggerKey(target), trigger);
            } else {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException plannedByAnotherNode) {
                    // two nodes starting together both plan the configured schedules: the last one wins
                    scheduler.rescheduleJob(triggerKey(target), trigger);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot plan the next run of " + target + ": " + e.getMessage(), e);
        }
        log.info("Schedule {}: next run at {}", target, at);
    }

    /** Keeps what the schedule did when it fired, for the operators (a later slot's record is kept). */
    public void fired(String target, StoredSchedules.LastFire fire) {
        stored.firedSlot(target, fire);
    }

    /** The earliest next firing of any of the schedule's triggers (its own, or one Quartz set to recover a firing). */
    private Optional<Instant> nextFiring(String target) throws SchedulerException {
        return scheduler.getTriggersOfJob(jobKey(target)).stream().map(Trigger::getNextFireTime)
                .filter(java.util.Objects::nonNull).map(Date::toInstant).min(Instant::compareTo);
    }

    public Optional<Instant> nextRun(String target) {
        try {
            Trigger trigger = scheduler.getTrigger(triggerKey(target));
            return trigger == null || trigger.getNextFireTime() == null ? Optional.empty()
                    : Optional.of(trigger.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the next run of " + target, e);
        }
    }

    private void store(String target, String accountId, Schedule schedule, StoredSchedules.Source source) {
        String wrong = schedule.whatIsWrong();
        if (wrong != null) {
            throw new IllegalStateException("schedule of " + target + " (" + source + ") is not usable: " + wrong);
        }
        String definition = write(schedule);
        boolean unchanged = stored.get(target).map(s -> s.definition().equals(definition) && s.source() == source)
                .orElse(false);
        stored.save(target, accountId, definition, source);
        // an unchanged schedule keeps its planned run: one missed while the hub was down still fires once
        if (!unchanged || nextRun(target).isEmpty()) {
            plan(target, Instant.now());
        }
    }

    /** A schedule whose account is gone stops firing; the watchdog leaves it alone until the account exists. */
    void unplanMissingAccount(String target) {
        unplan(target);
    }

    private void unplan(String target) {
        try {
            scheduler.deleteJob(jobKey(target));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot clear the runs of " + target, e);
        }
    }

    private void refuseIfConfigured(String target) {
        stored.get(target).filter(s -> s.source() == StoredSchedules.Source.CONFIG).ifPresent(s -> {
            throw new IllegalStateException("the schedule of " + target + " is set in the hub's configuration "
                    + "(sincro.schedules.*): change it there");
        });
    }

    static JobKey jobKey(String target) {
        return JobKey.jobKey(target, GROUP);
    }

    static TriggerKey triggerKey(String target) {
        return TriggerKey.triggerKey(target, GROUP);
    }

    private String write(Schedule schedule) {
        try {
            return json.writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Schedule read(String definition) {
        try {
            return json.readValue(definition, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored schedule cannot be read: " + e.getMessage(), e);
        }
    }
}
