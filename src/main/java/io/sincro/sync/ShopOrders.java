package io.sincro.sync;

import io.sincro.model.Order;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.store.ShopAccounts;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The order-sync flow's two shop steps — read the next page, map one order — for any platform: the
 * account says which connector ({@link ShopConnectors#orders}) does them. The flow keeps the store and the
 * idempotency; the connector only reads the shop and answers in the canonical model.
 */
@Component("shopOrders")
public class ShopOrders {

    private final ShopConnectors connectors;
    private final ShopAccounts accounts;

    public ShopOrders(ShopConnectors connectors, ShopAccounts accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    /**
     * The next page of the run's poll, moving the poll on, with the redeliveries the page needed forgotten:
     * Camel counts an order's attempts on from the {@code CamelRedeliveryCounter} header its split copy
     * inherits, so without this the orders of a page read on its third attempt would get one attempt less.
     */
    public List<RawShopOrder> nextPage(@ExchangeProperty(OrderPoll.PROPERTY) OrderPoll poll, Exchange exchange) {
        List<RawShopOrder> page = connectors.orders(poll.account().platform()).nextPage(poll);
        exchange.getMessage().removeHeaders("CamelRedeliver*");
        exchange.removeProperty(FlowErrorHandling.REDELIVERIES);
        return page;
    }

    /** One order read from the shop, as the canonical order, with the account's settings as they are now. */
    public Order toOrder(RawShopOrder raw) {
        ShopAccount account = accounts.current(raw.accountId())
                .orElseThrow(() -> new IllegalStateException("account " + raw.accountId() + " no longer exists"));
        return connectors.orders(account.platform()).toOrder(account, raw);
    }
}
