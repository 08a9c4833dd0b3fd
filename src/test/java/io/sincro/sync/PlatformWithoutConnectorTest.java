package io.sincro.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sincro.HubClient;
import io.sincro.fulfilment.OrderFulfilment;
import io.sincro.fulfilment.PushRequest;
import io.sincro.fulfilment.StatePushBack;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.model.OrderState;
import io.sincro.shop.CatalogueConnector;
import io.sincro.shop.CustomerSource;
import io.sincro.shop.OrderSource;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopException;
import io.sincro.shop.StateChannel;
import io.sincro.store.OrderStates;
import io.sincro.store.Orders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * An account whose platform has no connector in this hub (a PRESTASHOP account before its connector is
 * built; here the hub is given every connector but PrestaShop's, so the test holds once it exists): every
 * flow refuses it with the reason, over the API as a 4xx and in a push as a permanent failure, never a
 * 500, and nothing is sent to the shop nor started.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PlatformWithoutConnectorTest {

    /** The hub's connectors, less PrestaShop's. */
    @TestConfiguration
    static class WithoutPrestaShop {

        @Bean
        @Primary
        ShopConnectors connectorsWithoutPrestaShop(List<OrderSource> orders, List<CustomerSource> customers,
                List<StateChannel> states, List<CatalogueConnector> catalogues) {
            return new ShopConnectors(orders.stream().filter(c -> c.platform() != Platform.PRESTASHOP).toList(),
                    customers.stream().filter(c -> c.platform() != Platform.PRESTASHOP).toList(),
                    states.stream().filter(c -> c.platform() != Platform.PRESTASHOP).toList(),
                    catalogues.stream().filter(c -> c.platform() != Platform.PRESTASHOP).toList());
        }
    }

    /** Where the account's shop would be: whatever reaches it is recorded. */
    static final WireMockServer shop = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final AtomicInteger sequence = new AtomicInteger();

    static {
        shop.start();
    }

    @AfterAll
    static void stopShop() {
        shop.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    OrderStates orderStates;
    @Autowired
    StatePushBack statePushBack;

    HubClient hub;
    String account;

    @BeforeEach
    void prestaShopAccount() {
        hub = new HubClient(port);
        account = "ps-" + sequence.incrementAndGet();
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", account, "name", "Negozio PrestaShop",
                "platform", "PRESTASHOP", "baseUrl", shop.baseUrl(), "storeCode", "1",
                "credentials", Map.of("webserviceKey", "PSWEBSERVICEKEY00000000000000001")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void anOrderSyncIsRefusedWithTheReasonAndNoRunStarts() {
        HubClient.Response refused = hub.post("/api/accounts/" + account + "/sync/orders", null);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asText())
                .isEqualTo("a PRESTASHOP account cannot read orders through the hub");
        assertThat(hub.get("/api/runs?account=" + account).body()).as("no run recorded").isEmpty();
        assertThat(shop.getAllServeEvents()).as("nothing sent to the shop").isEmpty();
    }

    @Test
    void aCustomerSyncIsRefusedWithTheReasonAndNoRunStarts() {
        HubClient.Response refused = hub.post("/api/accounts/" + account + "/sync/customers", null);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asText())
                .isEqualTo("a PRESTASHOP account cannot read customers through the hub");
        assertThat(hub.get("/api/runs?account=" + account).body()).as("no run recorded").isEmpty();
        assertThat(shop.getAllServeEvents()).isEmpty();
    }

    @Test
    void aHeldOrderIsNotRetriedAndKeepsItsHoldsWithTheReason() {
        long id = heldOrder();

        HubClient.Response refused = hub.post("/api/orders/" + id + "/retry", null);

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().path("detail").asText()).contains("could not be mapped again")
                .contains("a PRESTASHOP account cannot read orders through the hub").contains("stays held");
        Orders.StoredOrder after = orders.get(id).orElseThrow();
        assertThat(after.state()).isEqualTo(OrderState.HELD);
        assertThat(after.holds()).extracting(Hold::code).containsExactly(Hold.UNMAPPED_PAYMENT);
        assertThat(shop.getAllServeEvents()).isEmpty();
    }

    @Test
    void aStatePushFailsPermanentlyWithTheReason() {
        long id = heldOrder();
        orderStates.record(id, account, new OrderFulfilment.Derived(List.of(), List.of(new OrderFulfilment.ShopAction(
                OrderFulfilment.Action.CANCEL, "OC+1+9", Map.of(), null, null, null)), Set.of(), false), null);
        OrderStates.Push push = orderStates.pushes(id).get(0);

        assertThatThrownBy(() -> statePushBack.push(new PushRequest(push.id(), id, account, "CANCEL", "OC+1+9")))
                .isInstanceOf(ShopException.Rejected.class);

        OrderStates.Push failed = orderStates.push(push.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(OrderStates.PushState.FAILED);
        assertThat(failed.result()).isEqualTo("a PRESTASHOP account cannot receive order states through the hub");
        assertThat(shop.getAllServeEvents()).isEmpty();
    }

    /** A held order of the account, as an import would have stored it (with its shop payload). */
    private long heldOrder() {
        String shopOrderId = String.valueOf(100 + sequence.incrementAndGet());
        Instant now = Instant.now();
        Order order = new Order(account, shopOrderId, "PS" + shopOrderId, "2", now, now, "EUR",
                new OrderCustomer(null, "cliente@example.it", "Anna", "Rossi", null, null, null, null, null, null),
                null, null, List.of(new OrderLine("SKU-1", "Articolo", BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO,
                        new BigDecimal("22"), null)), List.of(), "ps_wirepayment", null, new BigDecimal("12.20"));
        return orders.insert(order, new Orders.Decision(OrderState.HELD, List.of(new Hold(Hold.UNMAPPED_PAYMENT,
                "payment method ps_wirepayment is not mapped")), null, null, null, Map.of(), null), null,
                "{\"id\":" + shopOrderId + "}");
    }
}
