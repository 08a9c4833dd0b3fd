package io.sincro.shop.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A PrestaShop account's order sync through the hub's flow (the order-sync route, its idempotent consumer,
 * the store) over real HTTP against the PrestaShop simulator: every order in the states the account imports
 * is stored once, and a second run, which starts at the boundary second and so reads its orders again,
 * imports none of them twice.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sincro.mail.enabled=false")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrestaShopOrderSyncTest {

    static final String KEY = "ORDERSYNCKEY00000000000000000042";
    static final PrestaShopSimulator simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)),
            SandboxPrestaShop.generate(7, 40, LocalDateTime.now(PrestaShopShop.SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS),
                    SandboxPrestaShop.StateIds.freshInstall()));

    @AfterAll
    static void stopShop() {
        simulator.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    ShopAccounts accounts;

    @Test
    void theBoundarySecondsOrdersAreReadAgainByTheNextRunAndImportedOnce() {
        HubClient hub = new HubClient(port);
        String account = "ps-sync";
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", account, "name", "PrestaShop",
                "platform", "PRESTASHOP", "baseUrl", simulator.baseUrl(), "credentials", Map.of("webserviceKey", KEY),
                "settings", Map.of("autoCodeArticles", true, "overlapMinutes", 0, "pageSize", 7,
                        "paymentMethods", Map.of("ps_wirepayment", "1", "ps_checkpayment", "2", "paypal", "3",
                                "ps_cashondelivery", "4")),
                "orderWatermark", Instant.now().minus(60, ChronoUnit.DAYS).toString()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Set<String> importStates = PrestaShopSettings.DEFAULT_IMPORT_STATES.stream()
                .map(key -> String.valueOf(simulator.shop().stateId(key))).collect(Collectors.toSet());
        long importable = simulator.shop().all("orders").stream()
                .filter(o -> importStates.contains(o.get("current_state"))).count();

        JsonNode first = sync(hub, account);
        Instant watermark = accounts.find(account).orElseThrow().orderWatermark();
        simulator.clearRequests();
        JsonNode second = sync(hub, account);

        assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(first.path("ordersImported").asInt() + first.path("ordersHeld").asInt()).isEqualTo((int) importable);
        assertThat(orders.find(account, null, 10_000, 0)).hasSize((int) importable);
        String lastSecond = PrestaShopOrderMapper.shopTime(watermark, PrestaShopShop.SHOP_ZONE);
        long atTheBoundary = simulator.shop().all("orders").stream()
                .filter(o -> importStates.contains(o.get("current_state")) && o.get("date_upd").equals(lastSecond)).count();
        assertThat(atTheBoundary).as("the shop's last second holds two orders").isGreaterThanOrEqualTo(2);
        assertThat(simulator.requests()).filteredOn(r -> r.method().equals("GET") && r.path().equals("/api/orders"))
                .first().satisfies(r -> assertThat(r.query().get("filter[date_upd]")).startsWith("[" + lastSecond + ","));
        assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("COMPLETED");
        assertThat(second.path("ordersRead").asInt()).as("read again").isEqualTo((int) atTheBoundary);
        assertThat(second.path("ordersImported").asInt() + second.path("ordersHeld").asInt()).as("imported once").isZero();
        assertThat(orders.find(account, null, 10_000, 0)).hasSize((int) importable);
    }

    private static JsonNode sync(HubClient hub, String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return hub.awaitRun(started.body().path("runId").asLong());
    }
}
