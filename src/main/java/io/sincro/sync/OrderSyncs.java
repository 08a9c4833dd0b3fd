package io.sincro.sync;

import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts order-sync runs. At most one runs per account at a time, on any node: the run lock is
 * taken before the run is handed to its flow, and a second request learns which run holds it.
 */
@Component("orderSyncs")
public class OrderSyncs {

    public static final String LOCK_KIND = "ORDER_SYNC";
    static final String REPLAY_ENDPOINT = "direct:order-sync-replay";
    static final String FLOW = "seda:order-sync";

    /** The answer to a request: the run started, or the run that is already going. */
    public sealed interface Start permits Started, AlreadyRunning {
    }

    public record Started(long runId) implements Start {
    }

    public record AlreadyRunning(long runId, String node, Instant since) implements Start {
        public String message() {
            return "an order sync of this account is already running: run " + runId + " on " + node + " since " + since;
        }
    }

    private final LockedRuns lockedRuns;
    private final ShopConnectors connectors;

    public OrderSyncs(LockedRuns lockedRuns, ShopConnectors connectors) {
        this.lockedRuns = lockedRuns;
        this.connectors = connectors;
    }

    /**
     * Empty when the account does not exist.
     *
     * @throws IllegalArgumentException when the account's orders cannot be read (a storefront, a platform
     *         without a connector), with the reason
     */
    public Optional<Start> request(String accountId, String trigger) {
        return start(accountId, trigger, false);
    }

    /** An order sync as a step of a larger run, which reports it in its own e-mail. */
    public Optional<Start> requestAsStep(String accountId, String trigger) {
        return start(accountId, trigger, true);
    }

    private Optional<Start> start(String accountId, String trigger, boolean step) {
        return lockedRuns.startForShop(LOCK_KIND, accountId, trigger, this::flowOf,
                runId -> new OrderSyncRequest(runId, accountId, trigger, step));
    }

    /** What a replay answers: the new run, or why it could not start (a run is going). */
    static String replayed(Start start, String what) {
        if (start instanceof AlreadyRunning running) {
            throw new IllegalStateException(what + " of this account is already running: run " + running.runId()
                    + " on " + running.node() + " since " + running.since());
        }
        return "started run " + ((Started) start).runId();
    }

    /** A run that ended in the dead-letter store is replayed as a new run of the same account. */
    public String replay(OrderSyncRequest failed) {
        return replayed(request(failed.accountId(), "REPLAY")
                .orElseThrow(() -> new IllegalStateException("account " + failed.accountId() + " no longer exists")),
                "an order sync");
    }

    /** One order-sync flow for every platform: it reads the orders through the account's connector. */
    private String flowOf(ShopAccount account) {
        try {
            connectors.orders(account.platform());
        } catch (ShopException.Rejected noConnector) {
            throw new IllegalArgumentException(noConnector.getMessage());
        }
        return FLOW;
    }
}
