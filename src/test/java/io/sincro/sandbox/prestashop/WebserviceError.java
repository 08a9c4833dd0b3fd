package io.sincro.sandbox.prestashop;

import java.util.List;
import java.util.Map;

/**
 * A refusal as the PrestaShop webservice answers it: an HTTP status and its list of (code, message) errors
 * ({@code WebserviceRequest::setError}); an empty list is a bare answer without body (a missing single
 * object is a bare 404).
 */
final class WebserviceError extends RuntimeException {

    record Entry(int code, String message) {
    }

    private final int status;
    private final List<Entry> errors;
    private final Map<String, String> headers;

    WebserviceError(int status, List<Entry> errors, Map<String, String> headers) {
        super(status + " " + errors);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    static WebserviceError of(int status, int code, String message) {
        return new WebserviceError(status, List.of(new Entry(code, message)), Map.of());
    }

    /** 401 with the realm PrestaShop sends, so that a browser or client asks for the key. */
    static WebserviceError unauthorized(List<Entry> errors) {
        return new WebserviceError(401, errors, Map.of("WWW-Authenticate", "Basic realm=\"Welcome to PrestaShop Webservice,"
                + " please enter the authentication key as the login. No password required.\""));
    }

    static WebserviceError bare(int status) {
        return new WebserviceError(status, List.of(), Map.of());
    }

    int status() {
        return status;
    }

    List<Entry> errors() {
        return errors;
    }

    Map<String, String> headers() {
        return headers;
    }
}
