package io.sincro.shop;

import io.sincro.model.Order;
import java.util.List;

/**
 * Port: a platform's orders, as the order-sync flow reads them. The flow owns the store and the
 * idempotency; the connector only reads the shop and maps what it reads into the canonical {@link Order}.
 */
public interface OrderSource {

    Platform platform();

    /**
     * The next page of the poll, moving the poll's cursor (only the connector moves it). An empty page
     * with {@link OrderPoll#hasMorePages()} still true is allowed (a page that only repeated).
     *
     * @throws ShopException when the shop cannot be read
     */
    List<RawShopOrder> nextPage(OrderPoll poll);

    /**
     * The canonical order of one raw order of this platform, with the account's current settings; used
     * at import and again when an operator retries a held order from its stored payload. May read the
     * shop for what the order payload lacks (a registered customer's attributes, country codes, rows).
     */
    Order toOrder(ShopAccount account, RawShopOrder raw);
}
