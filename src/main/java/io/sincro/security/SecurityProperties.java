package io.sincro.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sincro.security.*}: the first ADMIN key and the optional OpenID Connect mode.
 *
 * @param bootstrapAdminKey the ADMIN key created at the first start (no key and no user in the store);
 *        unset, a random one is created and printed once to the console
 * @param oidc bearer tokens from the company's identity provider, accepted beside API keys and users
 */
@ConfigurationProperties("sincro.security")
public record SecurityProperties(String bootstrapAdminKey, Oidc oidc) {

    public SecurityProperties {
        oidc = oidc == null ? new Oidc(null, null, null) : oidc;
    }

    /**
     * @param issuerUri the provider's issuer; set, JWTs it signed are accepted (its keys found through
     *        its discovery document when the first token arrives)
     * @param rolesClaim the claim holding the roles ({@code VIEWER}, {@code OPERATOR}, {@code ADMIN}, any
     *        case); a dotted path reaches into objects, e.g. {@code realm_access.roles}; {@code roles} by default
     * @param principalClaim the claim naming the person in the audit log; {@code preferred_username} by
     *        default, then {@code sub}
     */
    public record Oidc(String issuerUri, String rolesClaim, String principalClaim) {

        public Oidc {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "preferred_username" : principalClaim;
        }

        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}
