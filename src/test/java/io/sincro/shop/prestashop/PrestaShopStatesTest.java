package io.sincro.shop.prestashop;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.sincro.shop.prestashop.PrestaShopWebservice.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state push-back to a PrestaShop shop over real HTTP: a state already current is never posted again
 * (the webservice has no duplicate guard), the state ids are the shop's own, and the tracking number's
 * "code 46" answer is read back instead of sent again.
 */
class PrestaShopStatesTest {

    static final String HISTORY_CREATED = "{\"order_history\":{\"id\":\"9001\",\"id_employee\":\"0\","
            + "\"id_order_state\":\"4\",\"id_order\":\"5120\",\"date_add\":\"2026-11-29 12:00:00\"}}";
    static final String CARRIER_ROW = "{\"order_carriers\":[{\"id\":4977,\"id_order\":\"5120\",\"id_carrier\":\"12\","
            + "\"id_order_invoice\":\"3301\",\"weight\":\"1.400000\",\"shipping_cost_tax_excl\":\"4.200000\","
            + "\"shipping_cost_tax_incl\":\"5.000000\",\"tracking_number\":\"%s\",\"date_add\":\"2026-11-29 10:12:03\"}]}";

    final PrestaShopWebservice shop = new PrestaShopWebservice();
    final PrestaShopClient client = PrestaShopWebservice.client();

    @AfterEach
    void stop() {
        shop.close();
    }

    PrestaShopStates states(Duration configurationTtl) {
        return new PrestaShopStates(client, new PrestaShopConfiguration(client, configurationTtl));
    }

    void orderIn(String state) {
        shop.answer("orders", "{\"orders\":[{\"id\":5120,\"current_state\":\"" + state + "\"}]}");
    }

    void stateFlags(String id, int paid, int shipped) {
        shop.answer("order_states", "{\"order_states\":[{\"id\":" + id + ",\"paid\":\"" + paid + "\",\"shipped\":\""
                + shipped + "\"}]}");
    }

    static ShopDocument deliveryNote(String tracking) {
        return new ShopDocument("5120", "XKBKNABJK", "BC+1+7/2026", "[sincro:BC+1+7/2026]", List.of(),
                tracking == null ? null : new ShopDocument.Tracking(tracking, "BRT"), "Delivery note BC+1+7/2026");
    }

    @Test
    void aStateAlreadyCurrentIsNotPostedAgain() {
        orderIn("6");

        StatePushed pushed = states(Duration.ofMinutes(10)).cancel(shop.account(), "5120", "XKBKNABJK");

        assertThat(pushed.shopDocumentId()).isNull();
        assertThat(pushed.result()).contains("already cancelled").contains("PS_OS_CANCELED = 6");
        assertThat(shop.requests("POST", "/api/order_histories")).isEmpty();
    }

