package io.sincro.sync;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Where the dead-letter channel of every flow delivers, and the entry for replaying a failed run. */
@Component
public class DeadLetterRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:dead-letter").routeId("dead-letter")
                .errorHandler(noErrorHandler())
                .bean("deadLetterStore", "store");

        from(OrderSyncs.REPLAY_ENDPOINT).routeId("order-sync-replay")
                .bean("orderSyncs", "replay");

        from(ErpSyncs.REPLAY_ENDPOINT).routeId("erp-sync-replay")
                .bean("erpSyncs", "replay");

        from(ShopRuns.REPLAY_ENDPOINT).routeId("shop-run-replay")
                .bean("shopRuns", "replay");

        from(CustomerSyncs.REPLAY_ENDPOINT).routeId("customer-sync-replay")
                .bean("customerSyncs", "replay");

        from(PartialErpSync.REPLAY_ENDPOINT).routeId("partial-erp-sync-replay")
                .bean("partialErpSync", "replay");
    }
}
