package io.sincro.sync;

import io.sincro.fulfilment.PushBackTally;
import io.sincro.store.RunLocks;
import io.sincro.store.SyncRuns;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The scheduled run of a shop account (F4, seed 000 "Sincronizzazione schedulata"): the order sync,
 * the customer sync of the customers changed in the shop, a partial ERP sync (which hands the orders
 * that reached the ERP to rule evaluation), and the push-back of the account's ERP state changes.
 * One runs per account at a time, on any node; each step's result goes to the run's aggregator,
 * which closes it with one completion e-mail. Its order sync takes the account's order-sync lock, so a
 * manual order sync and a scheduled run never overlap either.
 */
@Component("shopRuns")
public class ShopRuns {

    public static final String LOCK_KIND = "SHOP_RUN";
    static final String REPLAY_ENDPOINT = "direct:shop-run-replay";
    static final String PROGRESS = "sincroShopRun";

    /** A scheduled run holding its lock. */
    public record Request(long runId, String accountId, String trigger) {
        String stepTrigger() {
            return LOCK_KIND + " " + runId;
        }
    }

    static final class Progress {
        final Request request;
        /** The order sync this run called, or the one in its way. */
        OrderSyncs.Start orderSync;
        /** The partial ERP sync this run called, or the one in its way. */
        OrderSyncs.Start partialSync;

        Progress(Request request) {
            this.request = request;
        }
    }

    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final OrderSyncs orderSyncs;
    private final CustomerSyncs customerSyncs;
    private final PartialErpSync partialErpSync;
    private final ProducerTemplate producer;
    private final Duration stepWait;

    public ShopRuns(SyncRuns runs, LockedRuns lockedRuns, OrderSyncs orderSyncs,
            CustomerSyncs customerSyncs, PartialErpSync partialErpSync, @Lazy ProducerTemplate producer,
            @Value("${sincro.erp.sync.shop-order-wait:10m}") Duration stepWait) {
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.orderSyncs = orderSyncs;
        this.customerSyncs = customerSyncs;
        this.partialErpSync = partialErpSync;
        this.producer = producer;
        this.stepWait = stepWait;
    }

    /** Starts the account's scheduled run, or says which run is still going; empty when there is no such account. */
    public Optional<OrderSyncs.Start> request(String accountId, String trigger) {
        return lockedRuns.startForShop(LOCK_KIND, accountId, trigger, account -> "seda:scheduled-shop-run",
                runId -> new Request(runId, accountId, trigger));
    }

    public void begin(Request request, Exchange exchange) {
        exchange.setProperty(PROGRESS, new Progress(request));
        exchange.setProperty(OrderSyncRuns.REPLAY_URI, REPLAY_ENDPOINT);
        // a run that fails still closes its aggregation: its e-mail says why
        lockedRuns.endWith(exchange, LOCK_KIND, request.accountId(), request.runId(), why -> producer.sendBody(
                "direct:shop-run-step", new StepResult(request.runId(), "failed", Map.of(), why, true)));
    }

    /**
     * The order sync step takes the account's order-sync lock (a manual order sync and a scheduled run never
     * overlap): the order sync to call, or null when one is running.
     */
    public OrderSyncRequest takeOrderSync(@ExchangeProperty(PROGRESS) Progress progress, Exchange exchange) {
        String trigger = progress.request.stepTrigger();
        progress.orderSync = orderSyncs.takeAsStep(exchange, progress.request.accountId(), trigger).orElseThrow();
        return progress.orderSync instanceof OrderSyncs.Started started
                ? OrderSyncs.stepRequest(started, progress.request.accountId(), trigger) : null;
    }

    /** What the order sync the run called did. */
    public StepResult orders(@ExchangeProperty(PROGRESS) Progress progress) {
        if (progress.orderSync instanceof OrderSyncs.AlreadyRunning running) {
            return step(progress, "orders", Map.of("skipped", 1), running.message());
        }
        SyncRuns.SyncRun run = runs.get(((OrderSyncs.Started) progress.orderSync).runId()).orElseThrow();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("read", run.ordersRead());
        counts.put("imported", run.ordersImported());
        counts.put("held", run.ordersHeld());
        counts.put("failed", run.ordersFailed());
        return step(progress, "orders", counts, run.state() == SyncRuns.State.COMPLETED ? null
                : "order sync run " + run.id() + " " + run.state() + (run.message() == null ? "" : ": " + run.message()));
    }

