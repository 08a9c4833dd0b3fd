package io.sincro.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What every call checks before it acts: the body against its Bean Validation constraints, query
 * numbers and instants within bounds; and how a body Jackson could not bind is told back (the field
 * and what it must be, never the value sent: it may be a secret).
 */
@Component
public class RequestChecks {

    /** Instants a query may name: far enough for any preview, near enough for date arithmetic never to overflow. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final Validator validator;

    public RequestChecks(Validator validator) {
        this.validator = validator;
    }

    /** Refuses {@code body} with every violated constraint, each named by its path under {@code prefix}. */
    public <T> T valid(T body, String prefix) {
        if (body == null) {
            throw ApiProblem.invalid("body", "this call needs a JSON body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream()
                    .map(v -> new ApiProblem.FieldError(join(prefix, readable(v.getPropertyPath().toString())),
                            v.getMessage()))
                    .sorted(Comparator.comparing(ApiProblem.FieldError::field)
                            .thenComparing(ApiProblem.FieldError::message))
                    .toList());
        }
        return body;
    }

    /** A property path as a client reads it: {@code notifyEmails[0]}, not {@code notifyEmails[0].<list element>}. */
    public static String readable(String path) {
        return path.replace(".<list element>", "").replace(".<map value>", "").replace(".<map key>", "")
                .replace(".<iterable element>", "").replace("<K>[", "[");
    }

    /** A whole number from the query, {@code fallback} when absent; refused outside {@code min..max}. */
    public static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the bounds
        }
        throw ApiProblem.invalid(name, "must be a whole number from " + min + " to " + max);
    }

    /** An ISO-8601 instant from the query, {@code fallback} when absent; refused outside 2000–2200. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Instant at = Instant.parse(value.strip());
            if (!at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
                return at;
            }
        } catch (DateTimeParseException notAnInstant) {
            // answered below
        }
        throw ApiProblem.invalid(name, "must be an ISO-8601 instant between 2000 and 2200, such as "
                + "2026-10-20T00:00:00Z");
    }

    /** The problem for a body Jackson could not bind: the field's path and the type it must have. */
    public static ApiProblem unbindable(JsonMappingException e) {
        String field = path(e.getPath());
        if (field.isEmpty()) {
            field = "body";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String message;
        if (target != null && target.isEnum()) {
            message = "must be one of " + Arrays.toString(target.getEnumConstants());
        } else if (target != null) {
            message = "must be " + describe(target);
        } else {
            message = "has the wrong type";
        }
        if (e instanceof InvalidFormatException && target != null && target.isEnum()) {
            message = "must be one of " + Arrays.toString(target.getEnumConstants());
        }
        return ApiProblem.invalid(field, message);
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-01T00:00:00Z";
        }
        if (type == java.time.LocalTime.class) {
            return "a time of day as HH:mm";
        }
        if (type == java.time.ZoneId.class) {
            return "a time zone such as Europe/Rome";
        }
        if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String join(String prefix, String path) {
        return prefix == null || prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
    }
}
