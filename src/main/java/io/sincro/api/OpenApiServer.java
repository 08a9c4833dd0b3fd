package io.sincro.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the OpenAPI document's {@code servers} the base its reader reached it at. Camel writes the
 * request's {@code X-Forwarded-Proto}, host ({@code X-Forwarded-Host}, else {@code Host}) and prefix as the
 * server when the proxy in front sent them, and otherwise only an empty URL (the address the hub listens
 * on, 0.0.0.0, is no use to a client): here, a request without a proxy's protocol gets its own scheme.
 * Only the document is affected; what a caller forges in these headers is shown to that caller alone.
 */
class OpenApiServer extends OncePerRequestFilter {

    static final String PATH = "/api/openapi.json";
    private static final String PROTO = "X-Forwarded-Proto";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(PROTO) != null) {
            chain.doFilter(request, response);
            return;
        }
        String scheme = request.getScheme();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return PROTO.equalsIgnoreCase(name) ? scheme : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return PROTO.equalsIgnoreCase(name) ? Collections.enumeration(Set.of(scheme)) : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
                names.add(PROTO);
                return Collections.enumeration(names);
            }
        }, response);
    }
}
