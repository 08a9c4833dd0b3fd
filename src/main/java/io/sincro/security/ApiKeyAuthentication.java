package io.sincro.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request made with a valid API key: the key (never its value) is the principal. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeys.ApiKey key;

    ApiKeyAuthentication(ApiKeys.ApiKey key) {
        super(List.of(new SimpleGrantedAuthority(key.role().authority())));
        this.key = key;
        setAuthenticated(true);
    }

    public ApiKeys.ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return key.name();
    }
}
