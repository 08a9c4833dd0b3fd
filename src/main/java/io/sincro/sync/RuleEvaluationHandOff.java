package io.sincro.sync;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands the end of a sync to the rule evaluation (route {@code rule-evaluation}): after a full or delta ERP
 * sync ({@link ErpSyncRun.ErpSyncCompleted}) and after a partial sync that brought new orders into the ERP
 * ({@link NewOrdersInErp}, whose sold articles are re-evaluated). The latest requests are kept for operators
 * and tests to see. The evaluation runs in the sync's thread, after the sync has recorded its end; a failing
 * evaluation is the evaluation route's to report (dead letter), never the sync's.
 */
@Component
public class RuleEvaluationHandOff {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluationHandOff.class);
    private static final int KEPT = 100;

    private final List<NewOrdersInErp> received = new ArrayList<>();
    private final ProducerTemplate producer;

    public RuleEvaluationHandOff(@Lazy ProducerTemplate producer) {
        this.producer = producer;
    }

    @EventListener
    public void on(NewOrdersInErp event) {
        log.info("Rule evaluation requested for account {}: {} new orders in the ERP", event.accountId(),
                event.orderIds().size());
        synchronized (this) {
            received.add(event);
            if (received.size() > KEPT) {
                received.remove(0);
            }
        }
        evaluate("direct:rule-evaluation-after-new-orders", event);
    }

    @EventListener
    public void on(ErpSyncRun.ErpSyncCompleted event) {
        log.info("Rule evaluation requested after the {} ERP sync run {}", event.kind(), event.runId());
        evaluate("direct:rule-evaluation", event);
    }

    private void evaluate(String endpoint, Object event) {
        try {
            producer.sendBody(endpoint, event);
        } catch (RuntimeException failed) {
            log.error("Rule evaluation after {} failed: {}", event, failed.getMessage(), failed);
        }
    }

    public synchronized List<NewOrdersInErp> received() {
        return List.copyOf(received);
    }
}
