package io.sincro.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.store.ShopAccounts;
import io.sincro.store.StoredSchedules;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The schedules of the shop accounts ("Schedulazione") and of the ERP delta sync, kept in two places:
 * what was asked for in {@code sync_schedule} (with its source), and the next run as a Quartz trigger
 * in the clustered JDBC job store, so it survives restarts and fires on one node only. Each trigger
 * fires once; the job plans the next run from the schedule when it fires, so windows, weekdays,
 * month ends and DST follow {@link Schedule}'s rules exactly. A run missed while every node was down
 * fires once as soon as a node is up again.
 */
@Component
public class SyncSchedules {

    private static final Logger log = LoggerFactory.getLogger(SyncSchedules.class);
    /** The ERP delta sync's target; shop accounts are {@code account:<id>}. */
    public static final String ERP_DELTA = "erp-delta";
    static final String GROUP = "sincro-schedules";
    private static final int PREVIEW_MAX = 100;

    /**
     * A schedule as the API shows it: what it is, where it came from, when it runs next (empty for the
     * moment it is firing) and what it did the last time it fired.
     */
    public record View(String target, Schedule schedule, StoredSchedules.Source source, Instant updatedAt,
            Instant nextRun, StoredSchedules.LastFire lastFire) {
    }

    private final StoredSchedules stored;
    private final Scheduler scheduler;
    private final ObjectMapper json;
    private final SchedulesProperties configured;
    private final ShopAccounts accounts;

    public SyncSchedules(StoredSchedules stored, Scheduler scheduler, ObjectMapper json,
            SchedulesProperties configured, ShopAccounts accounts) {
        this.stored = stored;
        this.scheduler = scheduler;
        this.json = json;
        this.configured = configured;
        this.accounts = accounts;
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
        for (StoredSchedules.Stored schedule : stored.all()) {
            if (nextRun(schedule.target()).isEmpty()) {
                plan(schedule.target(), Instant.now());
            }
        }
    }

    public Optional<View> get(String target) {
        return stored.get(target).map(s -> new View(s.target(), read(s.definition()), s.source(), s.updatedAt(),
                nextRun(target).orElse(null), s.lastFire()));
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

    /**
     * Plans the run after {@code after} (the run that just fired, or now). Called by the job when it
     * fires, so a schedule always has exactly one next run.
     */
    public void plan(String target, Instant after) {
        Optional<Schedule> schedule = schedule(target);
        if (schedule.isEmpty()) {
            unplan(target);
            return;
        }
        Instant from = after.isAfter(Instant.now()) ? after : Instant.now();
        List<Instant> next = schedule.get().next(from, 1);
        if (next.isEmpty()) {
            unplan(target);
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(target)).forJob(jobKey(target))
                .startAt(Date.from(next.get(0)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (!scheduler.checkExists(jobKey(target))) {
                JobDetail job = JobBuilder.newJob(ScheduledSyncJob.class).withIdentity(jobKey(target))
                        .usingJobData(ScheduledSyncJob.TARGET, target).storeDurably().requestRecovery(false).build();
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
        log.info("Schedule {}: next run at {}", target, next.get(0));
    }

    /** Keeps what the schedule did when it fired, for the operators. */
    public void fired(String target, StoredSchedules.LastFire fire) {
        stored.fired(target, fire);
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
