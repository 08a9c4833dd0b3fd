package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lists and searches: the {@code filtri} of {@code POST <res>/ricerca} (AND between filters, an array
 * {@code valore} OR-ed), {@code ?max=N}, {@code ?fields=a,b} and the opaque {@code next} token.
 *
 * <p>Comparison: Numerico fields compare as numbers (a missing value is 0), Alfanumerico fields as text (a
 * missing value is ""), case-insensitively when the filter says {@code case_insensitive}; {@code contiene} and
 * {@code inizia_per} compare text. An array field is addressed by {@code indice1}; without it, any element may
 * match. The {@code next} token is the sort key of the last record given, so records created between two pages
 * neither repeat nor shift the following page.
 */
final class ErpQuery {

    /** Without {@code ?max}, the WebAPI cuts a page where its 30 s / 50 MB budget ends; here at 500 records. */
    static final int DEFAULT_PAGE = 500;

    private static final Set<String> CONDITIONS = Set.of("=", "<>", ">", "<", ">=", "<=", "contiene", "inizia_per");

    record Filter(ErpFields.Field field, String condition, List<JsonNode> values, boolean caseInsensitive,
            Integer index) {
    }

    /** A record and the key it sorts by (the resource's key, fixed width where numeric). */
    record Listed(String sortKey, ObjectNode record) {
    }

    /** The list parameters of the query string. */
    record Params(Integer max, String next, List<String> fields) {
        static Params of(Map<String, String> query) {
            Integer max = null;
            String rawMax = query.get("max");
            if (rawMax != null && !rawMax.isBlank()) {
                try {
                    max = Integer.parseInt(rawMax.trim());
                } catch (NumberFormatException e) {
                    throw ErpErrors.gestionale("Parametro max non valido");
                }
                if (max < 1) {
                    throw ErpErrors.gestionale("Parametro max non valido");
                }
            }
            String next = query.get("next");
            List<String> fields = null;
            String rawFields = query.get("fields");
            if (rawFields != null && !rawFields.isBlank()) {
                fields = new ArrayList<>();
                for (String name : rawFields.split(",")) {
                    if (!name.isBlank()) {
                        fields.add(name.trim());
                    }
                }
            }
            return new Params(max, next == null || next.isEmpty() ? null : next, fields);
        }
    }

    private ErpQuery() {
    }

    // -------------------------------------------------------------------------------------- filters

