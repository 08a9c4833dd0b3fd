package io.sincro.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WebAPI's columnar list answer (e.g. {@code progressivi-articoli}): each field is a list of
 * {@code [record_index, value]} tuples ({@code [record_index, taglia, value]} for the per-size {@code _tg}
 * fields), only values other than zero or empty present, the same index tying a record's fields together.
 * Turned back into one object per record, so that readers see records as on any other list.
 */
final class Columns {

    /** Fields of the answer that are not columns. */
    private static final List<String> ENVELOPE = List.of("next", "data_ric_elab");

    private Columns() {
    }

    /**
     * The records of a page: the elements of {@code dati} when the page has that form (or is that array), else
     * rebuilt from the columns, in index order. A field absent from a record was zero or empty.
     */
    static List<JsonNode> records(JsonNode page) {
        if (page.isArray()) {
            List<JsonNode> records = new ArrayList<>();
            page.forEach(records::add);
            return records;
        }
        if (page.has("dati")) {
            return records(page.path("dati"));
        }
        Map<Integer, ObjectNode> byIndex = new TreeMap<>();
        page.properties().forEach(column -> {
            if (ENVELOPE.contains(column.getKey()) || !column.getValue().isArray()) {
                return;
            }
            for (JsonNode tuple : column.getValue()) {
                if (!tuple.isArray() || tuple.size() < 2) {
                    continue;
                }
                ObjectNode record = byIndex.computeIfAbsent(tuple.get(0).asInt(),
                        index -> JsonNodeFactory.instance.objectNode());
                if (tuple.size() == 2) {
                    record.set(column.getKey(), tuple.get(1));
                } else {
                    // per size: [index, taglia, value] kept as [[taglia, value], …]
                    (record.has(column.getKey()) ? (com.fasterxml.jackson.databind.node.ArrayNode) record
                            .get(column.getKey()) : record.putArray(column.getKey()))
                            .addArray().add(tuple.get(1)).add(tuple.get(2));
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }
}
