package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a full document, between their wire form (every row field a list of {@code [row, value]} pairs,
 * {@code [row, index, value]} for a row field that is itself an array; rows numbered 1…n) and one object per row
 * (scalars, and {@code [[index, value]]} for array row fields), which is what transformations and updates work on.
 */
final class ErpRows {

    private ErpRows() {
    }

    /** One object per row, in row order; the number of rows is that of {@code tp_riga}. */
    static List<ObjectNode> explode(ObjectNode document, ErpFields.FieldSet rowFields) {
        JsonNode types = document.get("tp_riga");
        int count = types == null ? 0 : types.size();
        List<ObjectNode> rows = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            rows.add(ErpJson.object());
        }
        for (ErpFields.Field field : rowFields.all()) {
            JsonNode values = document.get(field.name());
            if (values == null || !values.isArray()) {
                continue;
            }
            for (JsonNode element : values) {
                int row = element.get(0).asInt();
                if (row < 1 || row > count) {
                    continue;
                }
                ObjectNode target = rows.get(row - 1);
                if (field.isArray()) {
                    ArrayNode pairs = target.has(field.name()) ? (ArrayNode) target.get(field.name())
                            : target.putArray(field.name());
                    pairs.addArray().add(element.get(1).deepCopy()).add(element.get(2).deepCopy());
                } else {
                    target.set(field.name(), element.get(1).deepCopy());
                }
            }
        }
        return rows;
    }

    /** Replaces the document's row fields with those of {@code rows}, renumbered 1…n, in the field set's order. */
    static void implode(ObjectNode document, List<ObjectNode> rows, ErpFields.FieldSet rowFields) {
        for (ErpFields.Field field : rowFields.all()) {
            document.remove(field.name());
        }
        for (ErpFields.Field field : rowFields.all()) {
            ArrayNode array = ErpJson.array();
            for (int row = 0; row < rows.size(); row++) {
                JsonNode value = rows.get(row).get(field.name());
                if (value == null || value.isNull()) {
                    continue;
                }
                if (field.isArray()) {
                    for (JsonNode pair : value) {
                        array.addArray().add(row + 1).add(pair.get(0)).add(pair.get(1));
                    }
                } else {
                    array.addArray().add(row + 1).add(value);
                }
            }
            if (!array.isEmpty()) {
                document.set(field.name(), array);
            }
        }
    }
}
