package io.sincro.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sincro.model.OrderState;
import io.sincro.store.DeadLetters;
import io.sincro.store.OrderStates;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import io.sincro.sync.DeadLetterStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** What operators read: runs, orders (with the reasons of held ones) and dead letters, which they can replay. */
@Component("monitoringApi")
public class MonitoringApi {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_OFFSET = 10_000_000;

    private final SyncRuns runs;
    private final Orders orders;
    private final DeadLetters deadLetters;
    private final DeadLetterStore deadLetterStore;
    private final OrderStates states;

    public MonitoringApi(SyncRuns runs, Orders orders, DeadLetters deadLetters, DeadLetterStore deadLetterStore,
            OrderStates states) {
        this.states = states;
        this.runs = runs;
        this.orders = orders;
        this.deadLetters = deadLetters;
        this.deadLetterStore = deadLetterStore;
    }

    public List<SyncRuns.SyncRun> runs(@Header("account") String account, @Header("limit") String limit) {
        return runs.list(account, limit(limit));
    }

    /** A run with the counts of each of its steps. */
    public record RunView(@JsonUnwrapped SyncRuns.SyncRun run, Map<String, Object> steps) {
    }

    public RunView run(@Header("id") String id) {
        SyncRuns.SyncRun run = runs.get(number(id, "run")).orElseThrow(() -> ApiProblem.notFound("run " + id));
        return new RunView(run, runs.steps(run.id()));
    }

    /** An ERP key as the API shows it (OC+1+3), optionally with its year (OC+1+3/2027). */
    private static final java.util.regex.Pattern ERP_KEY =
            java.util.regex.Pattern.compile("([A-Za-z]{2}\\+\\d{1,9}\\+\\d{1,12})(?:/(\\d{4}))?");

    /**
     * Orders newest first, filtered by account, state, shop number, ERP key (with or without its year) and
     * customer (part of the e-mail or name, in any case); each malformed parameter is named in a 400.
     */
    public List<Orders.StoredOrder> orders(@Header("account") String account, @Header("state") String state,
            @Header("limit") String limit, @Header("offset") String offset, @Header("number") String number,
            @Header("erpKey") String erpKey, @Header("customer") String customer) {
        List<ApiProblem.FieldError> errors = new java.util.ArrayList<>();
        OrderState wanted = null;
        if (state != null) {
            try {
                wanted = orderState(state);
            } catch (ApiProblem e) {
                errors.addAll(e.errors());
            }
        }
        String shopNumber = blankToNull(number);
        if (shopNumber != null && shopNumber.length() > 64) {
            errors.add(new ApiProblem.FieldError("number", "a shop order number has at most 64 characters"));
        }
        String key = null;
        Integer year = null;
        if (blankToNull(erpKey) != null) {
            java.util.regex.Matcher m = ERP_KEY.matcher(erpKey.strip());
            if (m.matches()) {
                key = m.group(1).toUpperCase(Locale.ROOT);
                year = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            } else {
                errors.add(new ApiProblem.FieldError("erpKey", "must be an ERP key as the API shows it, e.g. OC+1+3, "
                        + "optionally with its year, e.g. OC+1+3/2027 (in a URL, + is written %2B)"));
            }
        }
        String who = blankToNull(customer);
        if (who != null && (who.length() < 2 || who.length() > 320)) {
            errors.add(new ApiProblem.FieldError("customer", "must be 2 to 320 characters of the customer's e-mail "
                    + "or name"));
        }
        int max = 0;
        int skip = 0;
        try {
            max = limit(limit);
        } catch (ApiProblem e) {
            errors.addAll(e.errors());
        }
        try {
            skip = RequestChecks.number("offset", offset, 0, 0, MAX_OFFSET);
        } catch (ApiProblem e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return orders.find(new Orders.Search(blankToNull(account), wanted, shopNumber, key, year, who), max, skip);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * An order with its ERP side: the states its ERP documents gave it (history, oldest first) and
     * what was told to the shop about each, with the outcome.
     */
    public record OrderView(@JsonUnwrapped Orders.StoredOrder order, String fulfilment, boolean erpClosed,
            List<OrderStates.StateChange> stateHistory, List<OrderStates.Push> pushBack) {
    }

    public OrderView order(@Header("id") String id) {
        Orders.StoredOrder order = orders.get(number(id, "order")).orElseThrow(() -> ApiProblem.notFound("order " + id));
        OrderStates.Fulfilment fulfilment = states.fulfilment(order.id());
        return new OrderView(order, fulfilment.states(), fulfilment.erpClosed(), states.history(order.id()),
                states.pushes(order.id()));
    }

    public List<DeadLetters.DeadLetter> deadLetters(@Header("state") String state, @Header("account") String account,
            @Header("limit") String limit) {
        DeadLetters.State wanted;
        try {
            wanted = state == null ? null : DeadLetters.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("state", "must be one of OPEN, REPLAYED, REPLAY_FAILED");
        }
        return deadLetters.list(wanted, account, limit(limit));
    }

    public DeadLetters.DeadLetter replay(@Header("id") String id) {
        return deadLetterStore.replay(number(id, "dead letter"))
                .orElseThrow(() -> ApiProblem.notFound("dead letter " + id));
    }

    private static OrderState orderState(String state) {
        try {
            return OrderState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("state", "must be one of " + List.of(OrderState.values()));
        }
    }

    private static int limit(String limit) {
        return RequestChecks.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static long number(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound(what + " " + id);
        }
    }
}
