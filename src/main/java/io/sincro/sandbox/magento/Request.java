package io.sincro.sandbox.magento;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Locale;

/** The parts of an HTTP request the simulator looks at. */
record Request(String method, String path, String rawPath, String rawQuery, String host, String authorization) {

    static Request of(HttpExchange exchange) {
        return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Authorization"));
    }

    /** The decoded query parameters; a malformed escape is a 400, as PHP would reject the request. */
    List<QueryParams.Param> query() {
        try {
            return QueryParams.parse(rawQuery);
        } catch (IllegalArgumentException malformed) {
            throw MagentoErrors.badRequest("The request query string is malformed.");
        }
    }
}
