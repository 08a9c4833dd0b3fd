package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks and normalises field values the way the WebAPI stores them: Alfanumerico as text (a number sent for
 * an Alfanumerico field, e.g. {@code "cod_iva": 22}, is kept as {@code "22"}), Numerico as an integer,
 * Numerico con virgola as a decimal (a numeric string, with dot or comma, is accepted), array fields as
 * {@code [index, value]} pairs with 1 ≤ index ≤ dimensione_array.
 */
final class ErpValues {

    private ErpValues() {
    }

    /** 6001 "Campo sconosciuto: x" for the first body field none of the sets knows. */
    static void checkKnown(ObjectNode body, ErpFields.FieldSet... sets) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            boolean known = false;
            for (ErpFields.FieldSet set : sets) {
                known |= set.contains(name);
            }
            if (!known) {
                throw ErpErrors.gestionale("Campo sconosciuto: " + name);
            }
        }
    }

    /** The stored form of a value for that field; null when the value is JSON null (the field is cleared). */
    static JsonNode normalize(ErpFields.Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return field.isArray() ? pairs(field, value) : scalar(field, value);
    }

    /** A scalar value of that field's type; 6001 "Valore non valido per il campo: x" otherwise. */
    static JsonNode scalar(ErpFields.Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode() || value.isBoolean()) {
            throw invalid(field);
        }
        return switch (field.type()) {
            case ALFANUMERICO -> value.isTextual() ? value : TextNode.valueOf(plain(value.decimalValue()));
            case NUMERICO -> LongNode.valueOf(integer(field, value));
            case DECIMALE -> decimalNode(decimal(field, value));
        };
    }

    /** {@code [[index, value], …]}: 1 ≤ index ≤ dimension, each index once, values normalised. */
    private static ArrayNode pairs(ErpFields.Field field, JsonNode value) {
        if (!value.isArray()) {
            throw arrayFormat(field);
        }
        ArrayNode normalized = ErpJson.array();
        Set<Long> seen = new HashSet<>();
        for (JsonNode pair : value) {
            if (!pair.isArray() || pair.size() != 2 || !isInteger(pair.get(0))) {
                throw arrayFormat(field);
            }
            long index = pair.get(0).asLong();
            if (index < 1 || index > field.dimension() || !seen.add(index)) {
                throw arrayFormat(field);
            }
            JsonNode element = scalar(field, pair.get(1));
            normalized.addArray().add(index).add(element);
        }
        return normalized;
    }

    static boolean isInteger(JsonNode node) {
        return node != null && node.isIntegralNumber()
                || node != null && node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    static ErpException invalid(ErpFields.Field field) {
        return ErpErrors.gestionale("Valore non valido per il campo: " + field.name());
    }

    static ErpException arrayFormat(ErpFields.Field field) {
        return ErpErrors.gestionale("Formato array non valido: " + field.name());
    }

    private static long integer(ErpFields.Field field, JsonNode value) {
        try {
            BigDecimal number = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
            return number.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(field);
        }
    }

    private static BigDecimal decimal(ErpFields.Field field, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw invalid(field);
        }
    }

    static JsonNode decimalNode(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return DecimalNode.valueOf(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** The text of a scalar (null when absent or JSON null). */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.isNumber() ? plain(value.decimalValue()) : value.asText();
    }

    static boolean blank(JsonNode value) {
        String text = text(value);
        return text == null || text.isBlank();
    }
}
