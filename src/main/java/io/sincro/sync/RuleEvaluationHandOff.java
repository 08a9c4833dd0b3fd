package io.sincro.sync;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Receives {@link NewOrdersInErp}. The listings engine will evaluate the sync rules here; until it
 * exists, the request is logged and kept (the latest ones) for operators and tests to see.
 */
@Component
public class RuleEvaluationHandOff {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluationHandOff.class);
    private static final int KEPT = 100;

    private final List<NewOrdersInErp> received = new ArrayList<>();

    @EventListener
    public synchronized void on(NewOrdersInErp event) {
        log.info("Rule evaluation requested for account {}: {} new orders in the ERP", event.accountId(),
                event.orderIds().size());
        received.add(event);
        if (received.size() > KEPT) {
            received.remove(0);
        }
    }

    public synchronized List<NewOrdersInErp> received() {
        return List.copyOf(received);
    }
}
