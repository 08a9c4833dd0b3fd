package io.sincro.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sincro.HubClient;
import io.sincro.HubNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OIDC mode: with an issuer configured, bearer JWTs it signed are accepted, with the roles of the
 * configured claim; the identity provider is a WireMock server serving discovery and keys.
 */
class OidcTest {

    static WireMockServer provider;
    static RSAKey signingKey;
    static String issuer;
    static HubNode hub;

    @BeforeAll
    static void start() throws JOSEException {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        issuer = "http://127.0.0.1:" + provider.port() + "/realms/shop";
        signingKey = new RSAKeyGenerator(2048).keyID("provider-key").generate();
        provider.stubFor(get(urlEqualTo("/realms/shop/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"issuer": "%1$s", "jwks_uri": "%1$s/keys", "authorization_endpoint": "%1$s/auth",
                         "token_endpoint": "%1$s/token", "response_types_supported": ["code"],
                         "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                        """.formatted(issuer))));
        provider.stubFor(get(urlEqualTo("/realms/shop/keys")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(signingKey.toPublicJWK()).toString())));
        hub = HubNode.start(Map.of("sincro.security.oidc.issuer-uri", issuer,
                "sincro.security.oidc.roles-claim", "realm_access.roles"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        provider.stop();
    }

    @Test
    void aTokenOfTheIssuerActsWithTheRolesOfItsClaim() throws JOSEException {
        HubClient operator = bearer(token(signingKey, issuer, "anna", List.of("offline_access", "operator")));

        assertThat(operator.get("/api/runs").status()).isEqualTo(200);
        assertThat(operator.post("/api/accounts/no-such-account/sync/orders", null).status()).isEqualTo(404);
        assertThat(operator.delete("/api/accounts/no-such-account").status()).isEqualTo(403);
        HubClient.Response session = operator.get("/api/session");
        assertThat(session.body().path("principal").asText()).isEqualTo("oidc:anna");
        assertThat(session.body().path("role").asText()).isEqualTo("OPERATOR");
    }

    @Test
    void aTokenWithoutAHubRoleMayCallNothing() throws JOSEException {
        HubClient nobody = bearer(token(signingKey, issuer, "bruno", List.of("offline_access")));

        assertThat(nobody.get("/api/runs").status()).isEqualTo(403);
    }

    @Test
    void aTokenSignedByAnotherKeyOrIssuerOrExpiredIsRefused() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("provider-key").generate();

        assertThat(bearer(token(stranger, issuer, "eve", List.of("ADMIN"))).get("/api/runs").status()).isEqualTo(401);
        assertThat(bearer(token(signingKey, "http://elsewhere.example", "eve", List.of("ADMIN"))).get("/api/runs")
                .status()).isEqualTo(401);
        SignedJWT expired = sign(signingKey, new JWTClaimsSet.Builder().issuer(issuer).subject("eve")
                .claim("realm_access", Map.of("roles", List.of("ADMIN")))
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build());
        assertThat(bearer(expired.serialize()).get("/api/runs").status()).isEqualTo(401);
    }

    @Test
    void apiKeysStillWorkBesideTokens() {
        assertThat(hub.client().get("/api/keys").status()).isEqualTo(200);
        assertThat(hub.client().anonymous().get("/api/runs").status()).isEqualTo(401);
    }

    private static HubClient bearer(String token) {
        return hub.client().withBearer(token);
    }

    private static String token(RSAKey key, String issuedBy, String user, List<String> roles) throws JOSEException {
        return sign(key, new JWTClaimsSet.Builder().issuer(issuedBy).subject("sub-" + user)
                .claim("preferred_username", user).claim("realm_access", Map.of("roles", roles))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build())
                .serialize();
    }

    private static SignedJWT sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }
}
