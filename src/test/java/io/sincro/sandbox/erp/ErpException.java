package io.sincro.sandbox.erp;

/**
 * An error answer thrown from inside request handling. {@code detail} is the WebAPI's response-detail
 * ({@code "6001 - errore gestionale [Aliquota iva obbligatoria]"}); a null detail means no body (404).
 */
final class ErpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;
    private final String responseMessage;

    ErpException(int status, String detail, String responseMessage) {
        super(status + " " + detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.responseMessage = responseMessage;
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }

    String responseMessage() {
        return responseMessage;
    }
}
