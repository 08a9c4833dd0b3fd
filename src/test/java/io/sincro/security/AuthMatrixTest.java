package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every call of the API and the actuator, made anonymously and with a VIEWER, an OPERATOR and an
 * ADMIN key: 401 without a principal, 403 below the role the call needs, otherwise the call's own
 * answer (2xx, or a business 4xx such as 404 for the unknown ids used here so nothing is changed).
 * The expected roles are written out here, not read from the hub's table, so a change of the table
 * shows up as a failing row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuthMatrixTest {

    /** @param role the least role that may make the call; null: anyone, also anonymous */
    record Call(String method, String template, String path, Object body, String role) {
    }

    static final Map<String, Object> EMPTY = Map.of();

    static final List<Call> CALLS = List.of(
            new Call("GET", "/api/accounts", "/api/accounts", null, "VIEWER"),
            new Call("POST", "/api/accounts", "/api/accounts", EMPTY, "ADMIN"),
            new Call("GET", "/api/accounts/{id}", "/api/accounts/no-such-account", null, "VIEWER"),
            new Call("PUT", "/api/accounts/{id}", "/api/accounts/no-such-account", EMPTY, "ADMIN"),
            new Call("PATCH", "/api/accounts/{id}", "/api/accounts/no-such-account", EMPTY, "ADMIN"),
            new Call("DELETE", "/api/accounts/{id}", "/api/accounts/no-such-account", null, "ADMIN"),
            new Call("POST", "/api/accounts/{id}/sync/orders", "/api/accounts/no-such-account/sync/orders", null,
                    "OPERATOR"),
            new Call("POST", "/api/accounts/{id}/sync/customers", "/api/accounts/no-such-account/sync/customers",
                    null, "OPERATOR"),
            new Call("GET", "/api/accounts/{id}/schedule", "/api/accounts/no-such-account/schedule", null, "VIEWER"),
            new Call("PUT", "/api/accounts/{id}/schedule", "/api/accounts/no-such-account/schedule", EMPTY,
                    "OPERATOR"),
            new Call("GET", "/api/accounts/{id}/schedule/preview", "/api/accounts/no-such-account/schedule/preview",
                    null, "VIEWER"),
            new Call("POST", "/api/accounts/{id}/schedule/preview", "/api/accounts/no-such-account/schedule/preview",
                    EMPTY, "VIEWER"),
            new Call("POST", "/api/accounts/{id}/schedule/reset", "/api/accounts/no-such-account/schedule/reset",
                    null, "OPERATOR"),
            new Call("GET", "/api/runs", "/api/runs", null, "VIEWER"),
            new Call("GET", "/api/runs/{id}", "/api/runs/987654321", null, "VIEWER"),
            new Call("GET", "/api/orders", "/api/orders", null, "VIEWER"),
            new Call("GET", "/api/orders/{id}", "/api/orders/987654321", null, "VIEWER"),
            new Call("POST", "/api/orders", "/api/orders", EMPTY, "OPERATOR"),
            new Call("POST", "/api/orders/{id}/retry", "/api/orders/987654321/retry", null, "OPERATOR"),
            new Call("POST", "/api/orders/retry", "/api/orders/retry", EMPTY, "OPERATOR"),
            new Call("POST", "/api/erp/sync/{kind}", "/api/erp/sync/sideways", null, "OPERATOR"),
            new Call("GET", "/api/erp/schedule", "/api/erp/schedule", null, "VIEWER"),
            new Call("PUT", "/api/erp/schedule", "/api/erp/schedule", EMPTY, "OPERATOR"),
            new Call("GET", "/api/erp/schedule/preview", "/api/erp/schedule/preview", null, "VIEWER"),
            new Call("POST", "/api/erp/schedule/preview", "/api/erp/schedule/preview", EMPTY, "VIEWER"),
            new Call("POST", "/api/erp/schedule/reset", "/api/erp/schedule/reset", null, "OPERATOR"),
            new Call("GET", "/api/erp/quota", "/api/erp/quota", null, "VIEWER"),
            new Call("GET", "/api/erp/login", "/api/erp/login", null, "VIEWER"),
            new Call("POST", "/api/erp/login/retry", "/api/erp/login/retry", null, "OPERATOR"),
            new Call("POST", "/api/filters/preview", "/api/filters/preview", Map.of("filter", "new"), "VIEWER"),
            new Call("GET", "/api/dead-letters", "/api/dead-letters", null, "VIEWER"),
            new Call("POST", "/api/dead-letters/{id}/replay", "/api/dead-letters/987654321/replay", null, "OPERATOR"),
            new Call("GET", "/api/listings", "/api/listings", null, "VIEWER"),
            new Call("POST", "/api/listings", "/api/listings", EMPTY, "OPERATOR"),
            new Call("GET", "/api/listings/{id}", "/api/listings/987654321", null, "VIEWER"),
            new Call("PUT", "/api/listings/{id}", "/api/listings/987654321", EMPTY, "OPERATOR"),
            new Call("DELETE", "/api/listings/{id}", "/api/listings/987654321", null, "OPERATOR"),
            new Call("GET", "/api/sales-rules", "/api/sales-rules", null, "VIEWER"),
            new Call("POST", "/api/sales-rules", "/api/sales-rules", EMPTY, "OPERATOR"),
            new Call("GET", "/api/sales-rules/{id}", "/api/sales-rules/987654321", null, "VIEWER"),
            new Call("PUT", "/api/sales-rules/{id}", "/api/sales-rules/987654321", EMPTY, "OPERATOR"),
            new Call("DELETE", "/api/sales-rules/{id}", "/api/sales-rules/987654321", null, "OPERATOR"),
            new Call("GET", "/api/lists", "/api/lists", null, "VIEWER"),
            new Call("POST", "/api/lists", "/api/lists", EMPTY, "OPERATOR"),
            new Call("GET", "/api/lists/{id}", "/api/lists/987654321", null, "VIEWER"),
            new Call("PUT", "/api/lists/{id}", "/api/lists/987654321", EMPTY, "OPERATOR"),
            new Call("DELETE", "/api/lists/{id}", "/api/lists/987654321", null, "OPERATOR"),
            new Call("GET", "/api/lists/{id}/items", "/api/lists/987654321/items", null, "VIEWER"),
            new Call("POST", "/api/lists/{id}/items", "/api/lists/987654321/items", EMPTY, "OPERATOR"),
            new Call("DELETE", "/api/lists/{id}/items/{code}", "/api/lists/987654321/items/NOPE", null, "OPERATOR"),
            new Call("GET", "/api/lists/{id}/transactions", "/api/lists/987654321/transactions", null, "VIEWER"),
            new Call("GET", "/api/lists/{id}/log", "/api/lists/987654321/log", null, "VIEWER"),
            new Call("GET", "/api/lists/{id}/items/{code}/log", "/api/lists/987654321/items/NOPE/log", null, "VIEWER"),
            new Call("POST", "/api/lists/{id}/deliver", "/api/lists/987654321/deliver", null, "OPERATOR"),
            new Call("POST", "/api/lists/{id}/items/{code}/retry", "/api/lists/987654321/items/NOPE/retry", null,
                    "OPERATOR"),
            new Call("POST", "/api/lists/{id}/preview", "/api/lists/987654321/preview", EMPTY, "VIEWER"),
            new Call("GET", "/api/keys", "/api/keys", null, "ADMIN"),
            new Call("POST", "/api/keys", "/api/keys", EMPTY, "ADMIN"),
            new Call("DELETE", "/api/keys/{id}", "/api/keys/987654321", null, "ADMIN"),
            new Call("GET", "/api/users", "/api/users", null, "ADMIN"),
            new Call("POST", "/api/users", "/api/users", EMPTY, "ADMIN"),
            new Call("DELETE", "/api/users/{username}", "/api/users/nobody-here", null, "ADMIN"),
            new Call("GET", "/api/audit", "/api/audit", null, "ADMIN"),
            new Call("GET", "/api/session", "/api/session", null, "VIEWER"),
            new Call("GET", null, "/api/openapi.json", null, "VIEWER"),
            new Call("GET", null, "/actuator/health", null, null),
            new Call("GET", null, "/actuator/health/liveness", null, null),
            new Call("GET", null, "/actuator/health/readiness", null, null),
            new Call("GET", null, "/actuator/info", null, "VIEWER"),
            new Call("GET", null, "/actuator/metrics", null, "VIEWER"),
            new Call("GET", null, "/actuator/prometheus", null, "VIEWER"));

    static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "ADMIN");

    @LocalServerPort
    int port;

    HubClient admin;

    @BeforeEach
    void connect() {
        admin = new HubClient(port);
    }

    @Test
    void everyCallAnswersAsItsRoleSays() {
        Map<String, HubClient> clients = new java.util.LinkedHashMap<>();
        clients.put("anonymous", admin.anonymous());
        for (String role : ROLES) {
            clients.put(role, admin.as(Keys.of(admin, role)));
        }
        List<String> wrong = new ArrayList<>();
        for (Call call : CALLS) {
            clients.forEach((who, client) -> {
                HubClient.Response response = client.send(call.method(), call.path(),
                        call.body() == null ? null : call.method().equals("PATCH") ? "application/merge-patch+json" : "application/json",
                        call.body() == null ? null : "{}", Map.of());
                String expected = expected(call, who);
                boolean right = switch (expected) {
                    case "401" -> response.status() == 401;
                    case "403" -> response.status() == 403;
                    default -> response.status() != 401 && response.status() != 403 && response.status() < 500;
                };
                if (!right) {
                    wrong.add(who + " " + call.method() + " " + call.path() + ": expected " + expected + ", got "
                            + response.status() + " " + response.text());
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRefusalSaysWhatIsMissingAsAProblemDocument() {
        HubClient.Response anonymous = admin.anonymous().get("/api/accounts");
        HubClient.Response viewer = admin.as(Keys.of(admin, "VIEWER")).post("/api/accounts/x/sync/orders", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("X-API-Key"));
        assertThat(anonymous.body().path("detail").asText()).contains("X-API-Key");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.body().path("detail").asText()).contains("OPERATOR");
    }

    @Test
    void anUnknownKeyIsRefusedEvenWhereNoRoleIsNeeded() {
        assertThat(admin.as("snc_not-a-key-at-all").get("/api/runs").status()).isEqualTo(401);
        assertThat(admin.as("").get("/api/runs").status()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        JsonNode made = Keys.made(admin, "OPERATOR");
        HubClient operator = admin.as(made.path("key").asText());
        assertThat(operator.get("/api/runs").status()).isEqualTo(200);

        HubClient.Response revoked = admin.delete("/api/keys/" + made.path("id").asLong());

        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.body().path("revokedAt").isNull()).isFalse();
        assertThat(operator.get("/api/runs").status()).isEqualTo(401);
        assertThat(operator.post("/api/erp/sync/partial", null).status()).isEqualTo(401);
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndItsLastUseIsKept() {
        JsonNode made = Keys.made(admin, "VIEWER");
        String key = made.path("key").asText();
        assertThat(key).startsWith("snc_").hasSizeGreaterThan(40);
        admin.as(key).get("/api/runs");

        HubClient.Response listed = admin.get("/api/keys");

        assertThat(listed.text()).doesNotContain(key);
        JsonNode entry = null;
        for (JsonNode k : listed.body()) {
            if (k.path("id").asLong() == made.path("id").asLong()) {
                entry = k;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("role").asText()).isEqualTo("VIEWER");
        assertThat(entry.path("prefix").asText()).isEqualTo(key.substring(0, 8));
        assertThat(entry.path("lastUsedAt").isNull()).isFalse();
        assertThat(entry.has("key")).isFalse();
    }

    @Test
    void theMatrixCoversEveryOperationOfTheOpenApiDocument() {
        JsonNode paths = admin.get("/api/openapi.json").body().path("paths");
        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> entries = paths.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> path = entries.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " "
                    + path.getKey()));
        }
        Set<String> inMatrix = new TreeSet<>();
        CALLS.stream().filter(c -> c.template() != null).forEach(c -> inMatrix.add(c.method() + " " + c.template()));

        assertThat(inMatrix).as("add every new API call to the matrix with the role it needs")
                .containsAll(documented);
    }

    private static String expected(Call call, String who) {
        if (call.role() == null) {
            return "answer";
        }
        if (who.equals("anonymous")) {
            return "401";
        }
        return ROLES.indexOf(who) >= ROLES.indexOf(call.role()) ? "answer" : "403";
    }
}
