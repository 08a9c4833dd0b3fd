package io.sincro.fulfilment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Counts what a push-back split did: a {@link PushResult} that is done, or anything else (the dead-letter
 * channel hands back the original {@link PushRequest}) as not done. The split's result is a {@link Tally}
 * (with nothing to split, the body stays the empty list).
 */
@Component("pushBackTally")
public class PushBackTally implements AggregationStrategy {

    /** {@code skipped}: another run was sending the same push at that moment. */
    public record Tally(int sent, int done, int failed, int skipped) {
        Tally add(boolean ok, boolean duplicate) {
            return new Tally(sent + 1, done + (ok ? 1 : 0), failed + (ok || duplicate ? 0 : 1),
                    skipped + (duplicate ? 1 : 0));
        }

        /** The split's result: a tally, or (nothing was split) none at all. */
        public static Tally of(Object splitResult) {
            return splitResult instanceof Tally tally ? tally : new Tally(0, 0, 0, 0);
        }

        /** As a run's step counts. */
        public Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("sent", sent);
            counts.put("done", done);
            counts.put("failed", failed);
            counts.put("skipped", skipped);
            return counts;
        }
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Tally tally = oldExchange == null ? new Tally(0, 0, 0, 0) : oldExchange.getMessage().getBody(Tally.class);
        boolean duplicate = Boolean.TRUE.equals(newExchange.getProperty(Exchange.DUPLICATE_MESSAGE, Boolean.class));
        Object body = newExchange.getMessage().getBody();
        boolean ok = body instanceof PushResult result && result.done();
        Exchange into = oldExchange;
        if (into == null) {
            // the first push's exchange carries the tally on: not its own fate (a dead-lettered push is handled,
            // and its handling must not stop the route that asked for the push-back)
            into = newExchange;
            into.setException(null);
            into.setRouteStop(false);
            into.setRollbackOnly(false);
            into.removeProperties("*");
        }
        into.getMessage().setBody(tally.add(ok, duplicate));
        return into;
    }
}
