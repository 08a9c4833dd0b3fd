package io.sincro.security;

import io.sincro.api.ApiProblem;
import io.sincro.api.ApiRoutes;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** REST declarations of {@link SecurityApi}: API keys, users, the audit log and the caller's session. */
@Component
public class SecurityApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        onException(ApiProblem.class).handled(true).process(ApiRoutes::problem);
        onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "API call ${routeId} failed: ${exception.stacktrace}")
                .process(ApiRoutes::problem);

        rest("/api/keys").description("API keys of machine clients (ADMIN)")
                .get().id("list-keys").description("Every key, revoked ones too; never a key's value")
                    .outType(SecurityApi.KeyView[].class).to("direct:api-list-keys")
                .post().id("create-key").description("Make a key with a name and a role: 201 with the key itself, "
                        + "shown this once; 409 when the name is taken")
                    .type(SecurityApi.KeyRequest.class).outType(SecurityApi.NewKeyView.class)
                    .to("direct:api-create-key")
                .delete("/{id}").id("revoke-key").description("Revoke a key, at once and for good")
                    .outType(SecurityApi.KeyView.class).to("direct:api-revoke-key");

        rest("/api/users").description("People who log in at /login (ADMIN)")
                .get().id("list-users").outType(SecurityApi.UserView[].class).to("direct:api-list-users")
                .post().id("create-user").description("Add a user with a password (12 characters or more) and a "
                        + "role: 201; 409 when the name is taken")
                    .type(SecurityApi.UserRequest.class).outType(SecurityApi.UserView.class)
                    .to("direct:api-create-user")
                .delete("/{username}").id("delete-user").description("Remove a user; a session of theirs ends")
                    .to("direct:api-delete-user");

        rest("/api/audit").description("Every change and manual trigger (ADMIN)")
                .get().id("list-audit").description("Audit events, newest first: principal, operation, target, "
                        + "status, time")
                    .param().name("principal").type(RestParamType.query).required(false)
                        .description("e.g. key:ci or user:anna").endParam()
                    .param().name("since").type(RestParamType.query).required(false)
                        .description("ISO-8601 instant").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .param().name("offset").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .outType(AuditLog.AuditEvent[].class).to("direct:api-list-audit");

        rest("/api/session").description("The caller")
                .get().id("get-session").description("Who is calling and with which role; with a session, the "
                        + "CSRF token (and its header) that changes must carry")
                    .to("direct:api-get-session");

        api("list-keys", "keys");
        api("create-key", "createKey");
        api("revoke-key", "revokeKey");
        api("list-users", "users");
        api("create-user", "createUser");
        api("delete-user", "deleteUser");
        api("list-audit", "audit");
        api("get-session", "session");
    }

    private void api(String name, String method) {
        from("direct:api-" + name).routeId("api-" + name).bean("securityApi", method);
    }
}
