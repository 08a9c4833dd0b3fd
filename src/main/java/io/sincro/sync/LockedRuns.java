package io.sincro.sync;

import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.store.RunLocks;
import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * How every kind of run starts and ends: a run record, its lock per (kind, scope) taken before the run
 * is handed to its flow (so a second request, on any node, learns which run holds it), and, however
 * the flow ends, the lock released and a run that did not reach its end recorded as FAILED.
 */
@Component
public class LockedRuns {

    private final SyncRuns runs;
    private final RunLocks locks;
    private final ShopAccounts accounts;
    private final ProducerTemplate producer;
    private final ApplicationEventPublisher events;

    public LockedRuns(SyncRuns runs, RunLocks locks, ShopAccounts accounts, @Lazy ProducerTemplate producer,
            ApplicationEventPublisher events) {
        this.events = events;
        this.accounts = accounts;
        this.runs = runs;
        this.locks = locks;
        this.producer = producer;
    }

    /**
     * Starts a run of {@code kind} for {@code scope} (the account, or "erp"), or says which run holds the lock.
     *
     * @param request the flow's message for the new run id
     */
    public OrderSyncs.Start start(String kind, String scope, String accountId, String trigger, String endpoint,
            LongFunction<Object> request) {
        OrderSyncs.Start start = take(kind, scope, accountId, trigger);
        if (start instanceof OrderSyncs.Started started) {
            producer.sendBody(endpoint, request.apply(started.runId()));
        }
        return start;
    }

    /**
     * A run of {@code kind} for {@code scope} with its lock taken, for a step of a larger run to call its flow
     * (a {@code direct:} route) with; or which run holds the lock. However the caller's exchange ends, a run it
     * took and did not end is FAILED and its lock released ({@link #endWith}): a flow that never began leaves
     * nothing held.
     */
    public OrderSyncs.Start takeForStep(Exchange caller, String kind, String scope, String accountId, String trigger) {
        OrderSyncs.Start start = take(kind, scope, accountId, trigger);
        if (start instanceof OrderSyncs.Started started) {
            endWith(caller, kind, scope, started.runId(), why -> { });
        }
        return start;
    }

    private OrderSyncs.Start take(String kind, String scope, String accountId, String trigger) {
        long runId = runs.start(kind, accountId, trigger, locks.node());
        Optional<RunLocks.Holder> holder = locks.tryAcquire(kind, scope, runId);
        if (holder.isPresent()) {
            runs.discard(runId);
            return new OrderSyncs.AlreadyRunning(holder.get().runId(), holder.get().node(), holder.get().since());
        }
        return new OrderSyncs.Started(runId);
    }

    /** This node's name, as run locks name their holder. */
    public String node() {
        return locks.node();
    }

    /**
     * Takes another kind's lock for a step of a larger run (a scheduled run's customer sync shares the
     * manual customer sync's lock); empty when taken, else who holds it. Released with {@link #release}.
     */
    public Optional<RunLocks.Holder> hold(String kind, String scope, long runId) {
        return locks.tryAcquire(kind, scope, runId);
    }

    public void release(String kind, String scope, long runId) {
        locks.release(kind, scope, runId);
    }

    /**
     * Ends a running run and frees its locks at once: a run shown as ended never refuses the next
     * request, even while its flow still sends the e-mail or hands over to the next step.
     *
     * @return false when the run had already ended (it keeps its first outcome)
     */
    public boolean finish(long runId, SyncRuns.State state, String message) {
        boolean ended;
        try {
            ended = runs.finish(runId, state, message);
        } finally {
            locks.releaseAll(runId);
        }
        // asked while it ran, read once its lock is free: the next run can take it
        runs.takeFollowUp(runId).ifPresent(trigger -> events.publishEvent(new FollowUp(runId, trigger)));
        return ended;
    }

    /** A run ended that was asked for another of its kind while it ran ({@link SyncRuns#requestFollowUp}). */
    public record FollowUp(long runId, String trigger) {
    }

    /**
     * A run of a shop account (order sync, customer sync, scheduled run): empty when there is no such
     * account; refused when the account has no shop to read (a storefront posts its orders).
     */
    public Optional<OrderSyncs.Start> startForShop(String kind, String accountId, String trigger,
            Function<ShopAccount, String> endpoint, LongFunction<Object> request) {
        Optional<ShopAccount> account = accounts.find(accountId);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (account.get().platform() == Platform.STOREFRONT) {
            throw new IllegalArgumentException("account " + accountId + " is a storefront: its orders (and their "
                    + "customers) are posted to the hub, there is no shop to read them from");
        }
        return Optional.of(start(kind, accountId, accountId, trigger, endpoint.apply(account.get()), request));
    }

    /**
     * The same for a step of a larger run, which calls the flow itself ({@link #takeForStep}); {@code flow} is
     * asked only to refuse an account whose shop has no such flow.
     */
    public Optional<OrderSyncs.Start> takeForShopStep(Exchange caller, String kind, String accountId, String trigger,
            Function<ShopAccount, String> flow) {
        Optional<ShopAccount> account = accounts.find(accountId);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (account.get().platform() == Platform.STOREFRONT) {
            throw new IllegalArgumentException("account " + accountId + " is a storefront: its orders (and their "
                    + "customers) are posted to the hub, there is no shop to read them from");
        }
        flow.apply(account.get());
        return Optional.of(takeForStep(caller, kind, accountId, accountId, trigger));
    }

    /**
     * However the flow of this exchange ends, the run's lock is released; a run not ended by its flow is
     * FAILED with the cause, and {@code whenFailed} hears why (e.g. to send the failure e-mail).
     */
    public void endWith(Exchange exchange, String kind, String scope, long runId, Consumer<String> whenFailed) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                Exception failure = done.getException() != null ? done.getException()
                        : done.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                String why = failure == null ? "the run stopped before its end" : failure.getMessage();
                try {
                    if (finish(runId, SyncRuns.State.FAILED, why)) {
                        whenFailed.accept(why);
                    }
                } finally {
                    locks.release(kind, scope, runId);
                }
            }
        });
    }
}