    static List<Filter> filters(ObjectNode body, ErpFields.FieldSet fields) {
        List<Filter> filters = new ArrayList<>();
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("filtri")) {
                throw ErpErrors.gestionale("Campo sconosciuto: " + name);
            }
        }
        JsonNode filtri = body.get("filtri");
        if (filtri == null || filtri.isNull()) {
            return filters;
        }
        if (!filtri.isArray()) {
            throw ErpErrors.gestionale("Filtro non valido");
        }
        for (JsonNode filtro : filtri) {
            filters.add(filter(filtro, fields));
        }
        return filters;
    }

    private static Filter filter(JsonNode filtro, ErpFields.FieldSet fields) {
        if (!filtro.isObject()) {
            throw ErpErrors.gestionale("Filtro non valido");
        }
        Iterator<String> keys = filtro.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!Set.of("campo", "condizione", "valore", "case_insensitive", "indice1", "indice2").contains(key)) {
                throw ErpErrors.gestionale("Filtro non valido: " + key);
            }
        }
        String campo = ErpValues.text(filtro.get("campo"));
        if (campo == null || campo.isBlank()) {
            throw ErpErrors.gestionale("Filtro non valido: campo");
        }
        ErpFields.Field field = fields.get(campo);
        if (field == null) {
            throw ErpErrors.gestionale("Campo sconosciuto: " + campo);
        }
        String condition = ErpValues.text(filtro.get("condizione"));
        if (condition == null || !CONDITIONS.contains(condition.trim().toLowerCase(Locale.ROOT))) {
            throw ErpErrors.gestionale("Condizione non valida: " + condition);
        }
        condition = condition.trim().toLowerCase(Locale.ROOT);
        JsonNode valore = filtro.get("valore");
        if (valore == null || valore.isNull() || valore.isObject()) {
            throw ErpErrors.gestionale("Filtro non valido: valore");
        }
        List<JsonNode> values = new ArrayList<>();
        if (valore.isArray()) {
            valore.forEach(values::add);
            if (values.isEmpty() || values.stream().anyMatch(JsonNode::isContainerNode)) {
                throw ErpErrors.gestionale("Filtro non valido: valore");
            }
        } else {
            values.add(valore);
        }
        if (field.isNumeric() && !condition.equals("contiene") && !condition.equals("inizia_per")) {
            for (JsonNode value : values) {
                number(value, field);
            }
        }
        Integer index = null;
        JsonNode indice1 = filtro.get("indice1");
        if (indice1 != null && !indice1.isNull()) {
            if (!field.isArray() || !ErpValues.isInteger(indice1) || indice1.asInt() < 1
                    || indice1.asInt() > field.dimension()) {
                throw ErpErrors.gestionale("Filtro non valido: indice1");
            }
            index = indice1.asInt();
        }
        JsonNode caseInsensitive = filtro.get("case_insensitive");
        return new Filter(field, condition, values,
                caseInsensitive != null && (caseInsensitive.asBoolean() || "S".equalsIgnoreCase(caseInsensitive.asText())),
                index);
    }

    static boolean matches(ObjectNode record, List<Filter> filters) {
        for (Filter filter : filters) {
            if (!matches(record, filter)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(ObjectNode record, Filter filter) {
        for (JsonNode candidate : candidates(record, filter)) {
            for (JsonNode value : filter.values()) {
                if (compare(candidate, value, filter)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The record's value(s) the filter looks at: the element at indice1, or every element, of an array field. */
    private static List<JsonNode> candidates(ObjectNode record, Filter filter) {
        JsonNode stored = record.get(filter.field().name());
        List<JsonNode> candidates = new ArrayList<>();
        if (!filter.field().isArray()) {
            candidates.add(stored);
            return candidates;
        }
        if (stored != null && stored.isArray()) {
            for (JsonNode pair : stored) {
                if (filter.index() == null || pair.get(0).asInt() == filter.index()) {
                    candidates.add(pair.get(pair.size() - 1));
                }
            }
        }
        if (candidates.isEmpty()) {
            candidates.add(null);
        }
        return candidates;
    }

    private static boolean compare(JsonNode candidate, JsonNode value, Filter filter) {
        String condition = filter.condition();
        if (condition.equals("contiene") || condition.equals("inizia_per")) {
            String have = text(candidate, filter.field(), filter.caseInsensitive());
            String want = text(value, filter.field(), filter.caseInsensitive());
            return condition.equals("contiene") ? have.contains(want) : have.startsWith(want);
        }
        int order = filter.field().isNumeric()
                ? numberOrZero(candidate).compareTo(number(value, filter.field()))
                : text(candidate, filter.field(), filter.caseInsensitive())
                        .compareTo(text(value, filter.field(), filter.caseInsensitive()));
        return switch (condition) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case ">" -> order > 0;
            case "<" -> order < 0;
            case ">=" -> order >= 0;
            case "<=" -> order <= 0;
            default -> throw new IllegalStateException(condition);
        };
    }

    private static String text(JsonNode node, ErpFields.Field field, boolean caseInsensitive) {
        String text = ErpValues.text(node);
        if (text == null) {
            text = field.isNumeric() ? "0" : "";
        }
        return caseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static BigDecimal numberOrZero(JsonNode node) {
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static BigDecimal number(JsonNode value, ErpFields.Field field) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ErpErrors.gestionale("Valore filtro non valido: " + field.name());
        }
    }

    // ----------------------------------------------------------------------------------------- pages

    /**
     * Where a page takes its records from: at most {@code limit} records whose sort key is greater than
     * {@code after} (all of them when null), sorted by sort key, already filtered. A source may compute them on
     * demand, so that a page costs memory for its own records only, however large the archive.
     */
    @FunctionalInterface
    interface Source {
        List<Listed> after(String after, int limit);

        /** A source over a list already sorted by sort key. */
        static Source of(List<Listed> rows) {
            return (after, limit) -> {
                List<Listed> page = new ArrayList<>();
                for (Listed row : rows) {
                    if (page.size() == limit) {
                        break;
                    }
                    if (after == null || row.sortKey().compareTo(after) > 0) {
                        page.add(row);
                    }
                }
                return page;
            };
        }
    }

    /**
     * One page of {@code rows} (sorted by sort key, already filtered): {@code {"dati": [...], "data_ric_elab":
     * "AAAAMMGG HHMMSS", "next": "..."}}, next only when more records follow.
     */
    static ObjectNode page(String resource, List<Listed> rows, Params params, String queryHash, String stamp,
            List<ErpFields.FieldSet> fieldSets) {
        return page(resource, Source.of(rows), params, queryHash, stamp, fieldSets);
    }

    /** One page taken from {@code source}: {@code max + 1} records are asked for, to know whether more follow. */
    static ObjectNode page(String resource, Source source, Params params, String queryHash, String stamp,
            List<ErpFields.FieldSet> fieldSets) {
        int max = params.max() == null ? DEFAULT_PAGE : params.max();
        String after = null;
        if (params.next() != null) {
            Cursor cursor = Cursor.decode(params.next());
            if (!cursor.resource().equals(resource) || !cursor.queryHash().equals(queryHash)) {
                throw ErpErrors.gestionale("Parametro next non valido");
            }
            after = cursor.after();
            if (params.max() == null) {
                max = cursor.max();
            }
        }
        checkFields(params.fields(), fieldSets);
        ObjectNode page = ErpJson.object();
        ArrayNode dati = page.putArray("dati");
        String last = null;
        boolean more = false;
        for (Listed row : source.after(after, max + 1)) {
            if (after != null && row.sortKey().compareTo(after) <= 0) {
                continue;
            }
            if (dati.size() == max) {
                more = true;
                break;
            }
            dati.add(project(row.record(), params.fields()));
            last = row.sortKey();
        }
        page.put("data_ric_elab", stamp);
        if (more) {
            page.put("next", new Cursor(resource, queryHash, max, last).encode());
        }
        return page;
    }

    static void checkFields(List<String> fields, List<ErpFields.FieldSet> fieldSets) {
        if (fields == null) {
            return;
        }
        for (String name : fields) {
            if (fieldSets.stream().noneMatch(set -> set.contains(name))) {
                throw ErpErrors.gestionale("Campo sconosciuto: " + name);
            }
        }
    }

    /**
     * A list page in the columnar form of {@code progressivi-articoli}: each field a list of
     * {@code [record_index, value]}, only values other than zero or empty, the same index tying a record's fields
     * together (1 for the page's first record); {@code data_ric_elab} and {@code next} as on other lists.
     */
    static ObjectNode columnar(ObjectNode page) {
        ObjectNode columns = ErpJson.object();
        int index = 0;
        for (JsonNode record : page.path("dati")) {
            index++;
            int at = index;
            record.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                boolean empty = value == null || value.isNull() || value.isContainerNode()
                        || (value.isNumber() && value.decimalValue().signum() == 0)
                        || (value.isTextual() && value.asText().isBlank());
                if (!empty) {
                    ArrayNode column = columns.has(entry.getKey()) ? (ArrayNode) columns.get(entry.getKey())
                            : columns.putArray(entry.getKey());
                    column.addArray().add(at).add(value);
                }
            });
        }
        columns.set("data_ric_elab", page.get("data_ric_elab"));
        if (page.has("next")) {
            columns.set("next", page.get("next"));
        }
        return columns;
    }

    /** Only the requested fields ({@code ?fields=a,b}), in the record's order; the whole record without it. */
    static ObjectNode project(ObjectNode record, List<String> fields) {
        if (fields == null) {
            return record;
        }
        ObjectNode projected = ErpJson.object();
        record.properties().forEach(entry -> {
            if (fields.contains(entry.getKey())) {
                projected.set(entry.getKey(), entry.getValue());
            }
        });
        return projected;
    }

    /** The state a next token carries, base64url-encoded so that clients treat it as opaque. */
    private record Cursor(String resource, String queryHash, int max, String after) {
        String encode() {
            String plain = "v1\n" + resource + "\n" + queryHash + "\n" + max + "\n" + after;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] parts = plain.split("\n", 5);
                if (parts.length != 5 || !parts[0].equals("v1")) {
                    throw ErpErrors.gestionale("Parametro next non valido");
                }
                return new Cursor(parts[1], parts[2], Integer.parseInt(parts[3]), parts[4]);
            } catch (IllegalArgumentException e) {
                throw ErpErrors.gestionale("Parametro next non valido");
            }
        }
    }
}
