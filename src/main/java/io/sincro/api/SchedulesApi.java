package io.sincro.api;

import io.sincro.erp.ErpSyncProperties;
import io.sincro.schedule.Schedule;
import io.sincro.schedule.SyncSchedules;
import io.sincro.store.ShopAccounts;
import io.sincro.store.StoredSchedules;
import io.sincro.sync.CustomerSyncs;
import io.sincro.sync.OrderSyncs;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Schedules of the shop accounts and of the ERP delta sync ("Schedulazione": preview = "Test", reset),
 * and the customer sync on request.
 */
@Component("schedulesApi")
public class SchedulesApi {

    /** One planned run: the instant, and the wall-clock time in the schedule's zone. */
    public record PlannedRun(Instant at, @io.swagger.v3.oas.annotations.media.Schema(example = "2026-12-01T08:00+01:00",
            description = "the same instant on the wall clock of the schedule's zone, with its offset (ISO-8601; "
                    + "seconds only when not zero)") String local) {
    }

    public record Preview(@io.swagger.v3.oas.annotations.media.Schema(example = "Europe/Rome",
            description = "the schedule's IANA time zone") String zone, List<PlannedRun> runs) {
    }

    private static final int PREVIEW_MAX = 100;

    private final SyncSchedules schedules;
    private final ShopAccounts accounts;
    private final CustomerSyncs customerSyncs;
    private final RequestChecks checks;
    private final ErpSyncProperties erpSyncs;

    public SchedulesApi(SyncSchedules schedules, ShopAccounts accounts, CustomerSyncs customerSyncs,
            RequestChecks checks, ErpSyncProperties erpSyncs) {
        this.schedules = schedules;
        this.accounts = accounts;
        this.customerSyncs = customerSyncs;
        this.checks = checks;
        this.erpSyncs = erpSyncs;
    }

    public SyncSchedules.View get(@Header("id") String accountId) {
        return schedules.get(target(accountId)).orElseThrow(() -> ApiProblem.notFound("schedule of account "
                + accountId + " (the account is synced by hand only)"));
    }

    public SyncSchedules.View put(@Header("id") String accountId, Schedule schedule) {
        String target = target(accountId);
        checks.valid(schedule, "");
        return save(target, accountId, schedule);
    }

    public Preview previewSaved(@Header("id") String accountId, @Header("count") String count, @Header("from") String from) {
        Schedule schedule = schedules.schedule(target(accountId)).orElseThrow(() -> ApiProblem.notFound(
                "schedule of account " + accountId + " (send one in the body to preview it before saving)"));
        return preview(schedule, count, from);
    }

    public Preview previewUnsaved(@Header("id") String accountId, @Header("count") String count, @Header("from") String from,
            Schedule schedule) {
        target(accountId);
        return preview(checks.valid(schedule, ""), count, from);
    }

    public Map<String, Object> reset(@Header("id") String accountId) {
        return resetTarget(target(accountId));
    }

    public SyncSchedules.View getErp() {
        return schedules.get(SyncSchedules.ERP_DELTA).orElseThrow(() -> ApiProblem.notFound(
                "schedule of the ERP delta sync (it runs by hand only)"));
    }

    /**
     * The ERP delta sync's schedule must fit the monthly quota of full and delta syncs: one that could run
     * more often in a month than the quota allows is refused with the arithmetic (a schedule that used the
     * quota up would leave no sync for the month's last days, nor for a full sync by hand).
     */
    public SyncSchedules.View putErp(Schedule schedule) {
        checks.valid(schedule, "");
        if (schedules.get(SyncSchedules.ERP_DELTA).filter(v -> v.source() == StoredSchedules.Source.CONFIG)
                .isPresent()) {
            return save(SyncSchedules.ERP_DELTA, null, schedule);
        }
        if (schedule.whatIsWrong() == null) {
            Schedule.MonthlyRuns most = schedule.mostRunsInAMonth();
            int quota = erpSyncs.monthlyQuota();
            if (most.runs() > quota) {
                throw ApiProblem.invalid("frequency", most.arithmetic() + " > quota " + quota + " (full and delta "
                        + "ERP syncs allowed a month, sincro.erp.sync.monthly-quota): choose a schedule that runs at "
                        + "most " + quota + " times a month").with("quota", quota).with("runsPerMonth", most.runs());
            }
        }
        return save(SyncSchedules.ERP_DELTA, null, schedule);
    }

    public Preview previewErpSaved(@Header("count") String count, @Header("from") String from) {
        return preview(schedules.schedule(SyncSchedules.ERP_DELTA).orElseThrow(() -> ApiProblem.notFound(
                "schedule of the ERP delta sync (send one in the body to preview it before saving)")), count, from);
    }

    public Preview previewErpUnsaved(@Header("count") String count, @Header("from") String from,
            Schedule schedule) {
        return preview(checks.valid(schedule, ""), count, from);
    }

    public Map<String, Object> resetErp() {
        return resetTarget(SyncSchedules.ERP_DELTA);
    }

    /** {@code POST /api/accounts/{id}/sync/customers}: every hub customer of the account, refreshed from the shop. */
    public Object syncCustomers(@Header("id") String accountId, Exchange exchange) {
        OrderSyncs.Start start;
        try {
            start = customerSyncs.request(accountId, "MANUAL").orElseThrow(() -> ApiProblem.notFound("account "
                    + accountId));
        } catch (IllegalArgumentException notAShop) {
            throw ApiProblem.badRequest(notAShop.getMessage());
        }
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            throw ApiProblem.running("a customer sync of this account is already running: run " + running.runId()
                    + " on " + running.node() + " since " + running.since(), running.runId(), running.node(),
                    running.since());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + runId);
        return Map.of("runId", runId, "state", "RUNNING", "run", "/api/runs/" + runId);
    }

    private SyncSchedules.View save(String target, String accountId, Schedule schedule) {
        try {
            return schedules.save(target, accountId, schedule);
        } catch (IllegalArgumentException wrong) {
            throw ApiProblem.invalid("schedule", wrong.getMessage());
        } catch (IllegalStateException configured) {
            throw ApiProblem.conflict(configured.getMessage());
        }
    }

    private Map<String, Object> resetTarget(String target) {
        try {
            boolean had = schedules.reset(target);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("target", target);
            answer.put("reset", had);
            answer.put("message", had ? "schedule and planned runs cleared: synced by hand only"
                    : "there was no schedule");
            return answer;
        } catch (IllegalStateException configured) {
            throw ApiProblem.conflict(configured.getMessage());
        }
    }

    /** {@code from}: an ISO-8601 instant to preview from (default now), e.g. to see a week across a DST change. */
    private Preview preview(Schedule schedule, String count, String from) {
        Instant after = RequestChecks.instant("from", from, Instant.now());
        int runs = RequestChecks.number("count", count, 10, 1, PREVIEW_MAX);
        try {
            List<Instant> next = schedules.preview(schedule, after, runs);
            return new Preview(schedule.zoneOrDefault().getId(), next.stream()
                    .map(at -> new PlannedRun(at, ZonedDateTime.ofInstant(at, schedule.zoneOrDefault())
                            .toOffsetDateTime().toString()))
                    .toList());
        } catch (IllegalArgumentException wrong) {
            throw ApiProblem.invalid("schedule", wrong.getMessage());
        }
    }

    private String target(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw ApiProblem.notFound("account " + accountId);
        }
        return SyncSchedules.accountTarget(accountId);
    }
}
