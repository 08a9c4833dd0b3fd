package io.sincro.security;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Declares in the OpenAPI document ({@code /api/openapi.json}) how to authenticate — an API key, a
 * session cookie after form login, and bearer JWTs when OIDC is on — and, on every operation, the
 * schemes it accepts and the role it needs, read from {@link ApiAccess}, the table the filter chain
 * enforces. Done once all routes are declared, so operations of every route builder are covered.
 */
@Component
public class OpenApiSecurity implements CamelContextConfiguration {

    static final String API_KEY = "apiKey";
    static final String SESSION = "session";
    static final String BEARER = "bearer";

    private final boolean oidc;

    public OpenApiSecurity(SecurityProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String springIssuer) {
        this.oidc = properties.oidc().enabled() || !springIssuer.isBlank();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        List<RestDefinition> rests = camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions();
        if (rests.isEmpty()) {
            return;
        }
        var schemes = rests.get(0).securityDefinitions()
                .apiKey(API_KEY, "An API key (POST /api/keys, ADMIN), sent as the X-API-Key header")
                    .withHeader(ApiKeys.HEADER).end()
                .apiKey(SESSION, "A user's session after logging in at /login (form: username, password, _csrf); "
                        + "changes carry the CSRF token of GET /api/session in the X-CSRF-TOKEN header")
                    .withCookie("JSESSIONID").end();
        if (oidc) {
            schemes.bearerToken(BEARER, "A JWT from the configured OpenID Connect issuer, roles in its roles claim",
                    "JWT");
        }
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = RestOperations.join(rest.getPath(), verb.getPath()).replaceAll("\\{[^}]+}", "x");
                ApiAccess.required(verb.asVerb().toUpperCase(java.util.Locale.ROOT), path).ifPresent(role -> {
                    verb.setSecurity(requirements());
                    String description = verb.getDescription() == null ? ""
                            : verb.getDescription().replaceAll("\\.$", "") + ". ";
                    verb.setDescription(description + "Role: " + role.name() + ".");
                    if (verb.getResponseMsgs() == null) {
                        verb.setResponseMsgs(new ArrayList<>());
                    }
                    verb.getResponseMsgs().add(response(verb, 401, "No principal, or an unknown or revoked API key "
                            + "(application/problem+json)"));
                    verb.getResponseMsgs().add(response(verb, 403, "The principal's role is below " + role.name()
                            + ", or a session's change came without its CSRF token (application/problem+json)"));
                });
            }
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    private static ResponseMessageDefinition response(VerbDefinition verb, int code, String message) {
        ResponseMessageDefinition response = new ResponseMessageDefinition(verb);
        response.setCode(String.valueOf(code));
        response.setMessage(message);
        return response;
    }

    private List<SecurityDefinition> requirements() {
        List<SecurityDefinition> any = new ArrayList<>();
        any.add(requirement(API_KEY));
        any.add(requirement(SESSION));
        if (oidc) {
            any.add(requirement(BEARER));
        }
        return any;
    }

    private static SecurityDefinition requirement(String key) {
        SecurityDefinition requirement = new SecurityDefinition();
        requirement.setKey(key);
        return requirement;
    }
}
