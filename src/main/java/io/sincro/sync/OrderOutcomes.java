package io.sincro.sync;

import io.sincro.shop.RawShopOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Gathers the outcome of every order of a page, in shop order. An order whose exchange ended in the
 * dead-letter channel counts as FAILED, with its cause.
 */
@Component("orderOutcomes")
public class OrderOutcomes implements AggregationStrategy {

    /**
     * The outcome of an order already imported: a re-read when the run's reading overlap brought it back
     * unchanged (told from what the run knows, without a query per order), else imported earlier and changed
     * in the shop since.
     */
    public OrderOutcome alreadyImported(RawShopOrder order,
            @ExchangeProperty(OrderSyncRuns.PROGRESS) OrderSyncRuns.Progress progress) {
        OrderOutcome.Result result = progress != null && progress.rereads(order) ? OrderOutcome.Result.REREAD
                : OrderOutcome.Result.SKIPPED;
        return new OrderOutcome(order.shopOrderId(), order.number(), order.updatedAt(), result, null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange next) {
        OrderOutcome outcome = outcomeOf(next);
        if (collected == null) {
            // The first order's exchange carries the page's outcomes back to the run, properties
            // included: what was said of that one order (a failure, a duplicate) must not stick to
            // the run and so to every order of the next page.
            next.removeProperties("CamelException*");
            next.removeProperties("CamelFailure*");
            next.removeProperties("CamelErrorHandler*");
            next.removeProperty(Exchange.DUPLICATE_MESSAGE);
            // nor must the dead-letter channel's verdict on it: a first order dead-lettered leaves its exchange
            // marked exhausted and handled, which the split would hand to the run as the run's own failure
            next.getExchangeExtension().setRedeliveryExhausted(false);
            next.getExchangeExtension().setErrorHandlerHandled(null);
            next.getMessage().removeHeaders("CamelRedeliver*");
            next.getMessage().setBody(new ArrayList<>(List.of(outcome)));
            return next;
        }
        collected.getMessage().getBody(List.class).add(outcome);
        return collected;
    }

    private static OrderOutcome outcomeOf(Exchange exchange) {
        // the dead-letter channel hands back the order as it came in: no outcome means it failed
        if (exchange.getMessage().getBody() instanceof OrderOutcome outcome) {
            return outcome;
        }
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        RawShopOrder order = exchange.getProperty(OrderIntake.SHOP_ORDER, RawShopOrder.class);
        String cause = failure == null ? "no outcome" : failure.getMessage();
        return new OrderOutcome(order == null ? "?" : order.shopOrderId(), order == null ? "?" : order.number(),
                order == null ? null : order.updatedAt(), OrderOutcome.Result.FAILED, null, cause);
    }
}
