package io.sincro.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.sandbox.erp.ErpSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the public self-description of the Passepartout WebAPI says of the resources the hub uses
 * ({@code src/test/resources/contracts/webapi-*.json}, extracted by {@code src/test/contracts/extract-webapi.py}
 * from laninisimone/php-mexal-api, WebAPI build 88201), and the check of a request against it: the resource and
 * verb must be described, every query parameter must be one the operation takes, every field named (in
 * {@code ?fields=}, in a search's {@code campo}, in a body) must be one of the resource's, with the type the
 * description gives it. Written apart from the hub's client and from the simulator, so that neither can agree
 * with the other against the description.
 */
public final class WebApiContract {

    /** The groups extracted (one file per {@code docs/api/openapi/<group>.yaml}). */
    static final List<String> GROUPS = List.of("clienti", "articoli", "alias-articoli", "indirizzi-spedizione",
            "progressivi-articoli", "documenti", "dati-generali");
    /** The Coordinate-Gestionale parameter's pattern, as every described operation states it. */
    static final Pattern COORDINATES = Pattern.compile("^Azienda=\\S+( SottoAzienda=\\S+)? Anno=\\d{4}( Magazzino=\\d+)?$");
    static final Set<String> CONDITIONS = Set.of("=", "<>", ">", "<", ">=", "<=", "contiene", "inizia_per");
    static final Set<String> FILTER_KEYS = Set.of("campo", "condizione", "valore", "case_insensitive", "indice1", "indice2");
    private static final String PREFIX = "/webapi/risorse";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One described operation. {@code kind}: list, search, read, create, update, delete. */
    public record Operation(String resource, String method, String path, String kind, List<String> query,
            boolean coordinates, String answer, Pattern pattern, int literals) {
    }

    /** A described resource; {@code fields} null when the description does not list them. */
    public record Resource(String name, List<Operation> operations, Map<String, JsonNode> fields,
            Map<String, JsonNode> rowFields) {

        public boolean has(String kind) {
            return operations.stream().anyMatch(operation -> operation.kind().equals(kind));
        }
    }

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();

    private WebApiContract() {
    }

    public static WebApiContract load() {
        WebApiContract contract = new WebApiContract();
        for (String group : GROUPS) {
            try (InputStream in = WebApiContract.class.getResourceAsStream("/contracts/webapi-" + group + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("missing contracts/webapi-" + group + ".json");
                }
                JsonNode file = JSON.readTree(in);
                file.path("resources").properties().forEach(entry -> contract.add(entry.getKey(), entry.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        contract.assume();
        contract.operations.sort(Comparator.comparingInt(Operation::literals).reversed());
        return contract;
    }

    private void add(String name, JsonNode described) {
        List<Operation> ops = new ArrayList<>();
        for (JsonNode op : described.path("operations")) {
            String path = op.path("path").asText();
            List<String> query = new ArrayList<>();
            op.path("query").forEach(q -> query.add(q.asText()));
            Operation operation = new Operation(name, op.path("method").asText(), path, op.path("kind").asText(),
                    query, op.path("coordinates").asBoolean(), op.path("answer").asText(), template(path),
                    path.replaceAll("\\{[^}]*}", "").length());
            ops.add(operation);
            operations.add(operation);
        }
        resources.put(name, new Resource(name, ops, fieldMap(described.path("fields")),
                fieldMap(described.path("rowFields"))));
    }

    /** Adds the facts assumed where the description is silent ({@code contracts/webapi-assumptions.json}). */
    private void assume() {
        try (InputStream in = WebApiContract.class.getResourceAsStream("/contracts/webapi-assumptions.json")) {
            JSON.readTree(in).path("resources").properties().forEach(entry -> {
                Resource resource = resources.get(entry.getKey());
                entry.getValue().path("fields").properties().forEach(f -> resource.fields().put(f.getKey(), f.getValue()));
                entry.getValue().path("rowFields").properties()
                        .forEach(f -> resource.rowFields().put(f.getKey(), f.getValue()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> fieldMap(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.properties().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return fields;
    }

    /** A path template as a pattern: each {@code {part}} is one key part, which holds no '/' and no '+'. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder("^");
        for (String piece : path.split("(?=\\{)|(?<=})")) {
            regex.append(piece.startsWith("{") ? "[^/+]+" : Pattern.quote(piece));
        }
        return Pattern.compile(regex.append("$").toString());
    }

    public Optional<Resource> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /** The described operation a request names, if any (literal paths first: {@code …/ricerca} before a key). */
    public Optional<Operation> operation(String method, String path) {
        String relative = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        return operations.stream().filter(op -> op.method().equals(method) && op.pattern().matcher(relative).matches())
                .findFirst();
    }

    /** What is wrong with each request the simulator recorded, as sentences naming the request. */
    public List<String> violations(List<ErpSimulator.RecordedRequest> requests) {
        List<String> all = new ArrayList<>();
        for (ErpSimulator.RecordedRequest request : requests) {
            all.addAll(violations(request.method(), request.path(), request.rawQuery(), request.coordinates(),
                    request.body()));
        }
        return all;
    }

    /** What is wrong with one request ({@code path} from {@code /webapi/risorse/…}); empty when it conforms. */
    public List<String> violations(String method, String path, String rawQuery, String coordinates, String body) {
        String said = method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
        List<String> wrong = new ArrayList<>();
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            wrong.add(said + ": the WebAPI description has no such resource and verb");
            return wrong;
        }
        Operation op = found.get();
        Resource resource = resources.get(op.resource());
        if (op.coordinates() && (coordinates == null || !COORDINATES.matcher(coordinates.trim()).matches())) {
            wrong.add(said + ": Coordinate-Gestionale missing or not of the described form: " + coordinates);
        }
        for (Map.Entry<String, String> parameter : query(rawQuery).entrySet()) {
            String name = parameter.getKey();
            if (!op.query().contains(name)) {
                wrong.add(said + ": query parameter " + name + " is not one of " + op.method() + " " + op.path() + " " + op.query());
            } else if (name.equals("fields")) {
                for (String field : parameter.getValue().split(",")) {
                    checkField(wrong, said, resource, field.trim(), "?fields=");
                }
            } else if (name.equals("encoding") && !Set.of("hex", "base32").contains(parameter.getValue())) {
                wrong.add(said + ": encoding " + parameter.getValue() + " is neither hex nor base32");
            } else if (name.equals("max") && !parameter.getValue().matches("[1-9]\\d*")) {
                wrong.add(said + ": max must be a positive integer");
            }
        }
        switch (op.kind()) {
            case "search" -> checkSearch(wrong, said, resource, body);
            case "create", "update" -> checkRecord(wrong, said, resource, body);
            default -> {
                if (body != null && !body.isBlank()) {
                    wrong.add(said + ": a " + op.kind() + " takes no body");
                }
            }
        }
        return wrong;
    }

    private void checkSearch(List<String> wrong, String said, Resource resource, String body) {
        JsonNode search = parse(wrong, said, body);
        if (search == null) {
            return;
        }
        search.properties().forEach(entry -> {
            if (!entry.getKey().equals("filtri")) {
                wrong.add(said + ": a search body has only \"filtri\", not \"" + entry.getKey() + "\"");
            }
        });
        JsonNode filters = search.path("filtri");
        if (!filters.isArray() || filters.isEmpty()) {
            wrong.add(said + ": \"filtri\" must be a non-empty array");
            return;
        }
        for (JsonNode filter : filters) {
            filter.properties().forEach(entry -> {
                if (!FILTER_KEYS.contains(entry.getKey())) {
                    wrong.add(said + ": a filter has no \"" + entry.getKey() + "\"");
                }
            });
            checkField(wrong, said, resource, filter.path("campo").asText(""), "campo");
            if (!CONDITIONS.contains(filter.path("condizione").asText(""))) {
                wrong.add(said + ": condizione " + filter.path("condizione") + " is not one of " + CONDITIONS);
            }
            if (!filter.has("valore")) {
                wrong.add(said + ": a filter needs \"valore\"");
            }
        }
    }

    private void checkRecord(List<String> wrong, String said, Resource resource, String body) {
        JsonNode record = parse(wrong, said, body);
        if (record == null || resource.fields() == null) {
            return;
        }
        record.properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode field = resource.fields().get(name);
            JsonNode rowField = resource.rowFields() == null ? null : resource.rowFields().get(name);
            if (field != null && !(rowField != null && entry.getValue().isArray() && !field.has("array"))) {
                checkValue(wrong, said, name, field, entry.getValue(), field.has("array"));
            } else if (rowField != null) {
                // a row field of a full document: [[row, value], …]
                checkValue(wrong, said, name, rowField, entry.getValue(), true);
            } else {
                wrong.add(said + ": field " + name + " is not in the description of " + resource.name());
            }
        });
    }

    private static void checkValue(List<String> wrong, String said, String name, JsonNode field, JsonNode value,
            boolean indexed) {
        String type = field.path("type").asText("unknown");
        if (indexed) {
            if (!value.isArray()) {
                wrong.add(said + ": " + name + " is sent as " + value + ", the description has [[index, value], …]");
                return;
            }
            for (JsonNode pair : value) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegralNumber()) {
                    wrong.add(said + ": " + name + " has " + pair + ", not an [index, value] pair");
                } else if (!ofType(pair.get(1), type)) {
                    wrong.add(said + ": " + name + " has " + pair.get(1) + ", the description says " + type);
                }
            }
        } else if (!ofType(value, type)) {
            wrong.add(said + ": " + name + " is " + value + ", the description says " + type);
        }
    }

    private static boolean ofType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual() || value.isNull();
            case "integer" -> value.isIntegralNumber() || value.isNull();
            case "number" -> value.isNumber() || value.isNull();
            default -> true;
        };
    }

    private static void checkField(List<String> wrong, String said, Resource resource, String field, String where) {
        if (resource.fields() != null && !resource.fields().containsKey(field)
                && (resource.rowFields() == null || !resource.rowFields().containsKey(field))) {
            wrong.add(said + ": " + where + " " + field + " is not a field of " + resource.name());
        }
    }

    private static JsonNode parse(List<String> wrong, String said, String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                wrong.add(said + ": the body must be a JSON object");
                return null;
            }
            return node;
        } catch (IOException e) {
            wrong.add(said + ": the body is not JSON");
            return null;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
