package io.sincro.sandbox.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated webservice answers reads and writes as PrestaShop's does (contracts/prestashop-8.json). */
class PrestaShopSimulatorTest {

    static final String KEY = "SANDBOXKEY0123456789ABCDEFGHIJKL";
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 30, 10, 0, 0);

    PrestaShopSimulator simulator;
    PrestaShopTestClient client;

    @BeforeEach
    void start() {
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)),
                SandboxPrestaShop.generate(7, 12, NOW, SandboxPrestaShop.StateIds.freshInstall()));
        client = new PrestaShopTestClient(simulator.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void ordersChangedInAWindowArePagedInDateUpdThenIdOrderWithBothBoundsInclusive() {
        List<Long> ids = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (int offset = 0; ; offset += 5) {
            var answer = client.get("/api/orders?output_format=JSON&display=full&date=1"
                    + "&filter[date_upd]=[2026-11-01 00:00:00,2026-11-30 10:00:00]&sort=[date_upd_ASC,id_ASC]&limit=" + offset + ",5");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.json();
            if (body.isArray()) {
                assertThat(body).isEmpty(); // PrestaShop's empty list is a bare []
                break;
            }
            body.path("orders").forEach(o -> {
                ids.add(o.path("id").asLong());
                dates.add(o.path("date_upd").asText());
                assertThat(o.path("associations").path("order_rows")).isNotEmpty();
            });
        }
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(dates).isSorted();
        assertThat(dates.get(10)).isEqualTo(dates.get(11)).isEqualTo("2026-11-30 10:00:00");
        assertThat(ids.get(10)).isLessThan(ids.get(11));
    }

    @Test
    void aDateFilterWithoutDateOneIsRefusedWithCode32() {
        var answer = client.deliberate().get("/api/orders?output_format=JSON&filter[date_upd]=[2026-11-01 00:00:00,2026-11-30 10:00:00]");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("code").asInt()).isEqualTo(32);
    }

    @Test
    void withoutTheKeyTheAnswerIs401WithCode16AndARealm() {
        var answer = client.deliberate().withKey(null).get("/api/orders");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(answer.body()).contains("<code><![CDATA[16]]></code>");
    }

    @Test
    void aKeyWithoutAResourceGets401Code26AndWithoutAMethod405Code25() {
        simulator.addKey(WebserviceKey.of("READONLYKEY0123456789ABCDEFGHIJK", Map.of("orders", Set.of("GET"))));
        var limited = client.deliberate().withKey("READONLYKEY0123456789ABCDEFGHIJK");
        var customers = limited.get("/api/customers?output_format=JSON");
        assertThat(customers.status()).isEqualTo(401);
        assertThat(customers.json().path("errors").get(0).path("code").asInt()).isEqualTo(26);
        var put = limited.send("PUT", "/api/orders/1", "<prestashop><order><id>1</id></order></prestashop>");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.body()).contains("[CDATA[25]]");
    }

    @Test
    void aKeyNotAssociatedWithTheShopGets403Code132() {
        simulator.addKey(PrestaShopSimulator.fullKey("OTHERSHOPKEY0123456789ABCDEFGHIJ").onShops(2L));
        var other = client.deliberate().withKey("OTHERSHOPKEY0123456789ABCDEFGHIJ");
        var answer = other.get("/api/orders?output_format=JSON");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("errors").get(0).path("code").asInt()).isEqualTo(132);
        assertThat(other.get("/api/orders?output_format=JSON&id_shop=2").status()).isEqualTo(200);
    }

    @Test
    void stateIdsComeFromConfigurationsAndAHistoryPostChangesTheOrderEachTimeItIsSent() {
        var shop = SandboxPrestaShop.generate(7, 3, NOW, SandboxPrestaShop.StateIds.shifted(20));
        simulator.close();
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)), shop);
        client = new PrestaShopTestClient(simulator.baseUrl(), KEY);
        JsonNode config = client.get("/api/configurations?output_format=JSON&display=[name,value]"
                + "&filter[name]=[PS_OS_SHIPPING|PS_OS_CANCELED]").json();
        assertThat(config.path("configurations")).hasSize(2);
        long shipped = shop.stateId("PS_OS_SHIPPING");
        assertThat(shipped).isEqualTo(24);
        String xml = "<prestashop><order_history><id_order>1</id_order><id_order_state>" + shipped
                + "</id_order_state></order_history></prestashop>";
        var first = client.send("POST", "/api/order_histories?sendemail=1", xml);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body()).contains("<id_order_state xlink:href=").contains("[CDATA[" + shipped + "]]");
        assertThat(client.send("POST", "/api/order_histories", xml).status()).isEqualTo(201);
        assertThat(shop.order(1).get("current_state")).isEqualTo(String.valueOf(shipped));
        assertThat(shop.orderHistories(1)).hasSize(3); // the first one the order was placed with, and both posts
    }

    @Test
    void theTrackingNumberIsSavedEvenWhenTheCarrierMailFailsWithCode46() {
        WsRow carrier = simulator.shop().orderCarrier(2);
        simulator.carrierMailFails(1);
        String xml = "<prestashop><order_carrier><id>" + carrier.id() + "</id><id_order>2</id_order><id_carrier>"
                + carrier.get("id_carrier") + "</id_carrier><tracking_number>00340434161094042557</tracking_number>"
                + "</order_carrier></prestashop>";
        var answer = client.send("PUT", "/api/order_carriers/" + carrier.id() + "?sendemail=1", xml);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).contains("[CDATA[46]]").contains("Unable to save resource");
        assertThat(simulator.shop().orderCarrier(2).get("tracking_number")).isEqualTo("00340434161094042557");
        JsonNode order = client.get("/api/orders/2?output_format=JSON&display=[id,shipping_number]").json();
        assertThat(order.path("order").path("shipping_number").asText()).isEqualTo("00340434161094042557");
    }

    @Test
    void aReadOnlyProductFieldIsRefusedWithCode93AndStockHasNoPost() {
        long product = simulator.shop().productByReference("MUG-001").orElseThrow().id();
        var put = client.deliberate().send("PATCH", "/api/products/" + product,
                "<prestashop><product><id>" + product + "</id><quantity>5</quantity></product></prestashop>");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body()).contains("[CDATA[93]]");
        var post = client.deliberate().send("POST", "/api/stock_availables",
                "<prestashop><stock_available><id_product>1</id_product></stock_available></prestashop>");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.body()).contains("[CDATA[101]]");
    }
}
