package io.sincro.shop;

import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.ListedProduct;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of one shop account, as the listing transactions see it (PUBLISH, MODIFY, QUANTITY,
 * PRICE, STOP, RELIST), in canonical types only: the platform's JSON stays inside its connector.
 * Every call goes through the account's throttle; every answer is a {@link ChannelOutcome} per SKU.
 *
 * <p>There is no delete, on purpose: the hub never removes a product from a shop, the most it does is
 * {@link #stop} it (seed 004: "Passweb non andrà mai a eliminare articoli pubblicati").
 */
public interface CatalogueChannel {

    /**
     * The product the shop has under this SKU, if any (AWAITING_LINK items are linked this way).
     *
     * @throws ShopException when the shop cannot answer: nothing can be concluded then
     */
    Optional<ListedProduct> lookUp(String sku);

    /**
     * Looks the SKU up first: a product the shop already has is linked ({@link ChannelOutcome.Kind#LINKED_EXISTING}),
     * never created again — also after a create whose answer was lost; otherwise creates it, then sets its stock.
     */
    ChannelOutcome publish(CatalogueProduct product);

    /** Sends only the fields {@code change} carries. */
    ChannelOutcome modify(ProductChange change);

    /** Absolute quantities, in as few calls as the shop allows; one outcome per change, in order. */
    List<ChannelOutcome> setQuantities(List<QuantityChange> changes);

    /** Absolute base prices, in as few calls as the shop allows; one outcome per change, in order. */
    List<ChannelOutcome> setPrices(List<PriceChange> changes);

    /** Stops selling: disabled, or quantity 0 when the account prefers. */
    ChannelOutcome stop(String sku);

    /** Back on sale: enabled, with this quantity. */
    ChannelOutcome relist(String sku, BigDecimal quantity);

    /**
     * The outcome of one SKU whose call failed before the shop said anything about it: later when the shop
     * was unavailable (with its Retry-After when it gave one), refused otherwise.
     */
    static ChannelOutcome failedBefore(String sku, ShopException failed) {
        return failed instanceof ShopException.Unavailable
                ? ChannelOutcome.retryLater(sku, failed.status(), failed.getMessage(),
                        failed instanceof ShopException.Busy busy ? busy.retryAfter() : null)
                : ChannelOutcome.refused(sku, failed.status(), failed.getMessage());
    }
}
