package io.sincro.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks every request body of the API before the hub acts on it, so a refused request changes
 * nothing: a body must be JSON ({@code application/json}; {@code application/merge-patch+json} for
 * PATCH) or the answer is 415, at most {@code sincro.api.max-body-size} (413), well-formed (400 with
 * where it breaks), without control characters in any name or value (400 naming the field), and
 * present where the call needs one. The body is read here once, never logged, and handed on to the
 * route; its parsed form stays on the request as {@link #BODY_ATTRIBUTE}.
 */
public class ApiRequestGuard extends OncePerRequestFilter {

    /** The parsed JSON body of the request (a {@link JsonNode}), for calls that need to tell a missing member from an empty one. */
    public static final String BODY_ATTRIBUTE = "io.sincro.api.body";

    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    /** Calls that need a body: method and path. */
    private static final List<Map.Entry<String, Pattern>> BODY_REQUIRED = List.of(
            Map.entry("POST", Pattern.compile("/api/accounts/?")),
            Map.entry("PUT", Pattern.compile("/api/accounts/[^/]+/?")),
            Map.entry("PATCH", Pattern.compile("/api/accounts/[^/]+/?")),
            Map.entry("PUT", Pattern.compile("/api/accounts/[^/]+/schedule/?")),
            Map.entry("POST", Pattern.compile("/api/accounts/[^/]+/schedule/preview/?")),
            Map.entry("PUT", Pattern.compile("/api/erp/schedule/?")),
            Map.entry("POST", Pattern.compile("/api/erp/schedule/preview/?")),
            Map.entry("POST", Pattern.compile("/api/orders/?")));

    private final ObjectMapper json;
    private final long maxBytes;

    public ApiRequestGuard(ObjectMapper json, DataSize maxBodySize) {
        this.json = json.copy();
        // nesting deeper than any request of this API is an attack on the parser, not a request
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH") && !method.equals("DELETE")) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean needsBody = BODY_REQUIRED.stream()
                .anyMatch(call -> call.getKey().equals(method) && call.getValue().matcher(path).matches());
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, tooLarge());
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            refuse(response, tooLarge());
            return;
        }
        if (isBlank(body)) {
            if (needsBody) {
                refuse(response, ApiProblem.invalid("body", "this call needs a JSON body"));
                return;
            }
            chain.doFilter(new CachedBody(request, body), response);
            return;
        }
        MediaType expected = method.equals("PATCH") ? MERGE_PATCH : MediaType.APPLICATION_JSON;
        if (!isType(request.getContentType(), expected)) {
            refuse(response, new ApiProblem(415, "urn:sincro:problem:unsupported-media-type", null,
                    "the body must be sent as Content-Type: " + expected + " (it was "
                            + (request.getContentType() == null ? "not given" : "'" + request.getContentType() + "'")
                            + "); nothing was done", List.of()));
            return;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            refuse(response, malformed(e));
            return;
        }
        if (needsBody && !tree.isObject()) {
            refuse(response, ApiProblem.invalid("body", "must be a JSON object"));
            return;
        }
        String controlled = controlCharacter(tree, "");
        if (controlled != null) {
            refuse(response, ApiProblem.invalid(controlled.isEmpty() ? "body" : controlled,
                    "contains a control character (such as a NUL, escape or line break), which the hub does not accept"));
            return;
        }
        request.setAttribute(BODY_ATTRIBUTE, tree);
        chain.doFilter(new CachedBody(request, body), response);
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "urn:sincro:problem:body-too-large", null, "the body is larger than the "
                + DataSize.ofBytes(maxBytes).toKilobytes() + " KB this hub accepts (sincro.api.max-body-size); "
                + "nothing was done", List.of());
    }

    /** Where the JSON breaks, without echoing the body (it may hold a secret). */
    static ApiProblem malformed(JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        String why = e instanceof JsonParseException && e.getOriginalMessage() != null
                && e.getOriginalMessage().contains("end-of-input") ? "it ends too early" : "it is not well-formed JSON";
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth")) {
            why = "it is nested too deeply";
        }
        return new ApiProblem(400, "urn:sincro:problem:malformed-json", "The body is not valid JSON",
                "the body cannot be read: " + why + at, List.of(new ApiProblem.FieldError("body", why + at)));
    }

    /** The JSON path of the first name or value holding a control character, "" for the root, or null. */
    static String controlCharacter(JsonNode node, String path) {
        if (node.isTextual()) {
            return hasControl(node.textValue()) ? path : null;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String here = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasControl(field.getKey())) {
                    return path.isEmpty() ? "body" : path;
                }
                String found = controlCharacter(field.getValue(), here);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = controlCharacter(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static boolean isType(String contentType, MediaType expected) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType given = MediaType.parseMediaType(contentType);
            return given.getType().equalsIgnoreCase(expected.getType())
                    && given.getSubtype().equalsIgnoreCase(expected.getSubtype())
                    && (given.getCharset() == null || given.getCharset().equals(StandardCharsets.UTF_8));
        } catch (RuntimeException notAType) {
            return false;
        }
    }

    /** The body, or null when it is longer than allowed (read no further than that). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private void refuse(HttpServletResponse response, ApiProblem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // the connection may still carry the rest of a refused body: do not keep it
        if (problem.status() == 413) {
            response.setHeader("Connection", "close");
        }
        json.writeValue(response.getOutputStream(), problem.body());
    }

    /** The request with its body already read. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
