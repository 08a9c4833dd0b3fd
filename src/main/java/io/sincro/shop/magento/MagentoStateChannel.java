package io.sincro.shop.magento;

import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import io.sincro.shop.StateChannel;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the ERP's documents say, told to a Magento order (F2, shop-apis A7): cancel, shipment with tracking,
 * invoice. Magento has no idempotency key and a repeated partial shipment or invoice succeeds (A12), so
 * every write is preceded by a read: a document carrying the push's marker means an earlier attempt went
 * through; only what the order still has open is sent; a "does not allow" answer is checked against the
 * order read again and counted done when the order shows it. What reading the order cannot explain is a
 * {@link ShopException.Rejected} with the reason.
 */
@Component
public class MagentoStateChannel implements StateChannel {

    /** Magento order states in which nothing more can be shipped or invoiced. */
    private static final Set<String> CLOSED_STATES = Set.of("canceled", "closed");

    private final MagentoFulfilment magento;

    public MagentoStateChannel(MagentoFulfilment magento) {
        this.magento = magento;
    }

    @Override
    public Platform platform() {
        return Platform.MAGENTO;
    }

    /** Checked before and after: Magento answers {@code false} both when it cannot and when it already did. */
    @Override
    public StatePushed cancel(ShopAccount account, String shopOrderId, String orderNumber) {
        long entityId = entityId(shopOrderId, orderNumber);
        if (isCanceled(magento.order(account, entityId))) {
            return new StatePushed(null, "already cancelled in the shop");
        }
        if (magento.cancel(account, entityId)) {
            return new StatePushed(null, "cancelled in the shop");
        }
        MagentoFulfilment.ShopOrder after = magento.order(account, entityId);
        if (isCanceled(after)) {
            return new StatePushed(null, "already cancelled in the shop");
        }
        throw new ShopException.Rejected("Magento cannot cancel order " + orderNumber + ": it is "
                + after.state() + " (an order invoiced or shipped in full cannot be cancelled; refund it in the shop)",
                200);
    }

    @Override
    public StatePushed ship(ShopAccount account, ShopDocument deliveryNote) {
        long entityId = entityId(deliveryNote.shopOrderId(), deliveryNote.orderNumber());
        MagentoFulfilment.Track track = track(account, deliveryNote.tracking());
        return create(SHIPMENT, account, entityId, deliveryNote,
                magento.shipmentMarked(account, entityId, deliveryNote.marker()), items -> {
                    String id = magento.ship(account, entityId, items, track, commentOf(deliveryNote));
                    return new StatePushed(id, "shipment " + id + " created" + (track == null ? " without tracking"
                            : " with tracking " + track.trackNumber() + " (" + track.carrierCode() + ")"));
                });
    }

    @Override
    public StatePushed invoice(ShopAccount account, ShopDocument invoice) {
        long entityId = entityId(invoice.shopOrderId(), invoice.orderNumber());
        return create(INVOICE, account, entityId, invoice, magento.invoiceMarked(account, entityId, invoice.marker()),
                items -> {
                    String id = magento.invoice(account, entityId, items, commentOf(invoice));
                    return new StatePushed(id, "invoice " + id + " created");
                });
    }

    /** What differs between a shipment and an invoice. */
    private record Kind(String noun, String verb, String done, String notAllowed,
            Function<MagentoFulfilment.Item, BigDecimal> open) {
    }

    private static final Kind SHIPMENT = new Kind("shipment", "ship", "shipped", "does not allow a shipment",
            MagentoFulfilment.Item::toShip);
    private static final Kind INVOICE = new Kind("invoice", "invoice", "invoiced", "does not allow an invoice",
            MagentoFulfilment.Item::toInvoice);

