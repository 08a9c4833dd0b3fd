package io.sincro.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopConnectors;
import io.sincro.store.ShopAccounts;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * PrestaShop accounts over real HTTP and a real store: the webservice key is write-only and sealed at rest,
 * the prestashop settings are checked whole before anything is stored (400 naming each field, as every
 * account field is checked), and the
 * hub's connector for the platform calls the shop with the stored key.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PrestaShopAccountsTest {

    static final String KEY = "ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ";
    static final AtomicInteger sequence = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ShopAccounts accounts;
    @Autowired
    ShopConnectors connectors;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
    }

    Map<String, Object> prestashop(String id, String baseUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "PrestaShop IT");
        body.put("platform", "PRESTASHOP");
        body.put("baseUrl", baseUrl);
        body.put("credentials", Map.of("webserviceKey", KEY));
        body.put("settings", Map.of("paymentMethods", Map.of("ps_wirepayment", "BB"),
                "prestashop", Map.of("shopId", 1, "languageId", 2, "importStates", List.of("PS_OS_PAYMENT", "12"),
                        "stateMapping", Map.of("SHIP", "PS_OS_DELIVERED"))));
        return body;
    }

    @Test
    void theWebserviceKeyIsWriteOnlyAndSealedAtRest() {
        String id = "ps-" + sequence.incrementAndGet();

        HubClient.Response created = hub.post("/api/accounts", prestashop(id, "https://shop.example.it"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.text()).doesNotContain(KEY);
        JsonNode credentials = created.body().path("credentials");
        assertThat(credentials.path("mode").asText()).isEqualTo("WEBSERVICE");
        assertThat(credentials.path("accessTokenSet").asBoolean()).isTrue();
        JsonNode settings = hub.get("/api/accounts/" + id).body().path("settings").path("prestashop");
        assertThat(settings.path("languageId").asInt()).isEqualTo(2);
        assertThat(settings.path("importStates").toString()).isEqualTo("[\"PS_OS_PAYMENT\",\"12\"]");
        assertThat(settings.path("stateMapping").path("SHIP").asText()).isEqualTo("PS_OS_DELIVERED");
        assertThat(settings.path("stateMapping").path("CANCEL").asText()).as("the default kept").isEqualTo("PS_OS_CANCELED");
        assertThat(settings.path("stateMapping").path("INVOICE").asText()).isEqualTo("PS_OS_PAYMENT");
        String stored = jdbc.sql("SELECT access_token FROM shop_account WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(KEY);
        assertThat(accounts.find(id).orElseThrow().credentials().accessToken()).isEqualTo(KEY);
    }

    @Test
    void aShopIsNamedOnlyWhenTheAccountNamesItAndStaysSoInTheStore() {
        String named = "ps-" + sequence.incrementAndGet();
        Map<String, Object> multistore = prestashop(named, "https://shop.example.it");
        multistore.put("settings", Map.of("prestashop", Map.of("shopId", 2)));
        String unnamed = "ps-" + sequence.incrementAndGet();
        Map<String, Object> single = prestashop(unnamed, "https://shop.example.it");
        single.put("settings", Map.of("prestashop", Map.of("languageId", 1)));

        assertThat(hub.post("/api/accounts", multistore).status()).isEqualTo(201);
        assertThat(hub.post("/api/accounts", single).status()).isEqualTo(201);

        assertThat(accounts.find(named).orElseThrow().settings().prestashop().shopId()).isEqualTo(2);
        assertThat(accounts.find(named).orElseThrow().settings().prestashop().orderShop()).isEqualTo(2);
        // none named: no shop context on catalogue calls (read back from the store), orders of shop 1
        assertThat(accounts.find(unnamed).orElseThrow().settings().prestashop().shopId()).isNull();
        assertThat(accounts.find(unnamed).orElseThrow().settings().prestashop().orderShop()).isEqualTo(1);
    }

    @Test
    void wrongPrestaShopSettingsAreRefusedFieldByFieldAndNothingIsStored() {
        String id = "ps-" + sequence.incrementAndGet();
        Map<String, Object> body = prestashop(id, "https://shop.example.it");
        body.put("credentials", Map.of("webserviceKey", "too-short"));
        body.put("settings", Map.of("prestashop", Map.of("shopId", 0, "importStates", List.of("paid"),
                "stateMapping", Map.of("REFUND", "PS_OS_REFUND", "SHIP", "shipped"))));

        HubClient.Response refused = hub.post("/api/accounts", body);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().path("errors").toString())
                .contains("settings.prestashop.shopId").contains("settings.prestashop.importStates[0]")
                .contains("configuration key (PS_OS_PAYMENT) or its id")
                .contains("\"field\":\"settings.prestashop.stateMapping[REFUND]\",\"message\":\"must be CANCEL, SHIP or INVOICE\"")
                .contains("settings.prestashop.stateMapping[SHIP]");
        assertThat(hub.get("/api/accounts/" + id).status()).isEqualTo(404);

        body.put("settings", Map.of());
        HubClient.Response badKey = hub.post("/api/accounts", body);
        assertThat(badKey.status()).as(badKey.text()).isEqualTo(400);
        assertThat(badKey.body().path("errors").toString()).contains("credentials").contains("webservice key")
                .doesNotContain("too-short");

        body.put("credentials", Map.of("mode", "BEARER", "accessToken", KEY));
        HubClient.Response magentoWay = hub.post("/api/accounts", body);
        assertThat(magentoWay.status()).as(magentoWay.text()).isEqualTo(400);
        assertThat(magentoWay.body().path("errors").toString()).contains("credentials.mode").contains("must be WEBSERVICE");
        assertThat(hub.get("/api/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void aMagentoAccountCannotTakeAWebserviceKey() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "mg-" + sequence.incrementAndGet());
        body.put("name", "Magento");
        body.put("platform", "MAGENTO");
        body.put("baseUrl", "https://magento.example.it");
        body.put("credentials", Map.of("mode", "WEBSERVICE", "accessToken", KEY));

        HubClient.Response refused = hub.post("/api/accounts", body);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().path("errors").toString()).contains("credentials.mode").contains("OAUTH1 or BEARER");
    }

    @Test
    void aPutOfAPrestaShopAccountNeedsNoStoreCodeAndKeepsTheKey() {
        String id = "ps-" + sequence.incrementAndGet();
        assertThat(hub.post("/api/accounts", prestashop(id, "https://shop.example.it")).status()).isEqualTo(201);
        Map<String, Object> whole = prestashop(id, "https://shop.example.it");
        whole.remove("credentials");
        whole.put("name", "PrestaShop Italia");

        HubClient.Response replaced = hub.put("/api/accounts/" + id, whole);

        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.body().path("credentials").path("accessTokenSet").asBoolean()).isTrue();
        assertThat(accounts.find(id).orElseThrow().credentials().accessToken()).isEqualTo(KEY);
    }

    @Test
    void theHubsPrestaShopConnectorCallsTheShopWithTheStoredKey() {
        var shop = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
        shop.start();
        try {
            shop.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/configurations"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            "{\"configurations\":[{\"name\":\"PS_OS_PAYMENT\",\"value\":\"2\",\"id_shop\":\"\"}]}")));
            shop.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/orders"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));
            String id = "ps-" + sequence.incrementAndGet();
            assertThat(hub.post("/api/accounts", prestashop(id, shop.baseUrl())).status()).isEqualTo(201);

            List<?> page = connectors.orders(Platform.PRESTASHOP)
                    .nextPage(new OrderPoll(accounts.find(id).orElseThrow(), Instant.parse("2026-11-29T09:00:00Z")));

            assertThat(page).isEmpty();
            assertThat(shop.getAllServeEvents()).isNotEmpty().allSatisfy(event -> assertThat(
                    event.getRequest().getHeader("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString((KEY + ":").getBytes())));
            assertThat(connectors.states(Platform.PRESTASHOP).platform()).isEqualTo(Platform.PRESTASHOP);
            assertThat(connectors.customers(Platform.PRESTASHOP).platform()).isEqualTo(Platform.PRESTASHOP);
        } finally {
            shop.stop();
        }
    }
}
