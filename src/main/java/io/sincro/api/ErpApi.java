package io.sincro.api;

import io.sincro.model.Order;
import io.sincro.shop.Platform;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.ErpSyncs;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.PartialErpSync;
import io.sincro.sync.StorefrontOrders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** ERP syncs on request, and orders posted by a storefront. */
@Component("erpApi")
public class ErpApi {

    private final PartialErpSync partialErpSync;
    private final StorefrontOrders storefrontOrders;
    private final ShopAccounts accounts;
    private final ErpSyncs erpSyncs;

    public ErpApi(PartialErpSync partialErpSync, StorefrontOrders storefrontOrders, ShopAccounts accounts,
            ErpSyncs erpSyncs) {
        this.erpSyncs = erpSyncs;
        this.partialErpSync = partialErpSync;
        this.storefrontOrders = storefrontOrders;
        this.accounts = accounts;
    }

    /** {@code POST /api/erp/sync/{kind}}: full, delta or partial. */
    public Object sync(@Header("kind") String kind, Exchange exchange) {
        String wanted = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "partial" -> partialSync(exchange);
            case "full", "delta" -> fullOrDelta(wanted.equals("full") ? ErpSyncs.Kind.FULL : ErpSyncs.Kind.DELTA,
                    exchange);
            default -> throw ApiProblem.notFound("ERP sync kind " + kind + " (full, delta or partial)");
        };
    }

    private Object fullOrDelta(ErpSyncs.Kind kind, Exchange exchange) {
        ErpSyncs.Answer answer = erpSyncs.request(kind, "MANUAL");
        if (answer instanceof ErpSyncs.Refused refused) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 409);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refused.reason());
            if (refused.runningRunId() != null) {
                body.put("runId", refused.runningRunId());
            }
            return body;
        }
        ErpSyncs.Started started = (ErpSyncs.Started) answer;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + started.runId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", started.runId());
        body.put("kind", started.kind().name());
        body.put("state", "RUNNING");
        body.put("run", "/api/runs/" + started.runId());
        if (started.note() != null) {
            body.put("note", started.note());
        }
        return body;
    }

    /** {@code GET /api/erp/quota}: this month's full and delta syncs, used and allowed. */
    public ErpSyncs.Quota quota() {
        return erpSyncs.quota();
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
