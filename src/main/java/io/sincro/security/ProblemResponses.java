package io.sincro.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 401 and 403 as RFC 9457 problem documents, with a sentence saying what is missing. */
final class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json = new ObjectMapper();
    private final String challenge;

    /** @param oidc whether bearer tokens are accepted too (named in the 401's challenge) */
    ProblemResponses(boolean oidc) {
        this.challenge = "ApiKey realm=\"sincro\", header=\"" + ApiKeys.HEADER + "\""
                + (oidc ? ", Bearer realm=\"sincro\"" : "");
    }

    void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    void forbidden(HttpServletResponse response, String detail) throws IOException {
        write(response, HttpStatus.FORBIDDEN, detail);
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
