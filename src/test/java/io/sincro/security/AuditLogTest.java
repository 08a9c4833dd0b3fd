package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Every change and manual trigger is kept with who made it, what, on what, when and how it ended. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditLogTest {

    @LocalServerPort
    int port;

    HubClient admin;

    @BeforeEach
    void connect() {
        admin = new HubClient(port);
    }

    @Test
    void aManualTriggerIsAuditedWithItsPrincipalOperationTargetAndOutcome() {
        JsonNode key = Keys.made(admin, "OPERATOR");
        HubClient operator = admin.as(key.path("key").asText());
        String principal = "key:" + key.path("name").asText();
        Instant before = Instant.now().minusSeconds(1);

        assertThat(operator.post("/api/accounts/shop-gone/sync/orders", null).status()).isEqualTo(404);
        assertThat(operator.post("/api/erp/sync/partial", null).status()).isEqualTo(202);
        assertThat(operator.get("/api/runs").status()).isEqualTo(200);
        assertThat(operator.delete("/api/accounts/shop-gone").status()).isEqualTo(403);

        List<JsonNode> events = await().atMost(Duration.ofSeconds(10)).until(() -> events(principal, null),
                found -> found.size() == 3);
        assertThat(events.get(2).path("operation").asText()).isEqualTo("sync-orders");
        assertThat(events.get(2).path("method").asText()).isEqualTo("POST");
        assertThat(events.get(2).path("target").asText()).isEqualTo("shop-gone");
        assertThat(events.get(2).path("status").asInt()).isEqualTo(404);
        assertThat(Instant.parse(events.get(2).path("at").asText())).isAfter(before);
        assertThat(events.get(1).path("operation").asText()).isEqualTo("request-erp-sync");
        assertThat(events.get(1).path("target").asText()).isEqualTo("partial");
        assertThat(events.get(1).path("status").asInt()).isEqualTo(202);
        // refused for its role: kept too, so an ADMIN sees who tried
        assertThat(events.get(0).path("path").asText()).isEqualTo("/api/accounts/shop-gone");
        assertThat(events.get(0).path("status").asInt()).isEqualTo(403);
    }

    @Test
    void readsAndAnonymousCallsAreNotAudited() {
        JsonNode key = Keys.made(admin, "VIEWER");
        HubClient viewer = admin.as(key.path("key").asText());

        viewer.get("/api/runs");
        viewer.get("/api/accounts");
        admin.anonymous().post("/api/erp/sync/partial", null);

        assertThat(events("key:" + key.path("name").asText(), null)).isEmpty();
        assertThat(events("anonymous", null)).isEmpty();
    }

    @Test
    void anAuditEventNeverHoldsTheRequestBody() {
        String id = "audited-" + System.nanoTime();
        HubClient.Response created = admin.post("/api/accounts", Map.of("id", id, "name", "Audited",
                "platform", "MAGENTO", "baseUrl", "https://shop.example.it", "storeCode", "it",
                "credentials", Map.of("mode", "BEARER", "accessToken", "token-that-must-not-be-kept")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        HubClient.Response audit = await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/audit"),
                answer -> answer.text().contains("\"operation\":\"create-account\""));

        assertThat(audit.text()).doesNotContain("token-that-must-not-be-kept");
        assertThat(audit.text()).contains("\"principal\":\"key:bootstrap-admin\"");
    }

    @Test
    void theLogIsPagedAndFilteredBySince() {
        JsonNode key = Keys.made(admin, "OPERATOR");
        HubClient operator = admin.as(key.path("key").asText());
        String principal = "key:" + key.path("name").asText();
        for (int i = 0; i < 3; i++) {
            operator.post("/api/dead-letters/" + (900000 + i) + "/replay", null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events(principal, null).size() == 3);

        List<JsonNode> page = list(admin.get("/api/audit?principal=" + principal + "&limit=2&offset=1").body());

        assertThat(page).extracting(e -> e.path("target").asText()).containsExactly("900001", "900000");
        assertThat(events(principal, Instant.now().plusSeconds(60))).isEmpty();
        assertThat(admin.get("/api/audit?since=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/audit?limit=abc").status()).isEqualTo(400);
    }

    private List<JsonNode> events(String principal, Instant since) {
        HubClient.Response answer = admin.get("/api/audit?limit=1000&principal=" + principal
                + (since == null ? "" : "&since=" + since));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return list(answer.body());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
