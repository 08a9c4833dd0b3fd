package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.erp.ErpPush;
import io.sincro.erp.PushOutcome;
import io.sincro.erp.WebApiClient;
import io.sincro.store.Articles;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The partial ERP sync (F1 step 4): pushes every pending customer, then every article the hub coded,
 * then every NEW order into the ERP, in one run that never counts against the quota. One runs at a
 * time (on any node). Pushes go in parallel up to the ERP user's call cap. An item the ERP refuses
 * stays pending with the ERP's reason; an unreachable ERP leaves everything pending for the next run.
 * A refused login stops the run at once: repeated failed logins would lock the ERP user.
 */
@Component("partialErpSync")
public class PartialErpSync {

    private static final Logger log = LoggerFactory.getLogger(PartialErpSync.class);
    public static final String LOCK_KIND = "PARTIAL_ERP_SYNC";
    static final String LOCK_SCOPE = "erp";
    static final String PROGRESS = "sincroPartialSync";
    static final String REPLAY_ENDPOINT = "direct:partial-erp-sync-replay";
    /** How long a follow-up waits for the partial sync in its way (a dead node's run ends with its lease). */
    private static final Duration FOLLOW_UP_WAIT = Duration.ofHours(1);

    /** A partial sync run holding its lock. */
    public record Request(long runId, String trigger) {
    }

    /** What a run has pushed. */
    static final class Progress {
        final Request request;
        final Map<String, List<Long>> newOrdersByAccount = new LinkedHashMap<>();
        volatile String stoppedBecause;
        volatile boolean unauthorized;

        Progress(Request request) {
            this.request = request;
        }
    }

