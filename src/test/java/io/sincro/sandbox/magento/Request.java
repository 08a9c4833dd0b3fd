package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The parts of an HTTP request the simulator looks at; {@code body} is the raw body as UTF-8, "" when none. */
record Request(String method, String path, String rawPath, String rawQuery, String host, String authorization,
        String body) {

    /** Reads the whole request body, so that it can be recorded whatever the answer. */
    static Request of(HttpExchange exchange) throws IOException {
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The decoded query parameters; a malformed escape is a 400, as PHP would reject the request. */
    List<QueryParams.Param> query() {
        try {
            return QueryParams.parse(rawQuery);
        } catch (IllegalArgumentException malformed) {
            throw MagentoErrors.badRequest("The request query string is malformed.");
        }
    }

    /**
     * The JSON body as an object; an empty body (or {@code null}) is an empty object, as Magento's REST
     * request reader treats a POST without content. Anything that is not a JSON object is the 400
     * "Decoding error." of Magento's JSON deserializer in production mode.
     */
    ObjectNode jsonBody() {
        if (body.isBlank()) {
            return Json.object();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (IOException malformed) {
            throw MagentoErrors.badRequest("Decoding error.");
        }
        if (parsed == null || parsed.isNull()) {
            return Json.object();
        }
        if (!parsed.isObject()) {
            throw MagentoErrors.badRequest("Decoding error.");
        }
        return (ObjectNode) parsed;
    }
}
