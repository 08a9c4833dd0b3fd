package io.sincro.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, answered as RFC 9457 {@code application/problem+json}: {@code type},
 * {@code title}, {@code status}, {@code detail} (a sentence saying why), {@code errors[]} (each
 * {@code field} and what is wrong with it, when the request itself is wrong) and extension members such
 * as {@code runId} for the run in the way.
 */
public class ApiProblem extends RuntimeException {

    /** One thing wrong with a request: where (a JSON path such as {@code settings.pageSize}, or a query parameter) and what. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(int status, String detail) {
        this(status, null, null, detail, List.of());
    }

    public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Adds an extension member (e.g. {@code runId}); null values are left out. */
    public ApiProblem with(String name, Object value) {
        if (value != null) {
            extensions.put(name, value);
        }
        return this;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, what + " not found");
    }

    public static ApiProblem badRequest(String why) {
        return new ApiProblem(400, why);
    }

    /** A request whose content is wrong: each error names the field and what is wrong with it. */
    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields of the request are wrong; see errors";
        return new ApiProblem(400, "urn:sincro:problem:invalid-request", "The request is not valid", detail, errors);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A sync of that kind is already running: the run in the way, on which node, since when. */
    public static ApiProblem running(String why, long runId, String node, java.time.Instant since) {
        return new ApiProblem(409, "urn:sincro:problem:sync-running", "A sync of this kind is already running", why,
                List.of()).with("runId", runId).with("node", node).with("since", since == null ? null : since.toString());
    }

    public static ApiProblem conflict(String why) {
        return new ApiProblem(409, why);
    }

    /** The problem document, as the response body. */
    public Map<String, Object> body() {
        return body(status, type, title, getMessage(), errors, extensions);
    }

    static Map<String, Object> body(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? "about:blank" : type);
        body.put("title", title == null ? reason(status) : title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        if (extensions != null) {
            extensions.forEach(body::putIfAbsent);
        }
        return body;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
