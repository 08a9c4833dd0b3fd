package io.sincro.security;

import java.util.Comparator;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** How a principal is named in the audit log and in {@code GET /api/session}: by kind, then name. */
public final class Principals {

    private Principals() {
    }

    public static Optional<String> name(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication instanceof ApiKeyAuthentication key) {
            return Optional.of("key:" + key.key().name());
        }
        if (authentication instanceof JwtAuthenticationToken) {
            return Optional.of("oidc:" + authentication.getName());
        }
        return Optional.of("user:" + authentication.getName());
    }

    /** The highest role granted (directly; the hierarchy adds the lower ones). */
    public static Optional<Role> role(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).map(Role::named)
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
