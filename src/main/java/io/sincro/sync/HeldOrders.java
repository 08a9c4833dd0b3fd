package io.sincro.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.Order;
import io.sincro.model.OrderState;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retrying held orders: after the merchant fixed what held them (a payment method mapped, auto-coding
 * turned on, the ERP currency added), each order is mapped again from the shop payload kept when it was
 * imported, with the account's settings as they are now, and decided again by the {@link OrderIntake}.
 * One that nothing holds any more goes on as NEW, and the partial ERP sync takes it as after an import;
 * one still held keeps the new reasons. Only HELD orders are retried, one retry at a time each: an order
 * in the ERP is never imported twice.
 */
@Component("heldOrders")
public class HeldOrders {

    private static final Logger log = LoggerFactory.getLogger(HeldOrders.class);

    /** What a retry did to one order. */
    public sealed interface Retry permits Retried, Refused, NotFound {
    }

    /** Decided again: {@code state} is NEW (released) or HELD (with the new reasons). */
    public record Retried(long id, OrderState state) implements Retry {
    }

    /** Not retried, and why, in words a merchant can act on. */
    public record Refused(long id, OrderState state, String reason) implements Retry {
    }

    public record NotFound(long id) implements Retry {
    }

    private final Orders orders;
    private final ShopAccounts accounts;
    private final OrderIntake intake;
    private final ShopConnectors connectors;
    private final PartialErpSync partialErpSync;
    private final ObjectMapper json;

    public HeldOrders(Orders orders, ShopAccounts accounts, OrderIntake intake, ShopConnectors connectors,
            PartialErpSync partialErpSync, ObjectMapper json) {
        this.orders = orders;
        this.accounts = accounts;
        this.intake = intake;
        this.connectors = connectors;
        this.partialErpSync = partialErpSync;
        this.json = json;
    }

    /** Retries one order; a released one goes to the ERP with a partial sync. */
    public Retry retry(long id) {
        Retry retry = decideAgain(id);
        if (retry instanceof Retried r && r.state() == OrderState.NEW) {
            // a run's trigger has 20 characters
            partialErpSync.requestCovering("RETRY " + id);
        }
        return retry;
    }

    /** Retries several orders, each on its own (one refused does not stop the others); one partial sync after. */
    public List<Retry> retry(List<Long> ids) {
        List<Retry> results = new ArrayList<>();
        for (long id : ids) {
            results.add(decideAgain(id));
        }
        if (results.stream().anyMatch(r -> r instanceof Retried retried && retried.state() == OrderState.NEW)) {
            partialErpSync.requestCovering("RETRY " + ids.size() + " orders");
        }
        return results;
    }

    /** Every held order of the account. */
    public List<Retry> retryAccount(String accountId) {
        return retry(orders.held(accountId));
    }

    private Retry decideAgain(long id) {
        Optional<Orders.StoredOrder> found = orders.get(id);
        if (found.isEmpty()) {
            return new NotFound(id);
        }
        Orders.StoredOrder stored = found.get();
        if (stored.state() != OrderState.HELD) {
            return new Refused(id, stored.state(), notHeld(stored));
        }
        Optional<ShopAccount> account = accounts.find(stored.accountId());
        if (account.isEmpty()) {
            return new Refused(id, stored.state(), "account " + stored.accountId() + " no longer exists");
        }
        Order order;
        try {
            order = remap(stored, account.get());
        } catch (ShopException | JsonProcessingException | IllegalArgumentException e) {
            log.warn("Held order {} could not be mapped again: {}", id, e.getMessage());
            return new Refused(id, stored.state(), "the order could not be mapped again from its shop data: "
                    + e.getMessage() + "; it stays held as it was");
        }
        if (order == null) {
            return new Refused(id, stored.state(), "the shop data of this order was not kept when it was imported, "
                    + "so it cannot be mapped again; it stays held as it was");
        }
        Optional<OrderOutcome> outcome = intake.reassess(id, order);
        if (outcome.isEmpty()) {
            Orders.StoredOrder now = orders.get(id).orElse(stored);
            return new Refused(id, now.state(), notHeld(now));
        }
        log.info("Held order {} ({} of account {}) retried: {}", id, stored.number(), stored.accountId(),
                outcome.get().result() == OrderOutcome.Result.IMPORTED ? "released to the ERP"
                        : "still held: " + outcome.get().reason());
        return new Retried(id, outcome.get().result() == OrderOutcome.Result.IMPORTED ? OrderState.NEW
                : OrderState.HELD);
    }

    /** The order as its platform's connector maps it now; null when its shop payload was not kept. */
    private Order remap(Orders.StoredOrder stored, ShopAccount account) throws JsonProcessingException {
        String text = orders.shopPayload(stored.id()).orElse(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode payload = json.readTree(text);
        if (account.platform() == Platform.STOREFRONT) {
            // a storefront posted the canonical order itself: that is what is kept
            return json.treeToValue(payload, Order.class);
        }
        return connectors.orders(account.platform()).toOrder(account, new RawShopOrder(stored.accountId(),
                stored.shopOrderId(), stored.number(), stored.shopUpdatedAt(), payload));
    }

    private static String notHeld(Orders.StoredOrder order) {
        return switch (order.state()) {
            case STORED -> "order " + order.id() + " (shop number " + order.number() + ") is already in the ERP as "
                    + order.erpKey() + (order.erpYear() == null ? "" : "/" + order.erpYear())
                    + ": it is never imported twice";
            case NEW -> "order " + order.id() + " (shop number " + order.number() + ") is not held: it goes to the ERP "
                    + "with the next partial ERP sync (" + order.erpReason() + ")";
            case HELD -> "order " + order.id() + " is being retried by another request";
        };
    }
}
