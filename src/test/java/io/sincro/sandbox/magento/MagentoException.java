package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answer, thrown from deep inside request handling and rendered by the simulator, like
 * Magento's webapi ErrorProcessor turns exceptions into {@code {"message": ...}} bodies.
 */
final class MagentoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode body;
    private final transient Map<String, String> headers;

    MagentoException(int status, ObjectNode body) {
        this(status, body, Map.of());
    }

    MagentoException(int status, ObjectNode body, Map<String, String> headers) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
