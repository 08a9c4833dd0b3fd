package io.sincro.fulfilment;

import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import io.sincro.shop.StateChannel;
import io.sincro.store.OrderStates;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the shop what the ERP's documents say (flow F2): cancel, shipment with tracking, invoice.
 * Each push is stored before it is sent and sent until the shop says the same, once. This flow owns the
 * push's lifecycle in the store (attempt, done, failed); the account's {@link StateChannel} owns how its
 * platform is told, reading the shop before every write so that a repeated push is answered "already
 * done" rather than written twice. A refusal the shop's state cannot explain is permanent: the push is
 * FAILED with the shop's reason and waits for an operator's replay. A shop that is down leaves it PENDING
 * for redelivery.
 */
@Component("statePushBack")
public class StatePushBack {

    private static final Logger log = LoggerFactory.getLogger(StatePushBack.class);

    private final OrderStates states;
    private final Orders orders;
    private final ShopAccounts accounts;
    private final ShopConnectors connectors;

    public StatePushBack(OrderStates states, Orders orders, ShopAccounts accounts, ShopConnectors connectors) {
        this.states = states;
        this.orders = orders;
        this.accounts = accounts;
        this.connectors = connectors;
    }

    /** The pushes still to send, for one account or (null) all of them. */
    public List<PushRequest> pending(String accountId) {
        return states.pending(accountId).stream().map(p -> new PushRequest(p.id(), p.orderId(), p.accountId(),
                p.action(), p.documentKey())).toList();
    }

    public PushResult push(PushRequest request) {
        OrderStates.Push push = states.push(request.pushId())
                .orElseThrow(() -> new IllegalStateException("push " + request.pushId() + " does not exist"));
        if (push.state() == OrderStates.PushState.DONE) {
            return new PushResult(push.id(), push.action(), push.documentKey(), true, push.result());
        }
        states.attempt(push.id());
        try {
            StatePushed done = send(push);
            states.done(push.id(), done.shopDocumentId(), done.result());
            log.info("Order {}: {} {} → {}", push.orderId(), push.action(), push.documentKey(), done.result());
            return new PushResult(push.id(), push.action(), push.documentKey(), true, done.result());
        } catch (ShopException.Rejected | ShopException.Unauthorized permanent) {
            states.failed(push.id(), permanent.getMessage(), true);
            throw permanent;
        } catch (RuntimeException retryable) {
            states.failed(push.id(), "attempt " + (push.attempts() + 1) + " failed: " + retryable.getMessage(), false);
            throw retryable;
        }
    }

    private StatePushed send(OrderStates.Push push) {
        ShopAccount account = accounts.find(push.accountId()).orElseThrow(() -> new ShopException.Rejected(
                "account " + push.accountId() + " no longer exists", 0));
        if (account.platform() == Platform.STOREFRONT) {
            return new StatePushed(null, "nothing to send: a " + account.platform()
                    + " order's state is read through the API");
        }
        StateChannel shop = connectors.states(account.platform());
        Orders.StoredOrder order = orders.get(push.orderId()).orElseThrow();
        return switch (push.action()) {
            case "CANCEL" -> shop.cancel(account, order.shopOrderId(), order.number());
            case "SHIP" -> shop.ship(account, document(push, order, "Delivery note " + push.documentKey()
                    + " from the ERP"));
            case "INVOICE" -> shop.invoice(account, document(push, order, "Invoice " + push.documentKey()
                    + " from the ERP"));
            default -> throw new ShopException.Rejected("unknown push-back action " + push.action(), 0);
        };
    }

    /**
     * The ERP document as the shop is told it: per ERP article its quantity and the SKUs the order sold it
     * under (the hub's order lines coded with that article), and a marker naming the document, which the
     * shop keeps so that a later attempt sees this one went through.
     */
    static ShopDocument document(OrderStates.Push push, Orders.StoredOrder order, String comment) {
        List<ShopDocument.Line> lines = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> item : push.items().entrySet()) {
            Set<String> skus = new LinkedHashSet<>();
            for (Orders.Line line : order.lines()) {
                if ("ARTICLE".equals(line.kind()) && item.getKey().equals(line.articleCode())) {
                    skus.add(line.sku());
                }
            }
            lines.add(new ShopDocument.Line(item.getKey(), skus, item.getValue()));
        }
        ShopDocument.Tracking tracking = push.tracking() == null ? null
                : new ShopDocument.Tracking(push.tracking(), push.carrier());
        return new ShopDocument(order.shopOrderId(), order.number(), push.documentKey(),
                "[sincro:" + push.documentKey() + "]", List.copyOf(lines), tracking, comment);
    }
}
