package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.erp.WebApiClient;
import io.sincro.store.Articles;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import io.sincro.store.RunLocks;
import io.sincro.store.SyncRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The partial ERP sync (F1 step 4): pushes every pending customer, article the hub coded and NEW order
 * into the ERP, in one run that never counts against the quota. One runs at a time (on any node).
 *
 * <p>A run pushes what its {@link Feed} hands it: what is pending when it begins and, for the run a shop
 * order sync starts as it begins, each order that sync stores as NEW as soon as it is stored, and at each
 * page's end what else the page left pending; the feed closes when the order sync ends. An order's customer
 * and articles come before it, and an order whose customer or article is still being written waits for
 * it (one push per record at a time); each record is pushed once per run. The pushes run in parallel ({@link #pushAll})
 * with more workers than the ERP's call slots, so no slot waits for a batch to end; the WebAPI client
 * caps the calls in flight. An item the ERP refuses stays pending with the ERP's reason; an unreachable
 * ERP leaves everything pending for the next run. A refused login stops the run at once (the login guard
 * stops every other ERP call too): repeated failed logins would lock the ERP user.
 */
@Component("partialErpSync")
public class PartialErpSync {

    private static final Logger log = LoggerFactory.getLogger(PartialErpSync.class);
    public static final String LOCK_KIND = "PARTIAL_ERP_SYNC";
    static final String LOCK_SCOPE = "erp";
    static final String PROGRESS = "sincroPartialSync";
    /** The feed of the partial sync a shop order run started, on that run's exchange. */
    static final String FEED = "sincroPartialSyncFeed";
    static final String REPLAY_ENDPOINT = "direct:partial-erp-sync-replay";
    /** The partial sync's flow as a step of a larger run calls it, with the lock taken ({@link #takeForStep}). */
    static final String STEP_FLOW = "direct:partial-erp-sync-run";

    /** A partial sync run holding its lock. */
    public record Request(long runId, String trigger) {
    }

    /**
     * One record to write into the ERP: a customer (id), an article (code) or an order (id); {@code claimed}: an
     * order the run's order sync stored already claimed for this run ({@link OrderIntake#store}).
     */
    public record Item(PushOutcome.Kind kind, long id, String code, boolean claimed) {

        static Item customer(long id) {
            return new Item(PushOutcome.Kind.CUSTOMER, id, null, false);
        }

        static Item article(String code) {
            return new Item(PushOutcome.Kind.ARTICLE, 0, code, false);
        }

        static Item order(long id) {
            return new Item(PushOutcome.Kind.ORDER, id, null, false);
        }

        static Item claimedOrder(long id) {
            return new Item(PushOutcome.Kind.ORDER, id, null, true);
        }
    }

    /**
     * What a run pushes, in the order it learns of it: each sweep adds what is pending and not yet handed
     * over (customers, then articles, then orders), each record once per run; each order its order sync stores
     * comes as one unit with what it needs first. The run's pushers take units from it as they go ({@link #take});
     * it ends when closed.
     */
    public final class Feed {

        /** Units of work (lists of items, pushed in their order by one pusher), and stored orders still to look at. */
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final Set<Long> customersSeen = new HashSet<>();
        private final Set<String> articlesSeen = new HashSet<>();
        private final Set<Long> ordersSeen = new HashSet<>();
        private boolean closed;

        /** Hands over what is pending now. */
        public synchronized void sweep() {
            if (closed) {
                return;
            }
            customers.pendingErp().stream().filter(customersSeen::add).map(Item::customer).map(List::of)
                    .forEach(queue::add);
            articles.pendingErp().stream().map(Articles.Article::code).filter(articlesSeen::add).map(Item::article)
                    .map(List::of).forEach(queue::add);
            orders.pendingErp().stream().filter(ordersSeen::add).map(Item::order).map(List::of).forEach(queue::add);
        }

        /**
         * An order the run's order sync just stored as NEW goes to the ERP now, after what it needs there
         * (its customer, the articles the hub coded for it), each once per run: the pushes need not wait for
         * the rest of its page, and one pusher writes them in that order. {@code needs}: what the intake found it
         * needs; null: the pusher that takes it looks it up ({@link #take}), not the import's thread, which
         * stores the next order meanwhile.
         */
        public synchronized boolean stored(long orderId, Orders.ErpPrerequisites needs) {
            if (closed || !ordersSeen.add(orderId)) {
                return false;
            }
            if (needs == null) {
                queue.add(new Stored(orderId));
            } else {
                List<Item> unit = handOver(needs);
                unit.add(Item.claimedOrder(orderId));
                queue.add(unit);
            }
            return true;
        }

        /** What of {@code needs} this run has not been handed yet, customer first. */
        private List<Item> handOver(Orders.ErpPrerequisites needs) {
            List<Item> items = new ArrayList<>(2 + needs.pendingArticles().size());
            if (needs.pendingCustomer() != null && customersSeen.add(needs.pendingCustomer())) {
                items.add(Item.customer(needs.pendingCustomer()));
            }
            needs.pendingArticles().stream().filter(articlesSeen::add).map(Item::article).forEach(items::add);
            return items;
        }

        /** Whether it still takes orders: the order intake claims a NEW order for this run only then. */
        public synchronized boolean isOpen() {
            return !closed;
        }

        /**
         * What a stored order needs, then the order; the order alone if its needs cannot be read (its push then
         * writes them). Read by the pusher that took it, holding no lock: the others go on meanwhile.
         */
        private List<Item> expand(long orderId) {
            Orders.ErpPrerequisites needs = null;
            try {
                needs = orders.erpPrerequisites(orderId);
            } catch (RuntimeException e) {
                log.warn("What order {} needs in the ERP could not be read ({}): its push writes it", orderId,
                        e.toString());
            }
            List<Item> unit;
            if (needs != null) {
                synchronized (this) {
                    unit = handOver(needs);
                }
            } else {
                unit = new ArrayList<>(1);
            }
            unit.add(Item.claimedOrder(orderId));
            return unit;
        }

        /** How many records the run has been handed so far (its progress total). */
        synchronized int handedOver() {
            return customersSeen.size() + articlesSeen.size() + ordersSeen.size();
        }

        /** A last sweep; the run ends once what it holds is pushed. */
        public synchronized void close() {
            if (!closed) {
                sweep();
                closed = true;
                queue.add(END);
            }
        }

        /**
         * The next unit to push, waiting for one; null once the feed is closed and empty (or the pusher is
         * interrupted). Taken by several pushers at once.
         */
        List<Item> take() {
            while (true) {
                Object taken;
                try {
                    taken = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                if (taken == END) {
                    // the other pushers see the end too
                    queue.add(END);
                    return null;
                }
                @SuppressWarnings("unchecked")
                List<Item> unit = taken instanceof Stored stored ? expand(stored.orderId()) : (List<Item>) taken;
                if (!unit.isEmpty()) {
                    return unit;
                }
            }
        }
    }

    private static final Object END = new Object();

    /** An order the order sync stored, whose needs the run has yet to look up. */
    private record Stored(long orderId) {
    }

    /** What a run has pushed. */
    static final class Progress {
        final Request request;
        final Feed feed;
        final Map<String, List<Long>> newOrdersByAccount = new LinkedHashMap<>();
        final AtomicInteger customersPushed = new AtomicInteger();
        final AtomicInteger articlesPushed = new AtomicInteger();
        final AtomicInteger ordersPushed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final long started = System.nanoTime();
        /** When the counts were last written to the run: at most every {@link #PROGRESS_EVERY}, not per push. */
        final java.util.concurrent.atomic.AtomicLong lastWritten = new java.util.concurrent.atomic.AtomicLong(
                System.nanoTime());
        volatile String stoppedBecause;
        volatile boolean unauthorized;

        Progress(Request request, Feed feed) {
            this.request = request;
            this.feed = feed;
        }
    }

    /** How often a running partial sync writes its counts, so the API (on any node) shows them moving. */
    private static final long PROGRESS_EVERY = Duration.ofMillis(500).toNanos();

    private final ErpPush push;
    private final WebApiClient erp;
    private final Customers customers;
    private final Articles articles;
    private final Orders orders;
    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final ApplicationEventPublisher events;
    /** Feeds of runs started and not yet begun, by run id: the order sync holds one, the run reads it. */
    private final Map<Long, Feed> feeds = new ConcurrentHashMap<>();
    /**
     * The end of each run this process started, by run id: a step of a larger run that finds one in its way
     * waits for its end (not for the database to say so), then takes the lock itself.
     */
    private final Map<Long, CompletableFuture<Void>> ends = new ConcurrentHashMap<>();
    /** Partial syncs whose node died while this one was starting: resumed once the hub is ready. */
    private final List<String> toResume = new ArrayList<>();
    private volatile boolean ready;
    private final org.apache.camel.CamelContext camel;
    /** How many pushers a run has ({@link #pushAll}). */
    private final int pushers;
    private java.util.concurrent.ExecutorService pushPool;

    public PartialErpSync(ErpPush push, WebApiClient erp, Customers customers, Articles articles, Orders orders,
            SyncRuns runs, LockedRuns lockedRuns, ApplicationEventPublisher events, org.apache.camel.CamelContext camel,
            @org.springframework.beans.factory.annotation.Value("${sincro.erp.max-concurrent-calls:5}")
            int maxConcurrentCalls) {
        this.camel = camel;
        this.pushers = ErpPushPoolConfiguration.threads(maxConcurrentCalls);
        this.push = push;
        this.erp = erp;
        this.customers = customers;
        this.articles = articles;
        this.orders = orders;
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.events = events;
    }

    /** Starts a partial sync of what is pending now, or says which one is running. */
    public OrderSyncs.Start request(String trigger) {
        return lockedRuns.start(LOCK_KIND, LOCK_SCOPE, null, trigger, "seda:partial-erp-sync",
                runId -> {
                    ends.put(runId, new CompletableFuture<>());
                    return new Request(runId, trigger);
                });
    }

    /**
     * A partial sync as a step of a larger run (a scheduled shop run, an ERP sync), with its lock taken: the step
     * calls the flow ({@link #STEP_FLOW}) with {@link #stepRequest} and ends when the run ends. A run of this
     * process in the way (the one its order sync fed) is waited for, up to {@code wait}, and then the lock taken;
     * one of another node, or one still going at the limit, is answered as it is, and another follows it for
     * what is pending now.
     */
    public OrderSyncs.Start takeForStep(Exchange caller, String trigger, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            OrderSyncs.Start start = lockedRuns.takeForStep(caller, LOCK_KIND, LOCK_SCOPE, null, trigger);
            if (start instanceof OrderSyncs.Started started) {
                ends.put(started.runId(), new CompletableFuture<>());
                return start;
            }
            OrderSyncs.AlreadyRunning running = (OrderSyncs.AlreadyRunning) start;
            CompletableFuture<Void> end = ends.get(running.runId());
            long left = deadline - System.nanoTime();
            if (end == null && left > 0 && lockedRuns.node().equals(running.node())) {
                // a run of this process that has taken its lock and not yet registered its end, or one that
                // ended between the lock's answer and this look: wait for this process's next run end (a
                // signal, not the database), then ask for the lock again
                awaitAnEnd(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                continue;
            }
            if (end == null || left <= 0) {
                log.info("{}: partial ERP sync run {} is running on {}; another follows it for what is pending now",
                        trigger, running.runId(), running.node());
                return followUp(running, trigger);
            }
            try {
                end.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException stillRunning) {
                // the deadline is looked at again above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return followUp(running, trigger);
            }
        }
    }

    /** What a step taken by {@link #takeForStep} hands the flow. */
    static Request stepRequest(OrderSyncs.Started started, String trigger) {
        return new Request(started.runId(), trigger);
    }

    /**
     * The start of a shop order run: a partial sync begins with it and pushes what each of its pages
     * stores while the next one is read ({@link #pageStored}), until the order run ends. When another
     * partial sync is running, the order run's orders go with one that follows it ({@link #requestAfter}).
     */
    public void startFed(@ExchangeProperty(OrderIntake.RUN_ID) long orderRunId, Exchange exchange) {
        Feed feed = new Feed();
        String trigger = "ORDER_SYNC " + orderRunId;
        OrderSyncs.Start start = lockedRuns.start(LOCK_KIND, LOCK_SCOPE, null, trigger, "seda:partial-erp-sync",
                runId -> {
                    feeds.put(runId, feed);
                    ends.put(runId, new CompletableFuture<>());
                    return new Request(runId, trigger);
                });
        if (start instanceof OrderSyncs.Started) {
            exchange.setProperty(FEED, feed);
            // however the order run ends, its partial sync gets to its end too
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    feed.close();
                }
            });
        }
    }

    /** An order of the order run is stored: if it is NEW, it goes to the ERP now. */
    public void orderStored(OrderOutcome stored, @ExchangeProperty(FEED) Feed feed) {
        if (feed != null && stored != null && stored.result() == OrderOutcome.Result.IMPORTED
                && stored.orderId() != null) {
            boolean handedOver = false;
            try {
                handedOver = feed.stored(stored.orderId(), stored.erpNeeds());
            } catch (RuntimeException e) {
                log.warn("Order {} goes to the ERP with the next partial sync: {}", stored.orderId(), e.toString());
            }
            if (!handedOver) {
                // stored claimed for this run, which ended meanwhile: the claim goes, and the next run pushes it
                orders.releaseClaim(stored.orderId());
            }
        }
    }

    /** A page of the order run is stored: what it left pending (e.g. customers of held orders) goes to the ERP now. */
    public void pageStored(@ExchangeProperty(FEED) Feed feed) {
        if (feed != null) {
            feed.sweep();
        }
    }

    /** The end of every shop order run: what it stored goes on to the ERP. */
    public void requestAfter(RunSummary summary, @ExchangeProperty(FEED) Feed feed) {
        runs.erpSyncRequested(summary.run().id());
        if (feed != null) {
            feed.close();
        } else {
            requestCovering("ORDER_SYNC " + summary.run().id());
        }
    }

    /**
     * Makes sure a partial sync reads what is pending now: starts one, or, when one is running (it may
     * have read its lists already), asks it for another once it ends ({@link #followUp}). Does not wait.
     */
    public OrderSyncs.Start requestCovering(String trigger) {
        OrderSyncs.Start start = request(trigger);
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            log.info("{}: partial ERP sync run {} is running; another follows it for what is pending now", trigger,
                    running.runId());
            return followUp(running, trigger);
        }
        return start;
    }

    /**
     * The run in the way starts another as it ends, on whichever node it runs: the request is kept on its
     * record, which it reads after its lock is released. If it ended meanwhile, a run is requested now (or
     * one started since reads what is pending). A run whose node dies is resumed at once anyway.
     */
    private OrderSyncs.Start followUp(OrderSyncs.AlreadyRunning running, String trigger) {
        if (runs.requestFollowUp(running.runId(), trigger)) {
            return running;
        }
        return request(trigger);
    }

    /** A run of this process ended (well or not): whoever waits for it goes on. */
    private void ended(long runId) {
        CompletableFuture<Void> end = ends.remove(runId);
        if (end != null) {
            end.complete(null);
        }
        synchronized (anEnd) {
            anEnd.notifyAll();
        }
    }

    /** Signalled at every run end of this process. */
    private final Object anEnd = new Object();

    private void awaitAnEnd(long nanos) {
        synchronized (anEnd) {
            try {
                TimeUnit.NANOSECONDS.timedWait(anEnd, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A partial sync asked for another as it ran has ended (on this node): the other starts now. */
    @EventListener
    public void on(LockedRuns.FollowUp followUp) {
        runs.get(followUp.runId()).filter(run -> run.kind().equals(LOCK_KIND)).ifPresent(run -> {
            try {
                requestCovering(followUp.trigger());
            } catch (RuntimeException e) {
                log.error("{}: the partial ERP sync to follow run {} could not be requested; what is pending waits "
                        + "for the next one", followUp.trigger(), run.id(), e);
            }
        });
    }

    /**
     * A partial sync whose node stopped left writes of unknown outcome: another one resumes them at once
     * (looking each up in the ERP before sending it again) rather than at the next trigger.
     */
    @EventListener
    public void on(RunLocks.RunAbandoned abandoned) {
        runs.get(abandoned.runId()).filter(run -> run.kind().equals(LOCK_KIND))
                .ifPresent(run -> resume("RESUME of run " + run.id()));
    }

    /** At start: what a process of this node, or another that stopped, was writing into the ERP is resumed. */
    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        List<String> waiting;
        synchronized (toResume) {
            ready = true;
            waiting = List.copyOf(toResume);
            toResume.clear();
        }
        waiting.forEach(this::resume);
        if (orders.abandonedClaims() + customers.abandonedClaims() > 0) {
            resume("RESUME at start");
        }
    }

    private void resume(String trigger) {
        synchronized (toResume) {
            if (!ready) {
                toResume.add(trigger);
                return;
            }
        }
        log.warn("{}: writes into the ERP left by a stopped node are resumed, each looked up in the ERP first", trigger);
        try {
            requestCovering(trigger);
        } catch (RuntimeException e) {
            // heard inside a lock's expiry or at start: the next partial sync resumes them instead
            log.error("{}: the partial ERP sync could not be requested; the next one resumes these writes", trigger, e);
        }
    }

    public void begin(Request request, Exchange exchange) {
        Feed fed = feeds.remove(request.runId());
        Progress progress = new Progress(request, fed != null ? fed : new Feed());
        exchange.setProperty(PROGRESS, progress);
        exchange.setProperty(OrderSyncRuns.REPLAY_URI, REPLAY_ENDPOINT);
        lockedRuns.endWith(exchange, LOCK_KIND, LOCK_SCOPE, request.runId(), why -> {
            progress.feed.close();
            ended(request.runId());
        });
        // one call first: a refused login must stop the run before parallel calls repeat it
        try {
            erp.read("clienti", "0.0");
        } catch (ErpException e) {
            progress.stoppedBecause = e.getMessage();
            progress.unauthorized = e instanceof ErpException.Unauthorized;
        }
        progress.feed.sweep();
        // a fed run goes on to the end of its order run even when stopped: what that run stores gets the reason
        if (fed == null) {
            progress.feed.close();
        }
    }

    /**
     * Pushes what the feed hands over until it closes: {@link #pushers} pushers take units from it side by side,
     * more than the ERP's call slots, so while some do the hub's side of a push (reading and writing the store)
     * or wait for the customer or article an order needs, others wait for a slot, and a pusher whose call ends
     * takes the next unit at once. Returns when every unit taken is pushed.
     */
    public void pushAll(@ExchangeProperty(PROGRESS) Progress progress) {
        List<java.util.concurrent.Future<?>> running = new ArrayList<>(pushers);
        for (int i = 0; i < pushers; i++) {
            running.add(pushPool().submit(() -> {
                for (List<Item> unit = progress.feed.take(); unit != null; unit = progress.feed.take()) {
                    unit.forEach(item -> push(item, progress));
                }
            }));
        }
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> pusher : running) {
            while (true) {
                try {
                    pusher.get();
                    break;
                } catch (InterruptedException e) {
                    // the run ends when its pushers have; they end at the feed's end, or when their pool stops
                    interrupted = true;
                } catch (ExecutionException e) {
                    log.error("A pusher of partial ERP sync run {} failed; the others go on", progress.request.runId(),
                            e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pushers' threads (Camel's thread pool profile {@code erpPushPool}), made at the first run. */
    private synchronized java.util.concurrent.ExecutorService pushPool() {
        if (pushPool == null) {
            pushPool = camel.getExecutorServiceManager().newThreadPool(this, "ErpPush",
                    ErpPushPoolConfiguration.PROFILE);
        }
        return pushPool;
    }

    /** One record into the ERP; nothing is tried once the run stopped. Never throws: one item cannot stop the rest. */
    void push(Item item, Progress progress) {
        if (progress.stoppedBecause != null) {
            if (item.claimed()) {
                // claimed for this run when stored: it waits for the next run, with the reason the run stopped
                orders.releaseClaim(item.id());
            }
            return;
        }
        PushOutcome outcome;
        try {
            outcome = switch (item.kind()) {
                case CUSTOMER -> push.pushCustomer(item.id());
                case ARTICLE -> push.pushArticle(item.code());
                case ORDER -> item.claimed() ? push.pushClaimedOrder(item.id()) : push.pushOrder(item.id());
            };
        } catch (RuntimeException unexpected) {
            // a hub-side failure of one item (e.g. its database row) must not stop the others
            log.error("Pushing {} to the ERP failed unexpectedly", item, unexpected);
            outcome = new PushOutcome(item.kind(), String.valueOf(item), PushOutcome.Result.REJECTED, null,
                    "unexpected hub failure: " + unexpected);
        }
        if (outcome.pushed()) {
            switch (item.kind()) {
                case CUSTOMER -> progress.customersPushed.incrementAndGet();
                case ARTICLE -> progress.articlesPushed.incrementAndGet();
                case ORDER -> {
                    progress.ordersPushed.incrementAndGet();
                    // the push read the order: its account is not asked of the store again
                    String account = outcome.accountId() != null ? outcome.accountId() : orders.accountOf(item.id());
                    synchronized (progress.newOrdersByAccount) {
                        progress.newOrdersByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(item.id());
                    }
                }
            }
        } else if (outcome.result() != PushOutcome.Result.IN_PROGRESS) {
            // items another push is writing count neither as pushed nor as failed
            progress.failed.incrementAndGet();
            log.warn("{} {} stays pending: {}", outcome.kind(), outcome.item(), outcome.reason());
        }
        if (outcome.result() == PushOutcome.Result.UNAUTHORIZED) {
            progress.unauthorized = true;
            progress.stoppedBecause = outcome.reason();
        }
        long last = progress.lastWritten.get();
        long now = System.nanoTime();
        // one writer per interval (the one that wins the swap): a batch of pushes costs one update, not one each
        if (now - last >= PROGRESS_EVERY && progress.lastWritten.compareAndSet(last, now)) {
            writeProgress(progress);
        }
    }

    /** The counts so far, as absolute figures, read and written under one lock so the run's figures only grow. */
    private void writeProgress(Progress progress) {
        synchronized (progress) {
            runs.pushes(progress.request.runId(), progress.customersPushed.get(), progress.articlesPushed.get(),
                    progress.ordersPushed.get(), progress.failed.get(), progress.feed.handedOver());
        }
    }

    public SyncRuns.SyncRun finish(@ExchangeProperty(PROGRESS) Progress progress) {
        long runId = progress.request.runId();
        writeProgress(progress);
        if (progress.stoppedBecause != null) {
            orders.stillPending(progress.stoppedBecause);
            customers.stillPending(progress.stoppedBecause);
        }
        SyncRuns.SyncRun run = runs.get(runId).orElseThrow();
        SyncRuns.State state = progress.unauthorized ? SyncRuns.State.FAILED
                : run.pushesFailed() > 0 || progress.stoppedBecause != null ? SyncRuns.State.COMPLETED_WITH_ERRORS
                : SyncRuns.State.COMPLETED;
        String message = progress.stoppedBecause != null ? progress.stoppedBecause
                : run.pushesFailed() > 0 ? run.pushesFailed() + " items stay pending: see each one's reason" : null;
        lockedRuns.finish(runId, state, message);
        ended(runId);
        progress.newOrdersByAccount.forEach((account, ids) -> events.publishEvent(new NewOrdersInErp(account, ids)));
        log.info("Partial ERP sync run {}: {} customers, {} articles, {} orders pushed, {} pending ({}) in {} ms", runId,
                run.customersPushed(), run.articlesPushed(), run.ordersPushed(), run.pushesFailed(), state,
                (System.nanoTime() - progress.started) / 1_000_000);
        return runs.get(runId).orElseThrow();
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
