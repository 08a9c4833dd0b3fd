package io.sincro.api;

import io.sincro.model.Order;
import io.sincro.shop.Platform;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.PartialErpSync;
import io.sincro.sync.StorefrontOrders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** ERP syncs on request, and orders posted by a storefront. */
@Component("erpApi")
public class ErpApi {

    private final PartialErpSync partialErpSync;
    private final StorefrontOrders storefrontOrders;
    private final ShopAccounts accounts;

    public ErpApi(PartialErpSync partialErpSync, StorefrontOrders storefrontOrders, ShopAccounts accounts) {
        this.partialErpSync = partialErpSync;
        this.storefrontOrders = storefrontOrders;
        this.accounts = accounts;
    }

    public Object partialSync(Exchange exchange) {
        OrderSyncs.Start start = partialErpSync.request("MANUAL");
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 409);
            return Map.of("error", "a partial ERP sync is already running: run " + running.runId() + " on "
                    + running.node() + " since " + running.since(), "runId", running.runId());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + runId);
        return Map.of("runId", runId, "state", "RUNNING", "run", "/api/runs/" + runId);
    }

    public StorefrontOrders.Insertion postOrder(Order order, Exchange exchange) {
        if (order == null || order.accountId() == null || order.shopOrderId() == null || order.number() == null) {
            throw ApiProblem.badRequest("accountId, shopOrderId and number are required");
        }
        var account = accounts.find(order.accountId())
                .orElseThrow(() -> ApiProblem.badRequest("account " + order.accountId() + " does not exist"));
        if (account.platform() != Platform.STOREFRONT) {
            throw ApiProblem.badRequest("account " + order.accountId() + " is a " + account.platform()
                    + " account: its orders are imported from the shop, not posted");
        }
        if (order.lines() == null) {
            throw ApiProblem.badRequest("lines are required");
        }
        Order complete = new Order(order.accountId(), order.shopOrderId(), order.number(), order.shopStatus(),
                order.createdAt(), order.updatedAt(), order.currency(), order.customer(), order.billing(),
                order.shipping(), order.lines(), order.expenses() == null ? java.util.List.of() : order.expenses(),
                order.paymentMethod(), order.carrier(), order.grandTotal());
        StorefrontOrders.Insertion insertion = storefrontOrders.insert(complete);
        int status = insertion.alreadyKnown() ? 200 : insertion.erpKey() != null ? 201 : 202;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Location", "/api/orders/" + insertion.orderId());
        return insertion;
    }
}
