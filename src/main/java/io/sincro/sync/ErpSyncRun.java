package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.erp.ErpGateway;
import io.sincro.erp.ErpKey;
import io.sincro.erp.ErpPull;
import io.sincro.erp.ErpSyncProperties;
import io.sincro.erp.WebApiClient;
import io.sincro.fulfilment.ErpDocuments;
import io.sincro.fulfilment.ErpOrderReader;
import io.sincro.fulfilment.OrderFulfilment;
import io.sincro.fulfilment.PushBackTally;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.store.ErpMirror;
import io.sincro.store.OrderStates;
import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The steps of a full or delta ERP sync (route {@code erp-sync}), in the order the manual gives for
 * all accounts: every account's shop order sync first (so their new orders reach the ERP in the same
 * run), the push of everything pending (a partial sync), the pulls (lookup tables, articles with
 * prices, stock, customers), the read-back of the hub's open orders and the states their ERP documents
 * give them, the push-back of those states to the shops, and the hand-off to the listings engine.
 * Every step records its counts on the run. A pull or read-back that fails (the ERP refuses it, is down,
 * answers too late) is recorded as that step's failure with its reason, its resource's watermark stays
 * where it was, and the steps that do not depend on it still run: above all the push-back of the states
 * already known. Such a run ends COMPLETED_WITH_ERRORS naming the failed steps and does not count against
 * the monthly quota (it did not bring the ERP's data in). A refused login stops the run at once.
 */
@Component("erpSyncRun")
public class ErpSyncRun {

    private static final Logger log = LoggerFactory.getLogger(ErpSyncRun.class);
    static final String PROGRESS = "sincroErpSync";
    private static final int ORDERS_PER_READ = 50;

    /** What a run has done so far. */
    public static final class Progress {
        final ErpSyncs.Request request;
        /** Per resource, the ERP time its read started at: the next watermarks. */
        final Map<String, String> watermarks = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        /** The steps that failed, with why: their resources keep their old watermarks. */
        final Map<String, String> failedSteps = new LinkedHashMap<>();
        /** Who hears of the run: taken when it begins, so an account added meanwhile is not told of it. */
        final List<String> recipients;
        /** Per polled account, the order sync the run called, or the one in its way. */
        final Map<String, OrderSyncs.Start> orderSyncs = new LinkedHashMap<>();
        /** The partial ERP sync the run called, or the one in its way. */
        OrderSyncs.Start partialSync;

        Progress(ErpSyncs.Request request, List<String> recipients) {
            this.request = request;
            this.recipients = recipients;
        }

        boolean full() {
            return request.kind() == ErpSyncs.Kind.FULL;
        }

        /** How the runs this sync starts name it, e.g. "ERP_DELTA 42". */
        String trigger() {
            return ErpSyncs.runKind(request.kind()) + " " + request.runId();
        }
    }

    /** Published when a full or delta sync ended well: the sales lists and sync rules are evaluated on it. */
    public record ErpSyncCompleted(long runId, ErpSyncs.Kind kind) {
    }

    private final WebApiClient erp;
    private final ErpPulls pull;
    private final ErpMirror mirror;
    private final ErpOrderReader reader;
    private final OrderStates states;
    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final ShopAccounts accounts;
    private final OrderSyncs orderSyncs;
    private final PartialErpSync partialErpSync;
    private final ApplicationEventPublisher events;
    private final ErpSyncProperties settings;
    private final List<String> notifyEmails;
    private final ProducerTemplate producer;

    public ErpSyncRun(WebApiClient erp, ErpPulls pull, ErpMirror mirror, ErpOrderReader reader, OrderStates states,
            SyncRuns runs, LockedRuns lockedRuns, ShopAccounts accounts, OrderSyncs orderSyncs, PartialErpSync partialErpSync,
            ApplicationEventPublisher events, ErpSyncProperties settings, @Lazy ProducerTemplate producer,
            @Value("${sincro.erp.sync.notify-emails:}") List<String> notifyEmails) {
        this.producer = producer;
        this.erp = erp;
        this.pull = pull;
        this.mirror = mirror;
        this.reader = reader;
        this.states = states;
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.accounts = accounts;
        this.orderSyncs = orderSyncs;
        this.partialErpSync = partialErpSync;
        this.events = events;
        this.settings = settings;
        this.notifyEmails = notifyEmails.stream().filter(s -> !s.isBlank()).toList();
    }

    /**
     * Takes charge of the run: whatever way it ends, its lock is released and a run that did not
     * reach its end is FAILED (and so does not count against the quota). One call to the ERP first:
     * a refused login must stop the run before it is repeated.
     */
    public void begin(ErpSyncs.Request request, Exchange exchange) {
        if (exchange.getProperty(PROGRESS) == null) {
            Progress progress = new Progress(request, recipients());
            exchange.setProperty(PROGRESS, progress);
            exchange.setProperty(OrderSyncRuns.REPLAY_URI, ErpSyncs.REPLAY_ENDPOINT);
            // the operators hear of a failed sync too, with the steps it got through
            lockedRuns.endWith(exchange, ErpSyncs.LOCK_KIND, ErpSyncs.LOCK_SCOPE, request.runId(), why ->
                    producer.sendBody("direct:run-report-mail", new RunReport(runs.get(request.runId()).orElseThrow(),
                            runs.steps(request.runId()), List.of(why), progress.recipients)));
        }
        erp.read("clienti", "0.0");
    }

    /**
     * Every polled account's order sync, its lock taken: the flow calls them all side by side (the order-sync
     * flow runs several at once) and goes on when each has ended. An account whose order sync is running
     * already is not read again.
     */
    public List<OrderSyncRequest> takeOrderSyncs(@ExchangeProperty(PROGRESS) Progress progress, Exchange exchange) {
        List<OrderSyncRequest> calls = new ArrayList<>();
        for (ShopAccount account : accounts.findAll()) {
            if (account.platform() != Platform.STOREFRONT) {
                OrderSyncs.Start start = orderSyncs.takeAsStep(exchange, account.id(), progress.trigger()).orElseThrow();
                progress.orderSyncs.put(account.id(), start);
                if (start instanceof OrderSyncs.Started started) {
                    calls.add(OrderSyncs.stepRequest(started, account.id(), progress.trigger()));
                }
            }
        }
        return calls;
    }

    /** What each account's order sync did. */
    public void shopOrders(@ExchangeProperty(PROGRESS) Progress progress) {
        progress.orderSyncs.forEach((accountId, start) -> {
            long orderRun = start instanceof OrderSyncs.Started s ? s.runId()
                    : ((OrderSyncs.AlreadyRunning) start).runId();
            SyncRuns.SyncRun run = runs.get(orderRun).orElseThrow();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("run", run.id());
            counts.put("state", run.state().name());
            counts.put("read", run.ordersRead());
            counts.put("imported", run.ordersImported());
            counts.put("held", run.ordersHeld());
            counts.put("failed", run.ordersFailed());
            runs.addStep(progress.request.runId(), "orders of " + accountId, counts);
            if (run.state() == SyncRuns.State.RUNNING) {
                progress.problems.add("the order sync of " + accountId + " (run " + run.id()
                        + ") was still running when the ERP sync went on");
            } else if (run.state() == SyncRuns.State.FAILED) {
                progress.problems.add("the order sync of " + accountId + " failed: " + run.message());
            }
        });
    }

    /**
     * The push of everything pending: a partial sync, its lock taken once the one an order sync fed has ended;
     * null when another is running (on another node, or beyond the wait), which another partial sync follows.
     */
    public PartialErpSync.Request takePartial(@ExchangeProperty(PROGRESS) Progress progress, Exchange exchange) {
        progress.partialSync = partialErpSync.takeForStep(exchange, progress.trigger(), settings.shopOrderWait());
        return progress.partialSync instanceof OrderSyncs.Started started
                ? PartialErpSync.stepRequest(started, progress.trigger()) : null;
    }

    /** What the partial sync did. */
    public void pushPending(@ExchangeProperty(PROGRESS) Progress progress) {
        long partialRun = progress.partialSync instanceof OrderSyncs.Started s ? s.runId()
                : ((OrderSyncs.AlreadyRunning) progress.partialSync).runId();
        SyncRuns.SyncRun run = runs.get(partialRun).orElseThrow();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("run", run.id());
        counts.put("customers", run.customersPushed());
        counts.put("articles", run.articlesPushed());
        counts.put("orders", run.ordersPushed());
        counts.put("pending", run.pushesFailed());
        runs.addStep(progress.request.runId(), "push pending", counts);
        if (run.state() == SyncRuns.State.RUNNING) {
            progress.problems.add("partial ERP sync run " + run.id() + " was still running when the ERP sync went "
                    + "on: what is pending goes to the ERP with the one that follows it");
        } else if (run.pushesFailed() > 0) {
            progress.problems.add(run.pushesFailed() + " items stay pending in the hub: see each one's reason");
        }
    }

    public void pullLookups(@ExchangeProperty(PROGRESS) Progress progress) {
        step(progress, "lookup tables", () -> runs.addStep(progress.request.runId(), "lookup tables",
                pull.lookupTables(progress.request.runId())));
    }

    public void pullArticles(@ExchangeProperty(PROGRESS) Progress progress) {
        step(progress, "articles", () -> {
            ErpPull.Pulled pulled = pull.articles(since(progress, ErpPull.ARTICLES), progress.request.runId());
            progress.watermarks.put(ErpPull.ARTICLES, pulled.erpTime());
            Map<String, Object> counts = pulled.counts();
            if (progress.full()) {
                counts.put("removed", 0);
            }
            runs.addStep(progress.request.runId(), "articles", counts);
        });
    }

    public void pullStock(@ExchangeProperty(PROGRESS) Progress progress) {
        step(progress, "stock", () -> {
            ErpPull.Pulled pulled = pull.stock(since(progress, ErpPull.STOCK));
            progress.watermarks.put(ErpPull.STOCK, pulled.erpTime());
            runs.addStep(progress.request.runId(), "stock", pulled.counts());
        });
    }

    public void pullCustomers(@ExchangeProperty(PROGRESS) Progress progress) {
        step(progress, "customers", () -> {
            ErpPull.Pulled pulled = pull.customers(since(progress, ErpPull.CUSTOMERS));
            progress.watermarks.put(ErpPull.CUSTOMERS, pulled.erpTime());
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("read", pulled.read());
            counts.put("updated", pulled.written());
            runs.addStep(progress.request.runId(), "customers", counts);
        });
    }

    /**
     * Runs one ERP step; when the ERP fails it (anything but a refused login, which must stop every call), the
     * step is recorded as failed with the reason and the run goes on with the steps that do not need it.
     */
    private void step(Progress progress, String name, Runnable work) {
        try {
            work.run();
        } catch (ErpException.Unauthorized refused) {
            throw refused;
        } catch (ErpException failed) {
            log.warn("ERP sync run {}: step {} failed, the others go on: {}", progress.request.runId(), name,
                    failed.getMessage());
            progress.failedSteps.put(name, failed.getMessage());
            progress.problems.add("step " + name + " failed: " + failed.getMessage());
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("failed", failed.getMessage());
            runs.addStep(progress.request.runId(), name, counts);
        }
    }

    /**
     * Reads back the hub's orders that the ERP has and that are not finished there: on a full sync
     * all of them, on a delta those whose order or movements changed since the last successful sync.
     */
    public void readOrders(@ExchangeProperty(PROGRESS) Progress progress) {
        step(progress, "order states", () -> readOrderStates(progress));
    }

    private void readOrderStates(Progress progress) {
        Predicate<OrderStates.OpenOrder> candidate;
        // the watermarks move only when every order was read back
        Map<String, String> readUpTo = new LinkedHashMap<>();
        if (progress.full()) {
            // everything open is read; what changes from now on is for the next delta (articles were read earlier)
            String from = progress.watermarks.get(ErpPull.ARTICLES);
            readUpTo.put(ErpOrderReader.ORDERS, from);
            readUpTo.put(ErpOrderReader.MOVEMENT_ROWS, from);
            candidate = order -> true;
        } else {
            // the years whose documents the open orders are in, up to this one: an order of December changes
            // in its own year's documents, its January delivery note in the new year's
            Set<Integer> years = new java.util.TreeSet<>();
            // orders stored before years were kept (no year) are in the configured year's documents
            states.openYears().stream().filter(java.util.Objects::nonNull).forEach(years::add);
            years.add(erp.year());
            years.add(upToYear());
            ErpOrderReader.Changed orders = reader.changedOrders(sinceOrEpoch(ErpOrderReader.ORDERS), years);
            ErpOrderReader.Changed movements = reader.ordersWithChangedMovements(
                    sinceOrEpoch(ErpOrderReader.MOVEMENT_ROWS), years);
            Set<ErpKey> changed = new HashSet<>(orders.orderKeys());
            changed.addAll(movements.orderKeys());
            candidate = order -> changed.contains(keyOf(order));
            readUpTo.put(ErpOrderReader.ORDERS, orders.erpTime());
            readUpTo.put(ErpOrderReader.MOVEMENT_ROWS, movements.erpTime());
        }
        int open = 0;
        List<OrderStates.OpenOrder> batch = new ArrayList<>();
        ReadBack tally = new ReadBack();
        List<OrderStates.OpenOrder> page = states.open(0, ORDERS_PER_READ);
        while (!page.isEmpty()) {
            open += page.size();
            page.stream().filter(candidate).forEach(batch::add);
            if (batch.size() >= ORDERS_PER_READ) {
                readBack(batch, progress, tally);
                batch.clear();
            }
            page = states.open(page.get(page.size() - 1).id(), ORDERS_PER_READ);
        }
        readBack(batch, progress, tally);
        progress.watermarks.putAll(readUpTo);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("open", open);
        counts.put("read", tally.read);
        counts.put("newStates", tally.newStates);
        counts.put("pushesQueued", tally.newPushes);
        counts.put("finished", tally.closed);
        counts.put("notTheHubsOrder", tally.notTheirs);
        runs.addStep(progress.request.runId(), "order states", counts);
        if (tally.notTheirs > 0) {
            progress.problems.add(tally.notTheirs + " ERP keys of the hub's orders name other documents in the ERP "
                    + "(neither the hub's reference in the note nor the order's customer): nothing was told to the "
                    + "shops about them; check sincro.erp.company and sincro.erp.year, and the log for the keys");
        }
        log.info("ERP sync run {}: {} of {} open orders read back, {} new states, {} pushes queued",
                progress.request.runId(), tally.read, open, tally.newStates, tally.newPushes);
    }

    /** What reading orders back found, summed over the batches. */
    private static final class ReadBack {
        int read;
        int notTheirs;
        int newStates;
        int newPushes;
        int closed;
    }

    /** One ERP read of a batch of orders, their states derived and recorded. */
    private void readBack(List<OrderStates.OpenOrder> batch, Progress progress, ReadBack tally) {
        if (batch.isEmpty()) {
            return;
        }
        Map<ErpKey, ErpDocuments> documents = reader.read(batch.stream().map(this::keyOf).distinct().toList(),
                upToYear());
        for (OrderStates.OpenOrder order : batch) {
            ErpDocuments read = documents.get(keyOf(order));
            if (!read.isOrderOf(ErpGateway.reference(order.accountId(), order.shopOrderId()), order.customerCode())) {
                tally.notTheirs++;
                log.warn("ERP sync run {}: {} in the ERP is not order {} of the hub (neither its reference nor its "
                        + "customer {}): it is left alone", progress.request.runId(), order.erpKey(), order.id(),
                        order.customerCode());
                continue;
            }
            OrderFulfilment.Derived derived = OrderFulfilment.derive(order.ordered(), read);
            OrderStates.Recorded recorded = states.record(order.id(), order.accountId(), derived,
                    progress.request.runId());
            tally.read++;
            tally.newStates += recorded.newChanges();
            tally.newPushes += recorded.newPushes();
            tally.closed += derived.closed() ? 1 : 0;
        }
    }

    /** The push-back split's result. */
    public void pushedBack(Object tally, @ExchangeProperty(PROGRESS) Progress progress) {
        PushBackTally.Tally counts = PushBackTally.Tally.of(tally);
        runs.addStep(progress.request.runId(), "push-back", counts.counts());
        if (counts.failed() > 0) {
            progress.problems.add(counts.failed() + " state changes could not be told to the shop yet: see the "
                    + "orders' push-back results and the dead letters");
        }
    }

    /** Ends the run: watermarks move, a full sync marks what it no longer found, the quota counts it. */
    public RunReport finish(@ExchangeProperty(PROGRESS) Progress progress) {
        long runId = progress.request.runId();
        if (progress.full()) {
            int removed = mirror.markUnseenRemoved(runId);
            Map<String, Object> articles = new LinkedHashMap<>(stepCounts(runId, "articles"));
            articles.put("removed", removed);
            runs.addStep(runId, "articles", articles);
        }
        Map<String, String> watermarks = new LinkedHashMap<>();
        progress.watermarks.forEach((resource, stamp) -> {
            if (stamp != null) {
                watermarks.put(resource, stamp);
            }
        });
        mirror.saveWatermarks(watermarks, runId);
        SyncRuns.State state = progress.problems.isEmpty() ? SyncRuns.State.COMPLETED
                : SyncRuns.State.COMPLETED_WITH_ERRORS;
        if (!progress.failedSteps.isEmpty()) {
            // the ERP's data did not all come in: the run does not use up the month's allowance
            runs.notCountedAgainstQuota(runId);
        }
        lockedRuns.finish(runId, state, progress.problems.isEmpty() ? null : String.join("; ", progress.problems));
        events.publishEvent(new ErpSyncCompleted(runId, progress.request.kind()));
        SyncRuns.SyncRun run = runs.get(runId).orElseThrow();
        log.info("ERP {} sync run {} {}: {}", progress.request.kind(), runId, state, runs.steps(runId));
        return new RunReport(run, runs.steps(runId), List.copyOf(progress.problems), progress.recipients);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stepCounts(long runId, String step) {
        Object counts = runs.steps(runId).get(step);
        return counts instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Who hears of full and delta syncs: {@code sincro.erp.sync.notify-emails}, else every account's. */
    List<String> recipients() {
        if (!notifyEmails.isEmpty()) {
            return notifyEmails;
        }
        Set<String> all = new LinkedHashSet<>();
        accounts.findAll().forEach(a -> all.addAll(a.settings().notifyEmails()));
        return List.copyOf(all);
    }

    /** The order's ERP key with its year; an order stored before years were kept is in the configured year. */
    private ErpKey keyOf(OrderStates.OpenOrder order) {
        return new ErpKey(order.erpKey(), order.erpYear() != null ? order.erpYear() : erp.year());
    }

    /**
     * The last year whose documents may hold what became of an order: the hub's working year, or the calendar
     * year when later (delivery notes of January while the hub still writes orders in last year's documents).
     */
    private int upToYear() {
        return Math.max(erp.year(), java.time.Year.now().getValue());
    }

    /** A delta reads from the last successful sync's watermark; a full reads everything. */
    private String since(Progress progress, String resource) {
        return progress.full() ? null : mirror.watermark(resource).orElse(null);
    }

    /** A delta without a watermark for a resource (none was ever saved) reads it from the start of time. */
    private String sinceOrEpoch(String resource) {
        return mirror.watermark(resource).orElse("19000101 000000");
    }
}
