package io.sincro.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose user has been deleted, or given another role, at its next request (which goes
 * on as anonymous), on whichever node it lands; and leaves the request's principal on the request for
 * the API's own answers (see {@link Caller}).
 */
final class SessionUserCheck extends OncePerRequestFilter {

    private final HubUsers users;

    SessionUserCheck(HubUsers users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof UsernamePasswordAuthenticationToken && authentication.isAuthenticated()) {
            boolean current = users.get(authentication.getName())
                    .map(user -> Principals.role(authentication).equals(java.util.Optional.of(user.role())))
                    .orElse(false);
            if (!current) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        // for the API's own answers (GET /api/session, who made a key), which Camel gives on another thread
        request.setAttribute(Caller.ATTRIBUTE, SecurityContextHolder.getContext().getAuthentication());
        chain.doFilter(request, response);
    }
}
