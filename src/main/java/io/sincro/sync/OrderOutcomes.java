package io.sincro.sync;

import io.sincro.shop.RawShopOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Gathers the outcome of every order of a page, in shop order. An order whose exchange ended in the
 * dead-letter channel counts as FAILED, with its cause.
 */
@Component("orderOutcomes")
public class OrderOutcomes implements AggregationStrategy {

    /** The outcome of an order already imported by an earlier run. */
    public OrderOutcome alreadyImported(RawShopOrder order) {
        return new OrderOutcome(order.shopOrderId(), order.number(), order.updatedAt(), OrderOutcome.Result.SKIPPED,
                null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange next) {
        OrderOutcome outcome = outcomeOf(next);
        if (collected == null) {
            // the first order's exchange carries the page on: its failure must not become the page's
            next.removeProperties("CamelException*");
            next.removeProperties("CamelFailure*");
            next.getMessage().setBody(new ArrayList<>(List.of(outcome)));
            return next;
        }
        collected.getMessage().getBody(List.class).add(outcome);
        return collected;
    }

    private static OrderOutcome outcomeOf(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object body = exchange.getMessage().getBody();
        if (failure == null && body instanceof OrderOutcome outcome) {
            return outcome;
        }
        RawShopOrder order = exchange.getProperty(OrderIntake.SHOP_ORDER, RawShopOrder.class);
        String cause = failure == null ? "no outcome" : failure.getMessage();
        return new OrderOutcome(order == null ? "?" : order.shopOrderId(), order == null ? "?" : order.number(),
                order == null ? null : order.updatedAt(), OrderOutcome.Result.FAILED, null, cause);
    }
}
