package io.sincro.sync;

import io.sincro.erp.ErpException;
import io.sincro.shop.ShopException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One error policy for every flow (Java and YAML routes that declare {@code routeConfigurationId: flows}):
 * transient failures are redelivered with exponential backoff, then land in the dead-letter store
 * with the message as it entered the failing unit of work. A shop refusing our credentials or the
 * request itself is not retried: the same call would get the same answer, and repeated failed
 * logins can lock the user.
 */
@Component
public class FlowErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "flows";

    private final int maximumRedeliveries;
    private final long initialDelay;
    private final double multiplier;
    private final long maximumDelay;

    public FlowErrorHandling(@Value("${sincro.redelivery.maximum-redeliveries}") int maximumRedeliveries,
            @Value("${sincro.redelivery.initial-delay}") long initialDelay,
            @Value("${sincro.redelivery.multiplier}") double multiplier,
            @Value("${sincro.redelivery.maximum-delay}") long maximumDelay) {
        this.maximumRedeliveries = maximumRedeliveries;
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maximumDelay = maximumDelay;
    }

    /** Exchange property with the redeliveries made; the dead-letter store reports them as attempts. */
    public static final String REDELIVERIES = "sincroRedeliveries";

    /** Kept as a property: the dead letter carries the original message, without the counter header. */
    private static void countRedelivery(Exchange exchange) {
        exchange.setProperty(REDELIVERIES, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(deadLetterChannel("direct:dead-letter")
                        .useOriginalMessage()
                        .maximumRedeliveries(maximumRedeliveries)
                        .redeliveryDelay(initialDelay)
                        .useExponentialBackOff()
                        .backOffMultiplier(multiplier)
                        .maximumRedeliveryDelay(maximumDelay)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .onRedelivery(FlowErrorHandling::countRedelivery))
                .onException(ShopException.Unauthorized.class, ShopException.Rejected.class,
                        ErpException.Unauthorized.class, ErpException.Rejected.class)
                    .maximumRedeliveries(0)
                    .useOriginalMessage()
                    .handled(true)
                    .to("direct:dead-letter")
                .end();
    }
}
