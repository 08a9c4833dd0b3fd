package io.sincro.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.erp.ErpPush;
import io.sincro.erp.PushOutcome;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderState;
import io.sincro.shop.RawShopOrder;
import io.sincro.store.Orders;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Orders a storefront posts straight to the hub (seed 003): stored first, then inserted into the
 * ERP at once when it answers — no sync, no quota. When the ERP cannot take it, the order waits for
 * the next partial ERP sync. Posting the same order again changes nothing.
 */
@Component("storefrontOrders")
public class StorefrontOrders {

    /** What happened to a posted order. */
    public record Insertion(long orderId, OrderState state, String erpKey, Integer erpYear, String erpReason,
            List<Hold> holds, boolean alreadyKnown) {
    }

    private final OrderIntake intake;
    private final ErpPush push;
    private final Orders orders;
    private final ObjectMapper json;

    public StorefrontOrders(OrderIntake intake, ErpPush push, Orders orders, ObjectMapper json) {
        this.intake = intake;
        this.push = push;
        this.orders = orders;
        this.json = json;
    }

    public Insertion insert(Order order) {
        Optional<Orders.StoredOrder> known = orders.findByShopId(order.accountId(), order.shopOrderId());
        if (known.isPresent()) {
            return insertion(known.get(), true);
        }
        RawShopOrder raw = new RawShopOrder(order.accountId(), order.shopOrderId(), order.number(),
                order.updatedAt() == null ? Instant.now() : order.updatedAt(), json.valueToTree(order));
        OrderOutcome stored = intake.store(order, raw, null);
        if (stored.result() == OrderOutcome.Result.IMPORTED) {
            PushOutcome pushed = push.pushOrder(stored.orderId());
            if (!pushed.pushed() && pushed.result() != PushOutcome.Result.REJECTED) {
                orders.erpFailed(stored.orderId(), pushed.reason() + " — the next partial ERP sync delivers it");
            }
        }
        return insertion(orders.get(stored.orderId()).orElseThrow(), false);
    }

    private static Insertion insertion(Orders.StoredOrder order, boolean alreadyKnown) {
        return new Insertion(order.id(), order.state(), order.erpKey(), order.erpYear(), order.erpReason(),
                order.holds(), alreadyKnown);
    }
}
