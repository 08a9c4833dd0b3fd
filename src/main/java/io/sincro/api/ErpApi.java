package io.sincro.api;

import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.shop.Platform;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.ErpSyncs;
import io.sincro.sync.OrderSyncs;
import io.sincro.sync.PartialErpSync;
import io.sincro.sync.StorefrontOrders;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
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
            default -> throw ApiProblem.notFound("ERP sync kind (full, delta or partial)");
        };
    }

    private Object fullOrDelta(ErpSyncs.Kind kind, Exchange exchange) {
        ErpSyncs.Answer answer = erpSyncs.request(kind, "MANUAL");
        if (answer instanceof ErpSyncs.Refused refused) {
            if (refused.runningRunId() != null) {
                throw new ApiProblem(409, "urn:sincro:problem:sync-running", "A sync of this kind is already running",
                        refused.reason(), List.of()).with("runId", refused.runningRunId());
            }
            ErpSyncs.Quota quota = erpSyncs.quota();
            if (quota.remaining() <= 0) {
                // when the allowance comes back, so a client (or a person) knows when to ask again
                throw new ApiProblem(409, "urn:sincro:problem:quota-used-up", "The monthly sync quota is used up",
                        refused.reason(), List.of()).with("renewsOn", quota.renewsOn().toString())
                        .with("used", quota.used()).with("allowed", quota.allowed());
            }
            throw ApiProblem.conflict(refused.reason());
        }
        ErpSyncs.Started started = (ErpSyncs.Started) answer;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + started.runId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", started.runId());
        body.put("kind", started.kind().name());
        // what runs, and why when it is not what was asked (a first delta runs as a full sync, using the quota)
        body.put("ranAs", started.kind().name());
        if (started.note() != null) {
            body.put("reason", started.note());
        }
        body.put("state", "RUNNING");
        body.put("run", "/api/runs/" + started.runId());
        return body;
    }

    /** {@code GET /api/erp/quota}: this month's full and delta syncs, used and allowed. */
    public ErpSyncs.Quota quota() {
        return erpSyncs.quota();
    }

    public Object partialSync(Exchange exchange) {
        OrderSyncs.Start start = partialErpSync.request("MANUAL");
        if (start instanceof OrderSyncs.AlreadyRunning running) {
            throw ApiProblem.running("a partial ERP sync is already running: run " + running.runId() + " on "
                    + running.node() + " since " + running.since(), running.runId(), running.node(), running.since());
        }
        long runId = ((OrderSyncs.Started) start).runId();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/runs/" + runId);
        return Map.of("runId", runId, "state", "RUNNING", "run", "/api/runs/" + runId);
    }

    /**
     * A storefront order: checked whole before anything is stored (every problem named by its path), a
     * row without a discount has none.
     */
    public StorefrontOrders.Insertion postOrder(Order order, Exchange exchange) {
        if (order == null) {
            throw ApiProblem.invalid("body", "this call needs a JSON body");
        }
        List<ApiProblem.FieldError> errors = storefrontOrders.violations(order).stream()
                .map(v -> new ApiProblem.FieldError(RequestChecks.readable(v.getPropertyPath().toString()),
                        v.getMessage()))
                .sorted(java.util.Comparator.comparing(ApiProblem.FieldError::field)
                        .thenComparing(ApiProblem.FieldError::message))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        var account = accounts.find(order.accountId())
                .orElseThrow(() -> ApiProblem.invalid("accountId", "account " + order.accountId() + " does not exist"));
        if (account.platform() != Platform.STOREFRONT) {
            throw ApiProblem.invalid("accountId", "account " + order.accountId() + " is a " + account.platform()
                    + " account: its orders are imported from the shop, not posted");
        }
        List<OrderLine> lines = order.lines().stream().map(l -> l.discount() != null ? l : new OrderLine(l.sku(),
                l.name(), l.quantity(), l.unitPrice(), BigDecimal.ZERO, l.vatRate(), l.options())).toList();
        Order complete = new Order(order.accountId(), order.shopOrderId(), order.number(), order.shopStatus(),
                order.createdAt(), order.updatedAt(), order.currency(), order.customer(), order.billing(),
                order.shipping(), lines, order.expenses() == null ? List.of() : order.expenses(),
                order.paymentMethod(), order.carrier(), order.grandTotal());
        StorefrontOrders.Insertion insertion = storefrontOrders.insert(complete);
        int status = insertion.alreadyKnown() ? 200 : insertion.erpKey() != null ? 201 : 202;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("Location", "/api/orders/" + insertion.orderId());
        return insertion;
    }
}