    /**
     * A shipment or an invoice, once: an earlier one carrying the marker means it went through; otherwise
     * only what the order still has open is sent, each bundle whole; a "does not allow" refusal is checked
     * against the order read again.
     */
    private StatePushed create(Kind kind, ShopAccount account, long entityId, ShopDocument document,
            Optional<String> earlier, Function<Map<Long, BigDecimal>, StatePushed> write) {
        if (earlier.isPresent()) {
            return new StatePushed(earlier.get(), kind.noun() + " " + earlier.get() + " already in the shop for "
                    + document.documentKey());
        }
        MagentoFulfilment.ShopOrder shop = magento.order(account, entityId);
        if (CLOSED_STATES.contains(shop.state())) {
            throw new ShopException.Rejected("order " + document.orderNumber() + " cannot be " + kind.done()
                    + " in the shop: it is " + shop.state() + " there", 0);
        }
        Map<Long, BigDecimal> items = allocate(document, shop, kind.open());
        if (!items.isEmpty()) {
            items = MagentoFulfilment.withWholeBundles(shop, items);
        }
        if (items.isEmpty()) {
            return new StatePushed(null, "nothing left to " + kind.verb() + " in the shop: already " + kind.done()
                    + " there");
        }
        try {
            return write.apply(items);
        } catch (ShopException.Rejected refused) {
            if (refused.getMessage().contains(kind.notAllowed())
                    && allocate(document, magento.order(account, entityId), kind.open()).isEmpty()) {
                return new StatePushed(null, "the shop says it is already " + kind.done());
            }
            throw refused;
        }
    }

    /**
     * The order items and quantities for the document's lines: a line's SKUs are the order's items sold
     * under its ERP article; each item takes at most what it still has open. A line no item matches is a
     * permanent refusal, with its reason.
     */
    static Map<Long, BigDecimal> allocate(ShopDocument document, MagentoFulfilment.ShopOrder shop,
            Function<MagentoFulfilment.Item, BigDecimal> open) {
        Map<Long, BigDecimal> items = new LinkedHashMap<>();
        for (ShopDocument.Line line : document.lines()) {
            List<MagentoFulfilment.Item> matching = shop.items().stream()
                    .filter(i -> line.skus().contains(i.sku())).toList();
            if (matching.isEmpty()) {
                throw new ShopException.Rejected("ERP article " + line.articleCode() + " of " + document.documentKey()
                        + " matches no item of shop order " + document.orderNumber() + " (SKUs " + line.skus() + ")", 0);
            }
            BigDecimal left = line.quantity();
            for (MagentoFulfilment.Item item : matching) {
                BigDecimal take = left.min(open.apply(item));
                if (take.signum() > 0) {
                    items.merge(item.itemId(), take, BigDecimal::add);
                    left = left.subtract(take);
                }
            }
        }
        return items;
    }

    /** Magento's carrier code for the ERP's carrier, from the account's {@code shipmentCarriers}; else "custom". */
    static MagentoFulfilment.Track track(ShopAccount account, ShopDocument.Tracking tracking) {
        if (tracking == null) {
            return null;
        }
        String erpCarrier = tracking.erpCarrier();
        String code = erpCarrier == null ? null : account.settings().shipmentCarriers().get(erpCarrier);
        if (code == null) {
            return new MagentoFulfilment.Track(tracking.number(),
                    erpCarrier == null ? "Corriere" : "Corriere " + erpCarrier, "custom");
        }
        return new MagentoFulfilment.Track(tracking.number(), code.toUpperCase(Locale.ROOT), code);
    }

    /** The comment the shop keeps, with the marker a later attempt looks for. */
    private static String commentOf(ShopDocument document) {
        return document.comment() == null ? document.marker() : document.comment() + " " + document.marker();
    }

    private static boolean isCanceled(MagentoFulfilment.ShopOrder order) {
        return "canceled".equals(order.state());
    }

    private static long entityId(String shopOrderId, String orderNumber) {
        try {
            return Long.parseLong(shopOrderId);
        } catch (NumberFormatException notMagento) {
            throw new ShopException.Rejected("order " + orderNumber + ": " + shopOrderId
                    + " is not a Magento order id", 0);
        }
    }
}
