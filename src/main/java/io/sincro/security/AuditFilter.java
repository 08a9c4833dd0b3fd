package io.sincro.security;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes an audit event for every API call that is not a read (every change and every manual trigger),
 * made by a principal, once its answer is known — refusals included. Camel answers the API
 * asynchronously, so the status is read when the asynchronous request completes. No body is read.
 * Anonymous calls are not recorded: they are refused before they can change anything, and recording
 * them would let anyone fill the store.
 */
final class AuditFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog audit;
    private final RestOperations operations;

    AuditFilter(AuditLog audit, RestOperations operations) {
        this.audit = audit;
        this.operations = operations;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || !ApiAccess.path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> principal = Principals.name(SecurityContextHolder.getContext().getAuthentication());
        String method = request.getMethod();
        String path = ApiAccess.path(request);
        try {
            chain.doFilter(request, response);
        } finally {
            if (principal.isPresent()) {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new AsyncListener() {
                        @Override
                        public void onComplete(AsyncEvent event) {
                            record(principal.get(), method, path, response.getStatus());
                        }

                        @Override
                        public void onTimeout(AsyncEvent event) {
                        }

                        @Override
                        public void onError(AsyncEvent event) {
                        }

                        @Override
                        public void onStartAsync(AsyncEvent event) {
                        }
                    });
                } else {
                    record(principal.get(), method, path, response.getStatus());
                }
            }
        }
    }

    private void record(String principal, String method, String path, int status) {
        try {
            RestOperations.Match operation = operations.find(method, path);
            audit.record(principal, method, operation.operation(), path, operation.target(), status);
        } catch (RuntimeException e) {
            // the call itself is done; a failed audit write must be seen, not break the answer
            LOG.error("Could not write the audit event of {} {} by {}: {}", method, path, principal, e.toString());
        }
    }
}