    /** The customer sync step holds the account's customer-sync lock, as a manual customer sync does. */
    public StepResult customers(@ExchangeProperty(PROGRESS) Progress progress) {
        String accountId = progress.request.accountId();
        long runId = progress.request.runId();
        Optional<RunLocks.Holder> busy = lockedRuns.hold(CustomerSyncs.LOCK_KIND, accountId, runId);
        if (busy.isPresent()) {
            return step(progress, "customers", Map.of("skipped", 1), "a customer sync of this account is running: run "
                    + busy.get().runId() + " on " + busy.get().node() + " since " + busy.get().since());
        }
        try {
            return step(progress, "customers", customerSyncs.refresh(accountId, true).counts(), null);
        } finally {
            lockedRuns.release(CustomerSyncs.LOCK_KIND, accountId, runId);
        }
    }

    /**
     * The partial ERP sync step: the run to call, its lock taken once the one the order sync fed has ended; null
     * when another is running (on another node, or beyond the wait), which another partial sync then follows.
     */
    public PartialErpSync.Request takePartial(@ExchangeProperty(PROGRESS) Progress progress, Exchange exchange) {
        String trigger = progress.request.stepTrigger();
        progress.partialSync = partialErpSync.takeForStep(exchange, trigger, stepWait);
        return progress.partialSync instanceof OrderSyncs.Started started
                ? PartialErpSync.stepRequest(started, trigger) : null;
    }

    /** What the partial ERP sync the run called did. */
    public StepResult partial(@ExchangeProperty(PROGRESS) Progress progress) {
        if (progress.partialSync instanceof OrderSyncs.AlreadyRunning running) {
            return step(progress, "partial ERP sync", Map.of("skipped", 1), "partial ERP sync run " + running.runId()
                    + " was running on " + running.node() + " since " + running.since()
                    + ": what is pending goes to the ERP with the one that follows it");
        }
        SyncRuns.SyncRun run = runs.get(((OrderSyncs.Started) progress.partialSync).runId()).orElseThrow();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("customers", run.customersPushed());
        counts.put("articles", run.articlesPushed());
        counts.put("orders", run.ordersPushed());
        counts.put("pending", run.pushesFailed());
        return step(progress, "partial ERP sync", counts, run.pushesFailed() == 0 ? null
                : run.pushesFailed() + " items stay pending: see each one's reason");
    }

    public void pushBackOf(@ExchangeProperty(PROGRESS) Progress progress, Exchange exchange) {
        exchange.getMessage().setHeader("sincroPushAccount", progress.request.accountId());
    }

    public StepResult pushedBack(Object tally, @ExchangeProperty(PROGRESS) Progress progress) {
        PushBackTally.Tally t = PushBackTally.Tally.of(tally);
        return step(progress, "push-back", t.counts(), t.failed() == 0 ? null
                : t.failed() + " state changes could not be told to the shop yet");
    }

    /** Closes the run: completed, with errors when a step reported a problem. */
    public StepResult finish(@ExchangeProperty(PROGRESS) Progress progress) {
        long runId = progress.request.runId();
        Map<String, Object> steps = runs.steps(runId);
        boolean problems = steps.values().stream().anyMatch(c -> c instanceof Map<?, ?> m && m.containsKey("problem"));
        lockedRuns.finish(runId, problems ? SyncRuns.State.COMPLETED_WITH_ERRORS : SyncRuns.State.COMPLETED, null);
        return new StepResult(runId, "end", Map.of(), null, true);
    }

    private StepResult step(Progress progress, String name, Map<String, Object> counts, String problem) {
        Map<String, Object> recorded = new LinkedHashMap<>(counts);
        if (problem != null) {
            recorded.put("problem", problem);
        }
        runs.addStep(progress.request.runId(), name, recorded);
        return new StepResult(progress.request.runId(), name, counts, problem, false);
    }

    /** A run that ended in the dead-letter store is replayed as a new run of the account, through its lock. */
    public String replay(Request failed) {
        return OrderSyncs.replayed(request(failed.accountId(), "REPLAY of run " + failed.runId())
                .orElseThrow(() -> new IllegalStateException("account " + failed.accountId() + " no longer exists")),
                "a scheduled run");
    }
}
