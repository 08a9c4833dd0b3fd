package io.sincro.sync;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * How a step hears back from a flow it calls ({@code enrich} of the flow's {@code direct:} route): the called
 * flow runs on its own copy of the exchange, with its own properties and its own end (its lock released, its
 * failure recorded, as when it runs alone); the caller keeps its exchange as it was, and reads what the flow
 * did from the run record.
 */
@Component("calledFlow")
public class CalledFlow implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange caller, Exchange called) {
        return caller;
    }
}
