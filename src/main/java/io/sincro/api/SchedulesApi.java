package io.sincro.api;

import io.sincro.schedule.Schedule;
import io.sincro.schedule.SyncSchedules;
import io.sincro.store.ShopAccounts;
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
    public record PlannedRun(Instant at, String local) {
    }

    public record Preview(String zone, List<PlannedRun> runs) {
    }

    private final SyncSchedules schedules;
    private final ShopAccounts accounts;
    private final CustomerSyncs customerSyncs;

    public SchedulesApi(SyncSchedules schedules, ShopAccounts accounts, CustomerSyncs customerSyncs) {
        this.schedules = schedules;
        this.accounts = accounts;
        this.customerSyncs = customerSyncs;
    }

    public SyncSchedules.View get(@Header("id") String accountId) {
        return schedules.get(target(accountId)).orElseThrow(() -> ApiProblem.notFound("schedule of account "
                + accountId + " (the account is synced by hand only)"));
    }

    public SyncSchedules.View put(@Header("id") String accountId, Schedule schedule) {
        return save(target(accountId), accountId, schedule);
    }

    public Preview previewSaved(@Header("id") String accountId, @Header("count") Integer count, @Header("from") String from) {
        Schedule schedule = schedules.schedule(target(accountId)).orElseThrow(() -> ApiProblem.notFound(
                "schedule of account " + accountId + " (send one in the body to preview it before saving)"));
        return preview(schedule, count, from);
    }

    public Preview previewUnsaved(@Header("id") String accountId, @Header("count") Integer count, @Header("from") String from,
            Schedule schedule) {
        target(accountId);
        return preview(schedule, count, from);
    }

    public Map<String, Object> reset(@Header("id") String accountId) {
        return resetTarget(target(accountId));
    }

    public SyncSchedules.View getErp() {
        return schedules.get(SyncSchedules.ERP_DELTA).orElseThrow(() -> ApiProblem.notFound(
                "schedule of the ERP delta sync (it runs by hand only)"));
    }

    public SyncSchedules.View putErp(Schedule schedule) {
        return save(SyncSchedules.ERP_DELTA, null, schedule);
    }

    public Preview previewErpSaved(@Header("count") Integer count, @Header("from") String from) {
        return preview(schedules.schedule(SyncSchedules.ERP_DELTA).orElseThrow(() -> ApiProblem.notFound(
                "schedule of the ERP delta sync (send one in the body to preview it before saving)")), count, from);
    }

    public Preview previewErpUnsaved(@Header("count") Integer count, @Header("from") String from,
            Schedule schedule) {
        return preview(schedule, count, from);
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
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 409);
            return Map.of("error", "a customer sync of this account is already running: run " + running.runId()
                    + " on " + running.node() + " since " + running.since(), "runId", running.runId());
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
            throw ApiProblem.badRequest(wrong.getMessage());
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
    private Preview preview(Schedule schedule, Integer count, String from) {
        Instant after;
        try {
            after = from == null || from.isBlank() ? Instant.now() : Instant.parse(from);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest("from must be an ISO-8601 instant such as 2026-10-20T00:00:00Z");
        }
        try {
            List<Instant> runs = schedules.preview(schedule, after, count == null ? 10 : count);
            return new Preview(schedule.zoneOrDefault().getId(), runs.stream()
                    .map(at -> new PlannedRun(at, ZonedDateTime.ofInstant(at, schedule.zoneOrDefault())
                            .toOffsetDateTime().toString()))
                    .toList());
        } catch (IllegalArgumentException wrong) {
            throw ApiProblem.badRequest(wrong.getMessage());
        }
    }

    private String target(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            throw ApiProblem.notFound("account " + accountId);
        }
        return SyncSchedules.accountTarget(accountId);
    }
}
