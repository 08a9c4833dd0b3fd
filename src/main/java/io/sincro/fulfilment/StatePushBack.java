package io.sincro.fulfilment;

import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import io.sincro.shop.magento.MagentoFulfilment;
import io.sincro.store.OrderStates;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the shop what the ERP's documents say (flow F2): cancel, shipment with tracking, invoice.
 * Each push is stored before it is sent and sent until the shop says the same, once: before every
 * write the shop is read again — a document carrying this push's marker means an earlier attempt
 * went through; quantities already shipped or invoiced in the shop are not sent again; a Magento
 * "does not allow" answer is checked against the order and recorded as done when the order shows it.
 * A refusal that reading the order cannot explain is permanent: the push is FAILED with the shop's
 * reason and waits for an operator's replay. A shop that is down leaves it PENDING for redelivery.
 */
@Component("statePushBack")
public class StatePushBack {

    private static final Logger log = LoggerFactory.getLogger(StatePushBack.class);
    private static final Set<String> CLOSED_STATES = Set.of("canceled", "closed");

    private final OrderStates states;
    private final Orders orders;
    private final ShopAccounts accounts;
    private final MagentoFulfilment magento;

    public StatePushBack(OrderStates states, Orders orders, ShopAccounts accounts, MagentoFulfilment magento) {
        this.states = states;
        this.orders = orders;
        this.accounts = accounts;
        this.magento = magento;
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
            Done done = send(push);
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

    private record Done(String shopDocumentId, String result) {
    }

    private Done send(OrderStates.Push push) {
        ShopAccount account = accounts.find(push.accountId()).orElseThrow(() -> new ShopException.Rejected(
                "account " + push.accountId() + " no longer exists", 0));
        if (account.platform() != Platform.MAGENTO) {
            return new Done(null, "nothing to send: a " + account.platform() + " order's state is read through the API");
        }
        Orders.StoredOrder order = orders.get(push.orderId()).orElseThrow();
        long entityId = Long.parseLong(order.shopOrderId());
        String marker = "[sincro:" + push.documentKey() + "]";
        return switch (push.action()) {
            case "CANCEL" -> cancel(account, entityId, order);
            case "SHIP" -> ship(account, entityId, order, push, marker);
            case "INVOICE" -> invoice(account, entityId, order, push, marker);
            default -> throw new ShopException.Rejected("unknown push-back action " + push.action(), 0);
        };
    }

    private Done cancel(ShopAccount account, long entityId, Orders.StoredOrder order) {
        MagentoFulfilment.ShopOrder before = magento.order(account, entityId);
        if ("canceled".equals(before.state())) {
            return new Done(null, "already cancelled in the shop");
        }
        if (magento.cancel(account, entityId)) {
            return new Done(null, "cancelled in the shop");
        }
        MagentoFulfilment.ShopOrder after = magento.order(account, entityId);
        if ("canceled".equals(after.state())) {
            return new Done(null, "already cancelled in the shop");
        }
        throw new ShopException.Rejected("Magento cannot cancel order " + order.number() + ": it is "
                + after.state() + " (an order invoiced or shipped in full cannot be cancelled; refund it in the shop)",
                200);
    }

    /** What differs between telling the shop of a delivery note and of an invoice. */
    private record ShopDocument(String noun, String verb, String done, String notAllowed,
            Function<MagentoFulfilment.Item, BigDecimal> open) {
    }

    private static final ShopDocument SHIPMENT = new ShopDocument("shipment", "ship", "shipped", "does not allow a shipment",
            MagentoFulfilment.Item::toShip);
    private static final ShopDocument INVOICE = new ShopDocument("invoice", "invoice", "invoiced", "does not allow an invoice",
            MagentoFulfilment.Item::toInvoice);

    private Done ship(ShopAccount account, long entityId, Orders.StoredOrder order, OrderStates.Push push,
            String marker) {
        MagentoFulfilment.Track track = track(account, push);
        return create(SHIPMENT, account, entityId, order, push, magento.shipmentMarked(account, entityId, marker),
                items -> {
                    String id = magento.ship(account, entityId, items, track,
                            "Delivery note " + push.documentKey() + " from the ERP " + marker);
                    return new Done(id, "shipment " + id + " created" + (track == null ? " without tracking"
                            : " with tracking " + track.trackNumber() + " (" + track.carrierCode() + ")"));
                });
    }

    private Done invoice(ShopAccount account, long entityId, Orders.StoredOrder order, OrderStates.Push push,
            String marker) {
        return create(INVOICE, account, entityId, order, push, magento.invoiceMarked(account, entityId, marker),
                items -> {
                    String id = magento.invoice(account, entityId, items,
                            "Invoice " + push.documentKey() + " from the ERP " + marker);
                    return new Done(id, "invoice " + id + " created");
                });
    }

    /**
     * A shipment or an invoice, once: an earlier one carrying this push's marker means it went through;
     * otherwise only what the shop still has open is sent; a "does not allow" refusal is checked against
     * the order read again.
     */
    private Done create(ShopDocument kind, ShopAccount account, long entityId, Orders.StoredOrder order,
            OrderStates.Push push, Optional<String> earlier, Function<Map<Long, BigDecimal>, Done> write) {
        if (earlier.isPresent()) {
            return new Done(earlier.get(), kind.noun() + " " + earlier.get() + " already in the shop for "
                    + push.documentKey());
        }
        MagentoFulfilment.ShopOrder shop = magento.order(account, entityId);
        refuseIfClosed(shop, order, kind.done());
        Map<Long, BigDecimal> items = allocate(push, order, shop, kind.open());
        if (!items.isEmpty()) {
            items = MagentoFulfilment.withWholeBundles(shop, items);
        }
        if (items.isEmpty()) {
            return new Done(null, "nothing left to " + kind.verb()
                    + " in the shop: already " + kind.done() + " there");
        }
        try {
            return write.apply(items);
        } catch (ShopException.Rejected refused) {
            if (refused.getMessage().contains(kind.notAllowed())
                    && allocate(push, order, magento.order(account, entityId), kind.open()).isEmpty()) {
                return new Done(null, "the shop says it is already " + kind.done());
            }
            throw refused;
        }
    }

    private static void refuseIfClosed(MagentoFulfilment.ShopOrder shop, Orders.StoredOrder order, String what) {
        if (CLOSED_STATES.contains(shop.state())) {
            throw new ShopException.Rejected("order " + order.number() + " cannot be " + what + " in the shop: it is "
                    + shop.state() + " there", 0);
        }
    }

    /**
     * The shop items and quantities for the ERP document's articles: an ERP article code is the hub
     * order line(s) coded with it, whose SKU is the shop item's; each item takes at most what it still
     * has open. An article no shop item matches is a permanent refusal, with its reason.
     */
    private static Map<Long, BigDecimal> allocate(OrderStates.Push push, Orders.StoredOrder order,
            MagentoFulfilment.ShopOrder shop, Function<MagentoFulfilment.Item, BigDecimal> open) {
        Map<Long, BigDecimal> items = new LinkedHashMap<>();
        push.items().forEach((articleCode, quantity) -> {
            Set<String> skus = order.lines().stream()
                    .filter(l -> "ARTICLE".equals(l.kind()) && articleCode.equals(l.articleCode()))
                    .map(Orders.Line::sku).collect(Collectors.toSet());
            List<MagentoFulfilment.Item> matching = shop.items().stream().filter(i -> skus.contains(i.sku())).toList();
            if (matching.isEmpty()) {
                throw new ShopException.Rejected("ERP article " + articleCode + " of " + push.documentKey()
                        + " matches no item of shop order " + order.number() + " (SKUs " + skus + ")", 0);
            }
            BigDecimal left = quantity;
            for (MagentoFulfilment.Item item : matching) {
                BigDecimal take = left.min(open.apply(item));
                if (take.signum() > 0) {
                    items.merge(item.itemId(), take, BigDecimal::add);
                    left = left.subtract(take);
                }
            }
        });
        return items;
    }

    /** The tracking for Magento: the account maps ERP carriers to Magento carrier codes; others are "custom". */
    private static MagentoFulfilment.Track track(ShopAccount account, OrderStates.Push push) {
        if (push.tracking() == null) {
            return null;
        }
        String erpCarrier = push.carrier();
        String code = erpCarrier == null ? null : account.settings().shipmentCarriers().get(erpCarrier);
        if (code == null) {
            return new MagentoFulfilment.Track(push.tracking(),
                    erpCarrier == null ? "Corriere" : "Corriere " + erpCarrier, "custom");
        }
        return new MagentoFulfilment.Track(push.tracking(), code.toUpperCase(Locale.ROOT), code);
    }
}