    private final ErpPush push;
    private final WebApiClient erp;
    private final Customers customers;
    private final Articles articles;
    private final Orders orders;
    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final ApplicationEventPublisher events;
    private final ExecutorService workers;
    /** Follow-ups of order runs that ended while a partial sync was running: one waits at a time. */
    private final ExecutorService followUps = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "partial-erp-sync-follow-up");
        thread.setDaemon(true);
        return thread;
    });

    public PartialErpSync(ErpPush push, WebApiClient erp, Customers customers, Articles articles, Orders orders,
            SyncRuns runs, LockedRuns lockedRuns, ApplicationEventPublisher events,
            @Value("${sincro.erp.max-concurrent-calls:5}") int maxConcurrentCalls) {
        this.push = push;
        this.erp = erp;
        this.customers = customers;
        this.articles = articles;
        this.orders = orders;
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.events = events;
        // more workers than call slots: while some do hub-side work, others already wait for a free slot
        this.workers = Executors.newFixedThreadPool(Math.max(3, 3 * maxConcurrentCalls));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        followUps.shutdownNow();
    }

    /** Starts a partial sync, or says which one is running. */
    public OrderSyncs.Start request(String trigger) {
        return lockedRuns.start(LOCK_KIND, LOCK_SCOPE, null, trigger, "seda:partial-erp-sync",
                runId -> new Request(runId, trigger));
    }

    /** The end of every shop order run: what it stored goes on to the ERP. */
    public void requestAfter(RunSummary summary) {
        runs.erpSyncRequested(summary.run().id());
        requestCovering("ORDER_SYNC " + summary.run().id());
    }

    /**
     * Makes sure a partial sync reads what is pending now: starts one, or, when one is running (it may
     * have read its lists already), requests another once it ends; if yet another has started by then,
     * that one reads them. Does not wait.
     */
    public OrderSyncs.Start requestCovering(String trigger) {
        OrderSyncs.Start start = request(trigger);
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            log.info("{}: partial ERP sync run {} is running; another follows it for what is pending now", trigger,
                    running.runId());
            followUps.execute(() -> followUp(trigger, running.runId()));
        }
        return start;
    }

    /**
     * The same for a step of a larger run, which waits: the partial sync that read what was pending at
     * this call, once it has ended (or as it is when {@code wait} runs out).
     */
    public SyncRuns.SyncRun runCovering(String trigger, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        OrderSyncs.Start start = request(trigger);
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            runs.awaitEnd(running.runId(), until(deadline));
            start = request(trigger);
        }
        return runs.awaitEnd(runId(start), until(deadline));
    }

    private static long runId(OrderSyncs.Start start) {
        return start instanceof OrderSyncs.Started s ? s.runId() : ((OrderSyncs.AlreadyRunning) start).runId();
    }

    private static Duration until(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void followUp(String trigger, long inTheWay) {
        try {
            if (runs.awaitEnd(inTheWay, FOLLOW_UP_WAIT).state() == SyncRuns.State.RUNNING) {
                log.warn("Partial ERP sync run {} still runs after {}: what {} left pending waits for the next one",
                        inTheWay, FOLLOW_UP_WAIT, trigger);
            } else if (request(trigger) instanceof OrderSyncs.AlreadyRunning started) {
                log.info("{}: partial ERP sync run {} started since, and reads what is pending", trigger,
                        started.runId());
            }
        } catch (RuntimeException e) {
            log.error("{}: the follow-up partial ERP sync could not be requested; what is pending waits for the next "
                    + "one", trigger, e);
        }
    }

    public void begin(Request request, Exchange exchange) {
        Progress progress = new Progress(request);
        exchange.setProperty(PROGRESS, progress);
        exchange.setProperty(OrderSyncRuns.REPLAY_URI, REPLAY_ENDPOINT);
        lockedRuns.endWith(exchange, LOCK_KIND, LOCK_SCOPE, request.runId(), why -> { });
        // one call first: a refused login must stop the run before parallel calls repeat it
        try {
            erp.read("clienti", "0.0");
        } catch (ErpException e) {
            progress.stoppedBecause = e.getMessage();
            progress.unauthorized = e instanceof ErpException.Unauthorized;
        }
    }

    public void pushCustomers(@ExchangeProperty(PROGRESS) Progress progress) {
        List<PushOutcome> outcomes = inParallel(progress, PushOutcome.Kind.CUSTOMER, customers.pendingErp(),
                push::pushCustomer);
        runs.addPushes(progress.request.runId(), pushed(outcomes), 0, 0, failed(outcomes));
    }

    public void pushArticles(@ExchangeProperty(PROGRESS) Progress progress) {
        List<PushOutcome> outcomes = inParallel(progress, PushOutcome.Kind.ARTICLE,
                articles.pendingErp().stream().map(Articles.Article::code).toList(), push::pushArticle);
        runs.addPushes(progress.request.runId(), 0, pushed(outcomes), 0, failed(outcomes));
    }

    public void pushOrders(@ExchangeProperty(PROGRESS) Progress progress) {
        List<Long> pending = orders.pendingErp();
        if (progress.stoppedBecause != null) {
            orders.stillPending(progress.stoppedBecause);
            return;
        }
        List<PushOutcome> outcomes = inParallel(progress, PushOutcome.Kind.ORDER, pending, push::pushOrder);
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).pushed()) {
                Orders.StoredOrder order = orders.get(pending.get(i)).orElseThrow();
                progress.newOrdersByAccount.computeIfAbsent(order.accountId(), a -> new ArrayList<>()).add(order.id());
            }
        }
        runs.addPushes(progress.request.runId(), 0, 0, pushed(outcomes), failed(outcomes));
    }

    public SyncRuns.SyncRun finish(@ExchangeProperty(PROGRESS) Progress progress) {
        long runId = progress.request.runId();
        SyncRuns.SyncRun run = runs.get(runId).orElseThrow();
        SyncRuns.State state = progress.unauthorized ? SyncRuns.State.FAILED
                : run.pushesFailed() > 0 || progress.stoppedBecause != null ? SyncRuns.State.COMPLETED_WITH_ERRORS
                : SyncRuns.State.COMPLETED;
        String message = progress.stoppedBecause != null ? progress.stoppedBecause
                : run.pushesFailed() > 0 ? run.pushesFailed() + " items stay pending: see each one's reason" : null;
        lockedRuns.finish(runId, state, message);
        progress.newOrdersByAccount.forEach((account, ids) -> events.publishEvent(new NewOrdersInErp(account, ids)));
        log.info("Partial ERP sync run {}: {} customers, {} articles, {} orders pushed, {} pending ({})", runId,
                run.customersPushed(), run.articlesPushed(), run.ordersPushed(), run.pushesFailed(), state);
        return runs.get(runId).orElseThrow();
    }

    /** Pushes the items in parallel (the client caps the calls); nothing is tried once the run stopped. */
    private <T> List<PushOutcome> inParallel(Progress progress, PushOutcome.Kind kind, List<T> items,
            Function<T, PushOutcome> action) {
        if (progress.stoppedBecause != null) {
            return List.of();
        }
        long started = System.nanoTime();
        List<Future<PushOutcome>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(workers.submit(() -> {
                if (progress.stoppedBecause != null) {
                    return new PushOutcome(kind, String.valueOf(item), PushOutcome.Result.UNAVAILABLE,
                            null, progress.stoppedBecause);
                }
                PushOutcome outcome;
                try {
                    outcome = action.apply(item);
                } catch (RuntimeException unexpected) {
                    // a hub-side failure of one item (e.g. its database row) must not stop the others
                    log.error("Pushing {} to the ERP failed unexpectedly", item, unexpected);
                    outcome = new PushOutcome(kind, String.valueOf(item),
                            PushOutcome.Result.REJECTED, null, "unexpected hub failure: " + unexpected);
                }
                if (!outcome.pushed() && outcome.result() != PushOutcome.Result.IN_PROGRESS) {
                    log.warn("{} {} stays pending: {}", outcome.kind(), outcome.item(), outcome.reason());
                }
                if (outcome.result() == PushOutcome.Result.UNAUTHORIZED) {
                    progress.unauthorized = true;
                    progress.stoppedBecause = outcome.reason();
                }
                return outcome;
            }));
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (Future<PushOutcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (Exception e) {
                throw new IllegalStateException("a push to the ERP failed unexpectedly", e);
            }
        }
        log.info("Partial ERP sync run {}: {} items pushed in {} ms", progress.request.runId(), outcomes.size(),
                (System.nanoTime() - started) / 1_000_000);
        return outcomes;
    }

    private static int pushed(List<PushOutcome> outcomes) {
        return (int) outcomes.stream().filter(PushOutcome::pushed).count();
    }

    /** Items another push is writing count neither as pushed nor as failed. */
    private static int failed(List<PushOutcome> outcomes) {
        return (int) outcomes.stream()
                .filter(o -> !o.pushed() && o.result() != PushOutcome.Result.IN_PROGRESS).count();
    }

    /** A run that ended in the dead-letter store is replayed as a new run, through the lock. */
    public String replay(Request failed) {
        OrderSyncs.Start start = request("REPLAY of run " + failed.runId());
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            throw new IllegalStateException("a partial ERP sync is already running: run " + running.runId());
        }
        return "started run " + ((OrderSyncs.Started) start).runId();
    }
}
