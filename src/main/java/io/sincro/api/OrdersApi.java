package io.sincro.api;

import io.sincro.model.Hold;
import io.sincro.model.OrderState;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.HeldOrders;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** What an operator does to held orders: retry them once the reasons that held them are fixed. */
@Component("ordersApi")
public class OrdersApi {

    private static final int MAX_IDS = 1000;

    /** {@code POST /api/orders/retry}: the orders named, or every held order of one account. */
    public record RetryRequest(List<Long> ids, String account) {
    }

    /** One order of a bulk retry: its state and holds after it; {@code reason} when it was not retried. */
    public record RetryResult(long id, OrderState state, List<Hold> holds, String reason) {
    }

    /**
     * A bulk retry: how many orders were decided again, how many of those went on to the ERP and how many
     * stay held, and each order's outcome.
     */
    public record RetrySummary(int retried, int released, int stillHeld, List<RetryResult> results) {
    }

    private final HeldOrders heldOrders;
    private final Orders orders;
    private final ShopAccounts accounts;
    private final MonitoringApi monitoring;

    public OrdersApi(HeldOrders heldOrders, Orders orders, ShopAccounts accounts, MonitoringApi monitoring) {
        this.heldOrders = heldOrders;
        this.orders = orders;
        this.accounts = accounts;
        this.monitoring = monitoring;
    }

    /** {@code POST /api/orders/{id}/retry}: the order after the retry; 409 when it is not held. */
    public MonitoringApi.OrderView retry(@Header("id") String id) {
        long orderId = MonitoringApi.number(id, "order");
        HeldOrders.Retry retry = heldOrders.retry(orderId);
        if (retry instanceof HeldOrders.NotFound) {
            throw ApiProblem.notFound("order " + id);
        }
        if (retry instanceof HeldOrders.Refused refused) {
            throw new ApiProblem(409, "urn:sincro:problem:not-held", "The order is not held", refused.reason(),
                    List.of()).with("state", refused.state().name());
        }
        return monitoring.order(id);
    }

    public RetrySummary retryMany(RetryRequest request) {
        boolean byIds = request != null && request.ids() != null;
        boolean byAccount = request != null && request.account() != null;
        if (byIds == byAccount) {
            throw ApiProblem.invalid("body", "send either ids (the orders to retry) or account (every held order of "
                    + "that account), not both");
        }
        List<HeldOrders.Retry> retries;
        if (byIds) {
            if (request.ids().isEmpty() || request.ids().size() > MAX_IDS) {
                throw ApiProblem.invalid("ids", "must list between 1 and " + MAX_IDS + " order ids");
            }
            if (request.ids().stream().anyMatch(i -> i == null)) {
                throw ApiProblem.invalid("ids", "must not contain null");
            }
            retries = heldOrders.retry(request.ids().stream().distinct().toList());
        } else {
            if (accounts.find(request.account()).isEmpty()) {
                throw ApiProblem.notFound("account " + request.account());
            }
            retries = heldOrders.retryAccount(request.account());
        }
        List<RetryResult> results = new ArrayList<>();
        int retried = 0;
        int released = 0;
        for (HeldOrders.Retry retry : retries) {
            if (retry instanceof HeldOrders.Retried r) {
                retried++;
                if (r.state() == OrderState.NEW) {
                    released++;
                }
                results.add(result(r.id(), null));
            } else if (retry instanceof HeldOrders.Refused r) {
                results.add(result(r.id(), r.reason()));
            } else if (retry instanceof HeldOrders.NotFound r) {
                results.add(new RetryResult(r.id(), null, List.of(), "no order " + r.id() + " in the hub"));
            }
        }
        return new RetrySummary(retried, released, retried - released, results);
    }

    private RetryResult result(long id, String reason) {
        Orders.StoredOrder order = orders.get(id).orElseThrow();
        return new RetryResult(id, order.state(), order.holds(), reason);
    }
}
