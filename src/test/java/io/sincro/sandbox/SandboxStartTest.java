package io.sincro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sincro.HubClient;
import io.sincro.model.OrderState;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopConnectors;
import io.sincro.store.ShopAccounts;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import io.sincro.sync.PartialErpSync;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's first command: the sandbox profile alone shows shop orders flowing into the ERP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.mail.enabled=false", "sincro.sandbox.magento.orders=120",
                "sincro.sandbox.erp.data-file=target/sandbox-erp-${random.uuid}.jsonl"})
@ActiveProfiles({"test", "sandbox"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SandboxStartTest {

    /** The sandbox ERP listens on a configured port (19104 by default): here a free one, as builds may run side by side. */
    @DynamicPropertySource
    static void erpPort(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            registry.add("sincro.sandbox.erp.port", () -> port);
        }
    }

    @Autowired
    SyncRuns runs;
    @Autowired
    Orders orders;
    @Autowired
    ErpSimulator erp;
    @Autowired
    MagentoSimulator magento;
    @Autowired
    PrestaShopSimulator prestaShop;
    @Autowired
    ShopConnectors connectors;
    @Autowired
    ShopAccounts accounts;
    @LocalServerPort
    int port;

    @Test
    void aPrestaShopShopRunsBesideTheMagentoOneWithAnAccountOnceTheHubHasAPrestaShopConnector() throws Exception {
        assertThat(prestaShop.shop().all("orders")).isNotEmpty();
        var unauthenticated = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(prestaShop.baseUrl() + "/api/orders")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        var account = accounts.find(SandboxConfiguration.PRESTASHOP_ACCOUNT_ID);
        if (connectors.canReadOrders(Platform.PRESTASHOP)) {
            assertThat(account).hasValueSatisfying(a -> {
                assertThat(a.platform()).isEqualTo(Platform.PRESTASHOP);
                assertThat(a.baseUrl()).isEqualTo(prestaShop.baseUrl());
            });
        } else {
            assertThat(account).isEmpty();
        }
    }

    @Test
    void theSandboxAccountImportsItsShopsOrdersAtStartAndTheyReachTheSandboxErp() {
        SyncRuns.SyncRun run = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(SandboxConfiguration.ACCOUNT_ID, 50).stream()
                        .filter(r -> r.trigger().equals("SANDBOX_START")).findFirst().orElse(null),
                        r -> r != null && r.state() != SyncRuns.State.RUNNING);
        // the partial ERP sync the run handed its pages to as it read them (or, had the hourly schedule started
        // one first, the one that followed it)
        SyncRuns.SyncRun partial = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(null, 50).stream().filter(r -> r.kind().equals(PartialErpSync.LOCK_KIND))
                        .toList(), partials -> partials.stream().noneMatch(r -> r.state() == SyncRuns.State.RUNNING)
                        && partials.stream().anyMatch(r -> r.trigger().equals("ORDER_SYNC " + run.id())))
                .stream().filter(r -> r.trigger().equals("ORDER_SYNC " + run.id())).findFirst().orElseThrow();

        assertThat(run.state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(run.ordersImported()).isPositive();
        assertThat(partial.state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.STORED)).isEqualTo(run.ordersImported());
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.HELD)).isEqualTo(run.ordersHeld());
        // the sandbox PrestaShop account's orders reach the same ERP: count the Magento account's
        assertThat(erp.orders()).filteredOn(o -> o.path("nota").asText().contains("[sincro:" + SandboxConfiguration.ACCOUNT_ID + ":"))
                .hasSize(run.ordersImported());
    }

    @Test
    void anOrderDeliveredInTheSandboxErpIsShippedInTheSandboxShopByTheNextDeltaSync() {
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.list(null, 20).stream()
                .noneMatch(r -> r.state() == SyncRuns.State.RUNNING) && orders.count(SandboxConfiguration.ACCOUNT_ID,
                OrderState.STORED) > 0);
        // the README's walkthrough calls the sandbox with its documented development key
        HubClient hub = new HubClient(port).as("sincro-sandbox-admin-key");
        Orders.StoredOrder order = orders.find(SandboxConfiguration.ACCOUNT_ID, OrderState.STORED, 1000, 0).stream()
                .filter(o -> magento.shop().order(Long.parseLong(o.shopOrderId())).path("state").asText().equals("new"))
                .findFirst().orElseThrow();

        HubClient.Response delivered = hub.post("/api/sandbox/erp/orders/" + order.erpKey() + "/deliver", null);
        assertThat(delivered.status()).as(delivered.text()).isEqualTo(200);
        assertThat(delivered.body().path("deliveryNote").asText()).startsWith("BC+");
        HubClient.Response sync = hub.post("/api/erp/sync/delta", null);
        assertThat(sync.status()).as(sync.text()).isEqualTo(202);
        long runId = sync.body().path("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.get(runId).orElseThrow().state() != SyncRuns.State.RUNNING);

        assertThat(runs.get(runId).orElseThrow().state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(magento.shipments(Long.parseLong(order.shopOrderId()))).singleElement()
                .satisfies(s -> assertThat(s.path("tracks").get(0).path("track_number").asText())
                        .isEqualTo("SANDBOX-" + order.erpKey().replace('+', '-')));
        assertThat(hub.post("/api/sandbox/erp/orders/" + order.erpKey() + "/fly", null).status()).isEqualTo(404);
    }
}
