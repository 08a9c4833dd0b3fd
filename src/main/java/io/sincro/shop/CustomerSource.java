package io.sincro.shop;

import io.sincro.model.ShopCustomer;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Port: a platform's customers, as the customer sync reads them (F3). The hub never imports a new
 * customer from the shop: it refreshes the ones it already knows.
 */
public interface CustomerSource {

    Platform platform();

    /**
     * One customer by the shop's id.
     *
     * @throws ShopException.Rejected when the shop has no such customer (any more)
     * @throws ShopException when the shop cannot answer
     */
    ShopCustomer get(ShopAccount account, String shopCustomerId);

    /** Every customer changed at or after {@code after}, oldest change first, page by page. */
    void changedAfter(ShopAccount account, Instant after, Consumer<ShopCustomer> each);
}
