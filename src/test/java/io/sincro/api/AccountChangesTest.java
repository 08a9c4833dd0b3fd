package io.sincro.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.TestSecrets;
import io.sincro.sandbox.SandboxConfiguration;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Changing an account over real HTTP: PUT replaces it whole and refuses to drop what it was not told
 * to, PATCH (JSON Merge Patch) changes only what it sends, and a shop's token never follows a change of
 * the account's address to another server.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountChangesTest {

    static final MagentoSimulator oldShop = MagentoSimulator.start(0, "it", new MagentoSimulator.Credentials("ck",
            "cs", TestSecrets.OLD_SHOP_TOKEN, "ats", true), SandboxShop.generate(3, 5,
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    /** The caller's server: whatever reaches it is recorded. */
    static final MagentoSimulator otherServer = MagentoSimulator.start(0, "it", new MagentoSimulator.Credentials("ck",
            "cs", TestSecrets.NEW_SHOP_TOKEN, "ats", true), SandboxShop.generate(4, 5,
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    static final AtomicInteger sequence = new AtomicInteger();

    @AfterAll
    static void stopShops() {
        oldShop.close();
        otherServer.close();
    }

    @LocalServerPort
    int port;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        oldShop.clearRequests();
        otherServer.clearRequests();
    }

    @Test
    void aChangedAddressClearsTheStoredTokenSoTheNewServerNeverReceivesIt() {
        String account = account();
        Map<String, Object> whole = whole(account);
        whole.put("baseUrl", otherServer.baseUrl());

        HubClient.Response moved = hub.put("/api/accounts/" + account, whole);
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.body().path("credentials").path("accessTokenSet").asBoolean())
                .as("the old shop's token stays behind").isFalse();

        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());
        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("message").asText()).contains("no usable credentials");
        assertThat(otherServer.requests()).as("nothing was sent to the new address without its own credentials")
                .isEmpty();
        assertThat(oldShop.requests()).isEmpty();

        HubClient.Response withItsOwn = hub.patch("/api/accounts/" + account, Map.of("credentials",
                Map.of("mode", "BEARER", "accessToken", TestSecrets.NEW_SHOP_TOKEN)));
        assertThat(withItsOwn.status()).as(withItsOwn.text()).isEqualTo(200);
        JsonNode second = hub.awaitRun(hub.post("/api/accounts/" + account + "/sync/orders", null).body()
                .path("runId").asLong());
        assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("COMPLETED");
        assertThat(otherServer.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization())
                .isEqualTo("Bearer " + TestSecrets.NEW_SHOP_TOKEN));
    }

    @Test
    void aPatchOfTheAddressWithNewCredentialsKeepsOnlyTheNewOnes() {
        String account = account();
        HubClient.Response partial = hub.patch("/api/accounts/" + account, Map.of("baseUrl", otherServer.baseUrl(),
                "credentials", Map.of("mode", "OAUTH1", "accessToken", TestSecrets.NEW_SHOP_TOKEN)));
        assertThat(partial.status()).as("OAuth needs all four, and none of the old shop's are kept").isEqualTo(400);
        assertThat(partial.body().path("errors").get(0).path("field").asText()).isEqualTo("credentials");
        assertThat(partial.body().path("detail").asText()).contains("stay with the old shop");
        assertThat(hub.get("/api/accounts/" + account).body().path("baseUrl").asText())
                .as("a refused change changes nothing").isEqualTo(oldShop.baseUrl());
    }

    @Test
    void aPutThatWouldDropTheAccountsTablesIsRefusedUnlessItEmptiesThemExplicitly() {
        String account = account();
        Map<String, Object> wiping = whole(account);
        wiping.put("settings", Map.of());

        HubClient.Response refused = hub.put("/api/accounts/" + account, wiping);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(BadInputCorpusTest.fields(refused.body())).contains("settings.paymentMethods", "settings.carriers",
                "settings.autoCodeArticles", "settings.defaultCarrier");
        JsonNode kept = hub.get("/api/accounts/" + account).body();
        assertThat(kept.path("settings").path("paymentMethods").size()).isPositive();

        HubClient.Response missing = hub.put("/api/accounts/" + account, Map.of("settings", kept.path("settings")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(BadInputCorpusTest.fields(missing.body())).contains("name", "platform", "baseUrl", "storeCode");

        Map<String, Object> explicit = whole(account);
        explicit.put("settings", Map.of("paymentMethods", Map.of(), "carriers", Map.of(), "autoCodeArticles", false,
                "defaultCarrier", "1", "erp", Map.of(), "importStatuses", List.of("processing")));
        HubClient.Response cleared = hub.put("/api/accounts/" + account, explicit);
        assertThat(cleared.status()).as(cleared.text()).isEqualTo(200);
        assertThat(cleared.body().path("settings").path("paymentMethods").size()).isZero();
        assertThat(cleared.body().path("settings").path("importStatuses").toString()).isEqualTo("[\"processing\"]");
        assertThat(cleared.body().path("credentials").path("accessTokenSet").asBoolean())
                .as("same shop: the secrets left out are kept").isTrue();
    }

    @Test
    void aMergePatchChangesOnlyWhatItSends() {
        String account = account();
        JsonNode before = hub.get("/api/accounts/" + account).body();
        Map<String, Object> methods = new HashMap<>();
        methods.put("paypal_express", "7");
        methods.put("checkmo", null);

        HubClient.Response patched = hub.patch("/api/accounts/" + account, Map.of("name", "Renamed",
                "settings", Map.of("pageSize", 50, "paymentMethods", methods)));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode after = patched.body();
        assertThat(after.path("name").asText()).isEqualTo("Renamed");
        assertThat(after.path("settings").path("pageSize").asInt()).isEqualTo(50);
        assertThat(after.path("settings").path("paymentMethods").path("paypal_express").asText()).isEqualTo("7");
        assertThat(after.path("settings").path("paymentMethods").has("checkmo")).as("null removes").isFalse();
        com.fasterxml.jackson.databind.node.ObjectNode expected =
                (com.fasterxml.jackson.databind.node.ObjectNode) before.path("settings").path("paymentMethods").deepCopy();
        expected.remove("checkmo");
        expected.put("paypal_express", "7");
        assertThat(after.path("settings").path("paymentMethods")).as("the rest of the table is kept")
                .isEqualTo(expected);
        assertThat(after.path("settings").path("carriers")).isEqualTo(before.path("settings").path("carriers"));
        assertThat(after.path("baseUrl")).isEqualTo(before.path("baseUrl"));
        assertThat(after.path("credentials").path("accessTokenSet").asBoolean()).isTrue();

        HubClient.Response asJson = hub.raw("PATCH", "/api/accounts/" + account, "application/json", "{\"name\":\"X\"}");
        assertThat(asJson.status()).as("a merge patch says so").isEqualTo(415);
        HubClient.Response otherId = hub.patch("/api/accounts/" + account, Map.of("id", "someone-else"));
        assertThat(otherId.status()).isEqualTo(400);
        assertThat(hub.get("/api/accounts/" + account).body().path("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void aStorefrontAccountWithoutAnAddressIsPatchedToo() {
        String id = "storefront-" + sequence.incrementAndGet();
        assertThat(hub.post("/api/accounts", Map.of("id", id, "name", "Negozio", "platform", "STOREFRONT")).status())
                .isEqualTo(201);

        HubClient.Response patched = hub.patch("/api/accounts/" + id, Map.of("settings",
                Map.of("notifyEmails", List.of("ordini@example.it"))));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.body().path("settings").path("notifyEmails").get(0).asText()).isEqualTo("ordini@example.it");
        assertThat(patched.body().path("name").asText()).isEqualTo("Negozio");
    }

    String account() {
        String id = "changes-" + sequence.incrementAndGet();
        var sandbox = SandboxConfiguration.settings();
        Map<String, Object> settings = new HashMap<>();
        settings.put("autoCodeArticles", true);
        settings.put("paymentMethods", sandbox.paymentMethods());
        settings.put("carriers", sandbox.carriers());
        settings.put("defaultCarrier", "1");
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", id, "name", "Shop " + id,
                "platform", "MAGENTO", "baseUrl", oldShop.baseUrl(), "storeCode", oldShop.storeCode(),
                "credentials", Map.of("mode", "BEARER", "accessToken", TestSecrets.OLD_SHOP_TOKEN), "settings", settings));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    /** The account as a PUT must send it: every member, settings as they are, no secrets. */
    Map<String, Object> whole(String account) {
        JsonNode now = hub.get("/api/accounts/" + account).body();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", now.path("name").asText());
        body.put("platform", now.path("platform").asText());
        body.put("baseUrl", now.path("baseUrl").asText());
        body.put("storeCode", now.path("storeCode").asText());
        body.put("settings", now.path("settings"));
        return body;
    }
}
