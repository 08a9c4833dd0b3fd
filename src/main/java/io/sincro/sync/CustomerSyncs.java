package io.sincro.sync;

import io.sincro.model.ShopCustomer;
import io.sincro.shop.CustomerSource;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import io.sincro.store.Customers;
import io.sincro.store.ShopAccounts;
import io.sincro.store.SyncRuns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer sync (F3, "Sincro Clienti"): refreshes the hub's customers that came from an account
 * with what the shop has now. By hand, all of them; in a scheduled run, only those the shop changed
 * since the last one. It never imports a customer the hub does not know: customers arrive with their
 * first order. A changed customer becomes pending, and a partial ERP sync updates it in the ERP.
 */
@Component("customerSyncs")
public class CustomerSyncs {

    private static final Logger log = LoggerFactory.getLogger(CustomerSyncs.class);
    public static final String LOCK_KIND = "CUSTOMER_SYNC";
    static final String REPLAY_ENDPOINT = "direct:customer-sync-replay";
    static final String PROGRESS = "sincroCustomerSync";

    /** A manual customer sync holding its lock. */
    public record Request(long runId, String accountId, String trigger) {
    }

    /** What a refresh did: customers read from the shop, changed in the hub, known to the hub. */
    public record Refreshed(int read, int changed, int known) {
        Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("known", known);
            counts.put("read", read);
            counts.put("changed", changed);
            return counts;
        }
    }

    private final ShopAccounts accounts;
    private final Customers customers;
    private final ShopConnectors connectors;
    private final SyncRuns runs;
    private final LockedRuns lockedRuns;
    private final PartialErpSync partialErpSync;

    public CustomerSyncs(ShopAccounts accounts, Customers customers, ShopConnectors connectors, SyncRuns runs,
            LockedRuns lockedRuns, PartialErpSync partialErpSync) {
        this.accounts = accounts;
        this.customers = customers;
        this.connectors = connectors;
        this.runs = runs;
        this.lockedRuns = lockedRuns;
        this.partialErpSync = partialErpSync;
    }

    /**
     * Starts a manual customer sync of the account; empty when there is no such account.
     *
     * @throws IllegalArgumentException when the account's platform has no customers the hub can read
     */
    public Optional<OrderSyncs.Start> request(String accountId, String trigger) {
        return lockedRuns.startForShop(LOCK_KIND, accountId, trigger, account -> {
            try {
                connectors.customers(account.platform());
            } catch (ShopException.Rejected noConnector) {
                throw new IllegalArgumentException(noConnector.getMessage());
            }
            return "seda:customer-sync";
        }, runId -> new Request(runId, accountId, trigger));
    }

    /**
     * Refreshes the account's known customers from the shop: all of them, or ({@code changedOnly}) those
     * changed since the last scheduled refresh. The time that moves on is the shop's own (the newest
     * {@code updated_at} read), and the next read includes that second again: the shop stamps to the
     * second, and a change later in the same second must not be missed.
     */
    public Refreshed refresh(String accountId, boolean changedOnly) {
        return refresh(accountId, changedOnly, null);
    }

    /** The same, telling the run {@code runId} (when not null) how far it is, about twice a second. */
    Refreshed refresh(String accountId, boolean changedOnly, Long runId) {
        ShopAccount account = accounts.find(accountId).orElseThrow();
        CustomerSource shop = connectors.customers(account.platform());
        Map<String, Long> known = customers.bindings(accountId).stream()
                .collect(Collectors.toMap(Customers.Binding::shopCustomerId, Customers.Binding::customerId,
                        (a, b) -> a));
        AtomicInteger read = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        Optional<Instant> since = changedOnly ? accounts.customerWatermark(accountId) : Optional.empty();
        if (since.isPresent()) {
            AtomicReference<Instant> newest = new AtomicReference<>(since.get());
            shop.changedAfter(account, since.get(), found -> {
                Long customerId = known.get(found.customer().shopCustomerId());
                if (customerId != null) {
                    read.incrementAndGet();
                    if (customers.refresh(customerId, found.customer())) {
                        changed.incrementAndGet();
                    }
                }
                if (found.updatedAt() != null && found.updatedAt().isAfter(newest.get())) {
                    newest.set(found.updatedAt());
                }
            });
            accounts.setCustomerWatermark(accountId, newest.get());
        } else {
            Instant newest = null;
            long written = System.nanoTime();
            if (runId != null) {
                runs.progress(runId, 0, known.size());
            }
            for (Map.Entry<String, Long> binding : known.entrySet()) {
                if (runId != null && System.nanoTime() - written >= PROGRESS_EVERY) {
                    runs.progress(runId, read.get(), null);
                    written = System.nanoTime();
                }
                try {
                    ShopCustomer found = shop.get(account, binding.getKey());
                    read.incrementAndGet();
                    if (customers.refresh(binding.getValue(), found.customer())) {
                        changed.incrementAndGet();
                    }
                    if (found.updatedAt() != null && (newest == null || found.updatedAt().isAfter(newest))) {
                        newest = found.updatedAt();
                    }
                } catch (ShopException.Rejected gone) {
                    log.warn("Customer {} of account {} is no longer in the shop: {}", binding.getKey(), accountId,
                            gone.getMessage());
                }
            }
            if (changedOnly && newest != null) {
                accounts.setCustomerWatermark(accountId, newest);
            }
        }
        if (runId != null) {
            runs.progress(runId, read.get(), null);
        }
        log.info("Customer sync of account {}: {} known, {} read, {} changed", accountId, known.size(), read.get(),
                changed.get());
        return new Refreshed(read.get(), changed.get(), known.size());
    }

    // ------------------------------------------------------------------------- manual run (route steps)

    /** How often a running refresh writes how far it is (one customer is one shop call: not after each). */
    private static final long PROGRESS_EVERY = java.time.Duration.ofMillis(500).toNanos();

    static final class Progress {
        final Request request;
        Refreshed refreshed;

        Progress(Request request) {
            this.request = request;
        }
    }

    public void begin(Request request, Exchange exchange) {
        exchange.setProperty(PROGRESS, new Progress(request));
        exchange.setProperty(OrderSyncRuns.REPLAY_URI, REPLAY_ENDPOINT);
        lockedRuns.endWith(exchange, LOCK_KIND, request.accountId(), request.runId(), why -> { });
    }

    public void refreshAll(@ExchangeProperty(PROGRESS) Progress progress) {
        progress.refreshed = refresh(progress.request.accountId(), false, progress.request.runId());
        runs.addStep(progress.request.runId(), "customers", progress.refreshed.counts());
    }

    /** The changes go to the ERP with a partial sync (never counted against the quota). */
    public void pushToErp(@ExchangeProperty(PROGRESS) Progress progress) {
        if (progress.refreshed.changed() == 0) {
            return;
        }
        OrderSyncs.Start start = partialErpSync.requestCovering(LOCK_KIND + " " + progress.request.runId());
        Map<String, Object> counts = new LinkedHashMap<>();
        if (start instanceof OrderSyncs.Started started) {
            counts.put("run", started.runId());
        } else {
            counts.put("after run", ((OrderSyncs.AlreadyRunning) start).runId());
        }
        runs.addStep(progress.request.runId(), "partial ERP sync", counts);
    }

    public SyncRuns.SyncRun finish(@ExchangeProperty(PROGRESS) Progress progress) {
        lockedRuns.finish(progress.request.runId(), SyncRuns.State.COMPLETED, null);
        return runs.get(progress.request.runId()).orElseThrow();
    }

    /** A run that ended in the dead-letter store is replayed as a new run of the account, through its lock. */
    public String replay(Request failed) {
        return OrderSyncs.replayed(request(failed.accountId(), "REPLAY of run " + failed.runId())
                .orElseThrow(() -> new IllegalStateException("account " + failed.accountId() + " no longer exists")),
                "a customer sync");
    }
}
