package io.sincro.security;

import io.sincro.api.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/** The API of who may call the hub: API keys and users (ADMIN), the audit log (ADMIN), one's own session. */
@Component("securityApi")
public class SecurityApi {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final int MIN_PASSWORD = 12;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    /** @param role VIEWER, OPERATOR or ADMIN */
    public record KeyRequest(String name, String role) {
    }

    /** A key as listed: never its value, which only the answer to its creation carries. */
    public record KeyView(long id, String name, Role role, String prefix, Instant createdAt, String createdBy,
            Instant lastUsedAt, Instant revokedAt) {

        static KeyView of(ApiKeys.ApiKey key) {
            return new KeyView(key.id(), key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy(),
                    key.lastUsedAt(), key.revokedAt());
        }
    }

    /** @param key the key itself, shown this once: send it as {@code X-API-Key} */
    public record NewKeyView(long id, String name, Role role, String prefix, Instant createdAt, String key) {
    }

    public record UserRequest(String username, String password, String role) {
    }

    public record UserView(String username, Role role, Instant createdAt, String createdBy) {

        static UserView of(HubUsers.HubUser user) {
            return new UserView(user.username(), user.role(), user.createdAt(), user.createdBy());
        }
    }

    private final ApiKeys keys;
    private final HubUsers users;
    private final AuditLog audit;

    public SecurityApi(ApiKeys keys, HubUsers users, AuditLog audit) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
    }

    public List<KeyView> keys() {
        return keys.list().stream().map(KeyView::of).toList();
    }

    public NewKeyView createKey(KeyRequest request, Exchange exchange) {
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiProblem.badRequest("name: 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a "
                    + "letter or digit");
        }
        Role role = role(request.role());
        ApiKeys.NewKey made;
        try {
            made = keys.create(request.name(), role, Caller.name(exchange));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        ApiKeys.ApiKey key = made.key();
        return new NewKeyView(key.id(), key.name(), key.role(), key.prefix(), key.createdAt(), made.value());
    }

    /** Revoking is at once and for good: the key stays listed, with {@code revokedAt}. */
    public KeyView revokeKey(@Header("id") String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("API key " + id);
        }
        if (!keys.revoke(number)) {
            throw ApiProblem.notFound("API key " + id);
        }
        return KeyView.of(keys.get(number).orElseThrow());
    }

    public List<UserView> users() {
        return users.list().stream().map(UserView::of).toList();
    }

    public UserView createUser(UserRequest request, Exchange exchange) {
        if (request == null || request.username() == null || !NAME.matcher(request.username()).matches()) {
            throw ApiProblem.badRequest("username: 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a "
                    + "letter or digit");
        }
        if (request.password() == null || request.password().length() < MIN_PASSWORD
                || request.password().length() > 200) {
            throw ApiProblem.badRequest("password: " + MIN_PASSWORD + " to 200 characters");
        }
        Role role = role(request.role());
        HubUsers.HubUser user;
        try {
            user = users.create(request.username(), request.password(), role, Caller.name(exchange));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return UserView.of(user);
    }

    /** The user can no longer log in, and a session of theirs ends at its next request. */
    public void deleteUser(@Header("username") String username, Exchange exchange) {
        if (!users.delete(username)) {
            throw ApiProblem.notFound("user " + username);
        }
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    public List<AuditLog.AuditEvent> audit(@Header("principal") String principal, @Header("since") String since,
            @Header("limit") String limit, @Header("offset") String offset) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("since: an ISO-8601 instant such as 2026-11-29T10:00:00Z");
            }
        }
        int size = number("limit", limit, DEFAULT_LIMIT);
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit: 1 to " + MAX_LIMIT);
        }
        int skip = number("offset", offset, 0);
        if (skip < 0) {
            throw ApiProblem.badRequest("offset: 0 or more");
        }
        return audit.find(principal == null || principal.isBlank() ? null : principal, from, size, skip);
    }

    /**
     * Who is calling, with which role; for a session also the CSRF token its changes must carry (in
     * the header it names): what the web console reads after logging in.
     */
    public Map<String, Object> session(Exchange exchange) {
        Map<String, Object> answer = new LinkedHashMap<>();
        var authentication = Caller.authentication(exchange);
        answer.put("principal", authentication.flatMap(Principals::name).orElse(null));
        answer.put("role", authentication.flatMap(Principals::role).orElse(null));
        Caller.request(exchange).filter(request -> request.getSession(false) != null)
                .map(request -> request.getAttribute(CsrfToken.class.getName()))
                .filter(CsrfToken.class::isInstance).map(CsrfToken.class::cast)
                .ifPresent(csrf -> answer.put("csrf", Map.of("headerName", csrf.getHeaderName(),
                        "token", csrf.getToken())));
        return answer;
    }

    private static Role role(String name) {
        return Role.named(name).orElseThrow(() -> ApiProblem.badRequest("role: VIEWER, OPERATOR or ADMIN"));
    }

    private static int number(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + ": a whole number");
        }
    }

}