    @Test
    void aStateThatDiffersIsPostedOnceAsAnOrderHistoryInXml() {
        orderIn("2");
        stateFlags("2", 1, 0);
        shop.stub(post(urlPathEqualTo("/api/order_histories")), 201, HISTORY_CREATED);

        StatePushed pushed = states(Duration.ofMinutes(10)).ship(shop.account(), deliveryNote(null));

        List<LoggedRequest> posts = shop.requests("POST", "/api/order_histories");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).getBodyAsString()).contains("<order_history><id_order>5120</id_order>"
                + "<id_order_state>4</id_order_state></order_history>");
        assertThat(posts.get(0).getHeader("Content-Type")).startsWith("application/xml");
        assertThat(query(posts.get(0), "sendemail")).isEqualTo("1");
        assertThat(pushed.shopDocumentId()).isEqualTo("9001");
        assertThat(pushed.result()).contains("shipped in the shop").contains("PS_OS_SHIPPING = 4")
                .contains("no tracking number");
    }

    @Test
    void stateIdsComeFromTheShopsConfigurationsAndAChangeThereIsFollowed() {
        shop.configurations(Map.of("PS_OS_SHIPPING", "17", "PS_OS_CANCELED", "6", "PS_OS_PAYMENT", "2",
                "PS_TIMEZONE", "Europe/Rome"));
        orderIn("2");
        stateFlags("2", 1, 0);
        shop.stub(post(urlPathEqualTo("/api/order_histories")), 201, HISTORY_CREATED);
        PrestaShopStates states = states(Duration.ZERO);

        states.ship(shop.account(), deliveryNote(null));
        shop.configurations(Map.of("PS_OS_SHIPPING", "18", "PS_OS_CANCELED", "6", "PS_OS_PAYMENT", "2",
                "PS_TIMEZONE", "Europe/Rome"));
        states.ship(shop.account(), deliveryNote(null));

        List<LoggedRequest> posts = shop.requests("POST", "/api/order_histories");
        assertThat(posts).extracting(LoggedRequest::getBodyAsString).satisfiesExactly(
                first -> assertThat(first).contains("<id_order_state>17</id_order_state>"),
                second -> assertThat(second).contains("<id_order_state>18</id_order_state>"));
        assertThat(query(shop.requests("GET", "/api/configurations").get(0), "filter[name]"))
                .contains("PS_OS_SHIPPING").contains("PS_OS_CANCELED").contains("PS_OS_PAYMENT");
    }

    @Test
    void theStateMappingOfTheAccountIsFollowedAndTheConfigurationReadOncePerAccount() {
        orderIn("2");
        stateFlags("2", 1, 0);
        shop.stub(post(urlPathEqualTo("/api/order_histories")), 201, HISTORY_CREATED);
        ShopAccount account = shop.account(new PrestaShopSettings(null, null, null,
                Map.of(PrestaShopSettings.SHIP, "PS_OS_DELIVERED"), false, null, null), ErpDocumentSettings.defaults(),
                50, null);
        shop.configurations(Map.of("PS_OS_DELIVERED", "5", "PS_OS_CANCELED", "6", "PS_OS_PAYMENT", "2"));
        PrestaShopStates states = states(Duration.ofMinutes(10));

        states.ship(account, deliveryNote(null));
        states.ship(account, deliveryNote(null));

        assertThat(shop.requests("POST", "/api/order_histories")).hasSize(2)
                .allSatisfy(post -> {
                    assertThat(post.getBodyAsString()).contains("<id_order_state>5</id_order_state>");
                    assertThat(query(post, "sendemail")).as("the account sends no e-mail").isNull();
                });
        assertThat(shop.requests("GET", "/api/configurations")).hasSize(1);
    }

    @Test
    void anInvoiceDoesNotMoveBackAnOrderTheShopAlreadyCountsAsPaid() {
        orderIn("4");
        stateFlags("4", 1, 1);

        StatePushed pushed = states(Duration.ofMinutes(10)).invoice(shop.account(), deliveryNote(null));

        assertThat(pushed.result()).contains("already invoiced").contains("counts as paid");
        assertThat(shop.requests("POST", "/api/order_histories")).isEmpty();
    }

    @Test
    void aStatePostWhoseAnswerIsLostIsCheckedByReadingTheOrderNotPostedAgain() {
        shop.server.stubFor(get(urlPathEqualTo("/api/orders")).inScenario("post").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"orders\":[{\"id\":5120,\"current_state\":\"2\"}]}")));
        shop.server.stubFor(get(urlPathEqualTo("/api/orders")).inScenario("post").whenScenarioStateIs("posted")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"orders\":[{\"id\":5120,\"current_state\":\"6\"}]}")));
        shop.server.stubFor(post(urlPathEqualTo("/api/order_histories")).inScenario("post")
                .willSetStateTo("posted").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(500).withBody("{\"errors\":[{\"code\":2,\"message\":\"Fatal error\"}]}")));

        StatePushed pushed = states(Duration.ofMinutes(10)).cancel(shop.account(), "5120", "XKBKNABJK");

        assertThat(pushed.result()).contains("cancelled in the shop").contains("answer was lost");
        assertThat(shop.requests("POST", "/api/order_histories")).hasSize(1);
    }

    @Test
    void theCode46TrackingAnswerIsReadBackAndCountedDoneNotSentAgain() {
        orderIn("4");
        stateFlags("4", 1, 1);
        shop.server.stubFor(get(urlPathEqualTo("/api/order_carriers")).inScenario("tracking")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(CARRIER_ROW.formatted(""))));
        shop.server.stubFor(get(urlPathEqualTo("/api/order_carriers")).inScenario("tracking").whenScenarioStateIs("saved")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        CARRIER_ROW.formatted("00340434161094042557"))));
        shop.server.stubFor(put(urlPathEqualTo("/api/order_carriers/4977")).inScenario("tracking").willSetStateTo("saved")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":46,\"message\":\"Unable to save resource\"}]}")));

        StatePushed pushed = states(Duration.ofMinutes(10)).ship(shop.account(), deliveryNote("00340434161094042557"));

        assertThat(pushed.result()).contains("already shipped").contains("tracking 00340434161094042557 set")
                .contains("code 46");
        List<LoggedRequest> puts = shop.requests("PUT", "/api/order_carriers/4977");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).getBodyAsString()).contains("<id>4977</id>").contains("<id_order>5120</id_order>")
                .contains("<tracking_number>00340434161094042557</tracking_number>");
    }

    @Test
    void aCode46WhoseNumberIsNotThereIsRetriedLater() {
        orderIn("4");
        stateFlags("4", 1, 1);
        shop.answer("order_carriers", CARRIER_ROW.formatted(""));
        shop.stub(put(urlPathEqualTo("/api/order_carriers/4977")), 500,
                "{\"errors\":[{\"code\":46,\"message\":\"Unable to save resource\"}]}");

        assertThatThrownBy(() -> states(Duration.ofMinutes(10)).ship(shop.account(), deliveryNote("ABC123")))
                .isInstanceOf(ShopException.Unavailable.class).hasMessageContaining("code 46");
    }

    @Test
    void aTrackingNumberAlreadyOnTheOrderIsNotSentAgain() {
        orderIn("4");
        stateFlags("4", 1, 1);
        shop.answer("order_carriers", CARRIER_ROW.formatted("ABC123"));

        StatePushed pushed = states(Duration.ofMinutes(10)).ship(shop.account(), deliveryNote("ABC123"));

        assertThat(pushed.result()).contains("tracking ABC123 already on the order");
        assertThat(shop.requests("PUT", "/api/order_carriers/4977")).isEmpty();
        assertThat(shop.requests("POST", "/api/order_histories")).isEmpty();
    }
}
