package io.sincro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code X-API-Key}. Stateless: the principal lives for this
 * request only (kept in a request attribute so the asynchronous dispatch of Camel's answer sees it),
 * never in a session. A key that is unknown or revoked is refused here, whatever else the request carries.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final ProblemResponses problems;
    private final SecurityContextRepository requestContexts = new RequestAttributeSecurityContextRepository();

    ApiKeyFilter(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    /** API-key requests need no CSRF token: a browser cannot add this header to a cross-site request. */
    static boolean carriesKey(HttpServletRequest request) {
        return request.getHeader(ApiKeys.HEADER) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getHeader(ApiKeys.HEADER);
        if (value == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.ApiKey> key = keys.authenticate(value.trim());
        if (key.isEmpty()) {
            problems.unauthorized(response, "the API key in " + ApiKeys.HEADER + " is unknown or revoked");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        requestContexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
