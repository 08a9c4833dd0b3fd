package io.sincro.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of Magento's official REST schema the hub relies on ({@code contracts/magento-2.4.8.json},
 * extracted by {@code scripts/contracts/magento_contract.py}), and the check of one HTTP request or
 * answer against them: an unknown resource, verb, query parameter or body field, or a field of the wrong
 * JSON type, is a violation.
 *
 * <p>Query parameter names are compared with indices dropped and each bracketed name in camelCase:
 * Magento's REST input processor maps {@code filter_groups} to {@code filterGroups} (its own search
 * examples use the snake-case form), the schema lists the camel-case one with index 0.
 */
public final class MagentoContract {

    public static final String RESOURCE = "/contracts/magento-2.4.8.json";

    /** One call of the schema, as the contract file keeps it. */
    public record Operation(String method, String path, Pattern pattern, int parameters, Set<String> query,
            Map<String, String> body, Map<String, String> response) {

        public String name() {
            return method + " " + path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API_PATH = Pattern.compile("^/rest(?:/[^/]+)?(/V1/.*)$");

    private final JsonNode facts;
    private final List<Operation> operations = new ArrayList<>();

    private MagentoContract(JsonNode facts) {
        this.facts = facts;
        for (JsonNode op : facts.path("operations")) {
            String path = op.path("path").asText();
            Set<String> query = new LinkedHashSet<>();
            op.path("query").forEach(q -> query.add(normalizeQueryName(q.asText())));
            operations.add(new Operation(op.path("method").asText(), path,
                    Pattern.compile("^" + path.replaceAll("\\{[^}]+}", "[^/]+") + "$"),
                    op.path("pathParameters").size(), query, map(op.path("body")), map(op.path("response"))));
        }
        // a literal segment wins over a parameter: /V1/customers/search before /V1/customers/{customerId}
        operations.sort(Comparator.comparingInt(Operation::parameters));
    }

    public static MagentoContract load() {
        try (InputStream in = MagentoContract.class.getResourceAsStream(RESOURCE)) {
            return new MagentoContract(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Where the facts come from: the schema file, its commit and Magento version. */
    public String source() {
        return facts.path("source").asText() + " @ " + facts.path("sourceCommit").asText() + " (Magento "
                + facts.path("magentoVersion").asText() + ")";
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The schema's operation for a request path ({@code /rest/<store>/V1/...}) and verb, if there is one. */
    public Optional<Operation> operation(String method, String path) {
        String api = apiPath(path);
        return operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(api).matches())
                .findFirst();
    }

    /** What in this request the schema does not have; empty when it conforms. */
    public List<String> violations(String method, String path, String rawQuery, String body) {
        List<String> violations = new ArrayList<>();
        String api = apiPath(path);
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            boolean otherVerb = operations.stream().anyMatch(o -> o.pattern().matcher(api).matches());
            violations.add((otherVerb ? "verb " + method + " is not allowed on " : "unknown resource " + method + " ")
                    + api);
            return violations;
        }
        Operation op = found.get();
        for (Map.Entry<String, String> parameter : query(rawQuery).entrySet()) {
            String name = normalizeQueryName(parameter.getKey());
            if (!op.query().contains(name)) {
                violations.add(op.name() + ": unknown query parameter " + parameter.getKey());
            } else if ((name.endsWith("[pageSize]") || name.endsWith("[currentPage]"))
                    && !parameter.getValue().matches("\\d+")) {
                violations.add(op.name() + ": " + parameter.getKey() + " must be an integer, was " + parameter.getValue());
            }
        }
        if (body != null && !body.isBlank()) {
            if (op.body().isEmpty()) {
                violations.add(op.name() + ": takes no body, got " + abbreviate(body));
            } else {
                try {
                    violations.addAll(fields(op.name() + " body", JSON.readTree(body), op.body()));
                } catch (IOException notJson) {
                    violations.add(op.name() + ": body is not JSON: " + abbreviate(body));
                }
            }
        }
        return violations;
    }

    /** Fields of an answer the schema does not declare for that call, or declares with another type. */
    public List<String> answerViolations(Operation op, JsonNode answer) {
        return fields(op.name() + " answer", answer, op.response());
    }

    /** Whether the schema declares this field (dotted, arrays as []) in the call's answer. */
    public static boolean declares(Map<String, String> fields, String path) {
        return fields.containsKey(path) || underOpaqueObject(fields, path);
    }

    private static List<String> fields(String where, JsonNode value, Map<String, String> declared) {
        List<String> violations = new ArrayList<>();
        if (value.isValueNode() || value.isNull()) {
            // a bare answer (an id, true/false): the schema's root type
            String type = declared.get("");
            if (type != null && !value.isNull() && !compatible(type, value)) {
                violations.add(where + ": is " + value.getNodeType() + ", schema says " + type);
            }
            return violations;
        }
        walk(where, "", value, declared, violations);
        return violations;
    }

    private static void walk(String where, String path, JsonNode node, Map<String, String> declared,
            List<String> violations) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(where, child, field.getValue(), declared, violations);
            });
        } else if (node.isArray()) {
            node.forEach(element -> check(where, path + "[]", element, declared, violations));
        }
    }

    private static void check(String where, String path, JsonNode value, Map<String, String> declared,
            List<String> violations) {
        if (underOpaqueObject(declared, path)) {
            return;
        }
        String type = declared.get(path);
        if (type == null && value.isArray()) {
            type = declared.get(path + "[]") != null ? "array" : null;
        }
        if (type == null) {
            violations.add(where + ": unknown field " + path);
            return;
        }
        if (value.isNull()) {
            return; // Magento renders unset fields as null or leaves them out (shop-apis A10)
        }
        if (value.isContainerNode()) {
            if (type.equals("object") && opaque(declared, path)) {
                return; // the extraction stopped here (a cycle, or deep nesting): its inside is not known
            }
            if (value.isObject() && !type.equals("object")) {
                violations.add(where + ": " + path + " is an object, schema says " + type);
            }
            walk(where, path, value, declared, violations);
        } else if (!compatible(type, value)) {
            violations.add(where + ": " + path + " is " + value.getNodeType() + " (" + value + "), schema says " + type);
        }
    }

    /** Below a field the extraction kept as an opaque "object" (a cycle such as parent_item), anything goes. */
    private static boolean underOpaqueObject(Map<String, String> declared, String path) {
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            String parent = path.substring(0, dot);
            if ("object".equals(declared.get(parent)) && opaque(declared, parent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean opaque(Map<String, String> declared, String path) {
        return declared.keySet().stream().noneMatch(k -> k.startsWith(path + ".") || k.startsWith(path + "[]"));
    }

    private static boolean compatible(String type, JsonNode value) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "object", "any" -> true;
            default -> true;
        };
    }

    /** searchCriteria[filter_groups][0][filters][1][condition_type] → searchCriteria[filterGroups][][filters][][conditionType]. */
    static String normalizeQueryName(String name) {
        Matcher m = Pattern.compile("\\[([^\\]]*)]").matcher(name);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(name, last, m.start());
            String part = m.group(1);
            out.append('[').append(part.matches("\\d+") ? "" : camel(part)).append(']');
            last = m.end();
        }
        out.append(name.substring(last));
        return out.toString();
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isBlank()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    private static String apiPath(String path) {
        Matcher m = API_PATH.matcher(path);
        return m.matches() ? m.group(1) : path;
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        return fields;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
