package io.sincro.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.store.DeadLetters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Keeps what the dead-letter channel gives up on — the message as it entered the failing unit of
 * work, its cause and attempts — and replays it into the endpoint it came from (or the one the flow
 * named for replays).
 */
@Component("deadLetterStore")
public class DeadLetterStore {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final String REPLAYABLE_PACKAGE = "io.sincro.";

    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final CamelContext camel;
    private final ProducerTemplate producer;

    public DeadLetterStore(DeadLetters deadLetters, ObjectMapper json, @Lazy CamelContext camel,
            @Lazy ProducerTemplate producer) {
        this.deadLetters = deadLetters;
        this.json = json;
        this.camel = camel;
        this.producer = producer;
    }

    public void store(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        Object body = exchange.getMessage().getBody();
        Integer redeliveries = exchange.getProperty(FlowErrorHandling.REDELIVERIES, Integer.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        exchange.getProperties().forEach((name, value) -> {
            if (name.startsWith("sincro") && !name.equals(FlowErrorHandling.REDELIVERIES)
                    && (value instanceof String || value instanceof Number)) {
                properties.put(name, value);
            }
        });
        long id = deadLetters.insert(routeId, replayUri(exchange, routeId),
                body == null ? null : body.getClass().getName(), write(body), write(properties),
                cause == null ? "unknown" : cause.getMessage(), cause == null ? null : cause.getClass().getName(),
                1 + (redeliveries == null ? 0 : redeliveries), (String) properties.get(OrderSyncRuns.ACCOUNT_ID),
                properties.get(OrderIntake.RUN_ID) instanceof Number n ? n.longValue() : null);
        log.error("Dead letter {} from route {}: {}", id, routeId, cause == null ? "unknown" : cause.getMessage());
    }

    /** Sends the stored message again; empty when there is no such dead letter. */
    public Optional<DeadLetters.DeadLetter> replay(long id) {
        Optional<DeadLetters.DeadLetter> found = deadLetters.get(id);
        if (found.isEmpty()) {
            return found;
        }
        DeadLetters.DeadLetter letter = found.get();
        Exchange exchange = new DefaultExchange(camel);
        try {
            read(letter.properties(), new TypeReference<Map<String, Object>>() { }).forEach(exchange::setProperty);
            exchange.getMessage().setBody(payload(letter));
            Exchange result = producer.send(letter.replayUri(), exchange);
            Exception failure = result.getException() != null ? result.getException()
                    : result.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            deadLetters.replayed(id, failure == null, failure == null ? describe(result.getMessage().getBody())
                    : "failed again: " + failure.getMessage());
        } catch (RuntimeException | ClassNotFoundException e) {
            deadLetters.replayed(id, false, "cannot replay: " + e.getMessage());
        }
        return deadLetters.get(id);
    }

    private Object payload(DeadLetters.DeadLetter letter) throws ClassNotFoundException {
        if (letter.payloadType() == null || letter.payload() == null) {
            return null;
        }
        if (!letter.payloadType().startsWith(REPLAYABLE_PACKAGE) && !letter.payloadType().startsWith("java.lang.")) {
            throw new IllegalStateException("payload type " + letter.payloadType() + " is not replayable");
        }
        return read(letter.payload(), Class.forName(letter.payloadType()));
    }

    private String replayUri(Exchange exchange, String routeId) {
        String named = exchange.getProperty(OrderSyncRuns.REPLAY_URI, String.class);
        if (exchange.getProperty(OrderIntake.SHOP_ORDER) == null && named != null) {
            return named;
        }
        Route route = routeId == null ? null : camel.getRoute(routeId);
        return route == null ? named : route.getEndpoint().getEndpointUri();
    }

    private static String describe(Object body) {
        return body instanceof OrderOutcome outcome ? outcome.result() + (outcome.reason() == null ? ""
                : ": " + outcome.reason()) : body == null ? "done" : body.toString();
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload cannot be read as " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? json.readValue("{}", type) : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored properties cannot be read", e);
        }
    }
}
