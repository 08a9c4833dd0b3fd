package io.sincro.sandbox.magento;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON helpers shared by the simulator. Magento renders PHP floats, so money goes out as {@code 11.9} or
 * {@code 10}, never {@code 10.00}; and attributes whose value is null are left out of entity payloads.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A monetary or decimal value the way PHP's json_encode writes a float: no trailing zeros. */
    static JsonNode decimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return DecimalNode.valueOf(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    /** A deep copy without null-valued attributes, as Magento's REST output processor omits them. */
    static ObjectNode withoutNulls(ObjectNode node) {
        return (ObjectNode) stripNulls(node);
    }

    private static JsonNode stripNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), stripNulls(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = array();
            node.forEach(element -> copy.add(stripNulls(element)));
            return copy;
        }
        return node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
