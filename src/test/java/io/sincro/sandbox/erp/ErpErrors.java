package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The WebAPI's error answers. Every error but 404 carries the envelope
 * {@code {"error":{"response-code","response-detail","response-message","request-uri","request-method",
 * "request-id","timestamp"}}}; the number before " - " in response-detail is the WebAPI error code, the bracket
 * of a 6001 holds the real cause. 404 has no body.
 */
final class ErpErrors {

    static final String COORDINATES = "1001 - coordinate gestionale mancanti o errate";
    static final String CREDENTIALS = "2002 - credenziali non valide";
    static final String USER_LOCKED = "2002 - credenziali non valide [utente bloccato]";
    static final String POOL = "3002 - pool servizi esaurito";
    static final String DIALOGUE = "5001 - dialogo WebAPI-gestionale interrotto";
    static final String TIMEOUT = "408 - tempo massimo di elaborazione superato";
    static final String GESTIONALE = "6001 - errore gestionale";

    private ErpErrors() {
    }

    /** 400, 6001 with the real cause in brackets. */
    static ErpException gestionale(String cause) {
        return new ErpException(400, GESTIONALE + " [" + cause + "]", cause);
    }

    static ErpException coordinates() {
        return new ErpException(400, COORDINATES, "Coordinate gestionale mancanti o errate");
    }

    static ErpException unauthorized() {
        return new ErpException(401, CREDENTIALS, "Utente non autorizzato");
    }

    static ErpException userLocked() {
        return new ErpException(401, USER_LOCKED, "Utente bloccato: rivolgersi all'amministratore");
    }

    static ErpException poolExhausted() {
        return new ErpException(503, POOL, "Numero massimo di servizi contemporanei raggiunto");
    }

    static ErpException dialogue() {
        return new ErpException(500, DIALOGUE, "Errore interno");
    }

    static ErpException timeout() {
        return new ErpException(408, TIMEOUT, "Elaborazione troppo lunga");
    }

    static ErpException notFound() {
        return new ErpException(404, null, null);
    }

    /** The answer of an injected status: the real body for 401, 503 (pool) and 500; a 404 without body. */
    static ErpException forStatus(int status) {
        return switch (status) {
            case 401 -> unauthorized();
            case 404 -> notFound();
            case 408 -> timeout();
            case 500 -> dialogue();
            case 503 -> poolExhausted();
            case 400 -> gestionale("Errore simulato");
            default -> new ErpException(status, status + " - errore", "HTTP " + status);
        };
    }

    /** The envelope; null for 404. */
    static ObjectNode body(ErpException error, String requestUri, String method) {
        if (error.detail() == null) {
            return null;
        }
        ObjectNode body = ErpJson.object();
        body.putObject("error")
                .put("response-code", error.status())
                .put("response-detail", error.detail())
                .put("response-message", error.responseMessage())
                .put("request-uri", requestUri)
                .put("request-method", method)
                .put("request-id", UUID.randomUUID().toString())
                .put("timestamp", OffsetDateTime.now(ErpTime.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return body;
    }
}
