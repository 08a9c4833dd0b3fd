package io.sincro.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A JWT's roles, read from the configured claim (a list or a space/comma-separated string; a dotted
 * path reaches into objects, as Keycloak's {@code realm_access.roles}). Names that are not a hub role
 * are ignored; a token with none may call nothing.
 */
final class OidcRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String principalClaim;

    OidcRoles(String rolesClaim, String principalClaim) {
        this.rolesClaim = rolesClaim;
        this.principalClaim = principalClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String name : names(claim(jwt.getClaims(), rolesClaim))) {
            Role.named(name).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        String principal = Optional.ofNullable(jwt.getClaimAsString(principalClaim)).orElse(jwt.getSubject());
        return new JwtAuthenticationToken(jwt, authorities, principal);
    }

    private static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static List<String> names(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (value instanceof String text) {
            return List.of(text.split("[\\s,]+"));
        }
        return List.of();
    }
}
