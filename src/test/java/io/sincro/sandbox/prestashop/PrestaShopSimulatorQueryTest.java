package io.sincro.sandbox.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webservice's list grammar and its refusals, as WebserviceRequest::manageFilters and SQLUtils define them. */
class PrestaShopSimulatorQueryTest {

    static final String KEY = "QUERYKEY000123456789ABCDEFGHIJKL";

    PrestaShopSimulator simulator;
    PrestaShopTestClient client;

    @BeforeEach
    void start() {
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)),
                SandboxPrestaShop.generate(11, 10, LocalDateTime.of(2026, 11, 30, 10, 0), SandboxPrestaShop.StateIds.freshInstall()));
        client = new PrestaShopTestClient(simulator.baseUrl(), KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void withoutDisplayAListGivesIdsOnlyAndOneObjectEveryField() {
        String ids = client.get("/api/orders?limit=2").body();
        assertThat(ids).contains("<order id=\"1\" xlink:href=\"" + simulator.baseUrl() + "/api/orders/1\"/>")
                .doesNotContain("<reference>");
        JsonNode one = client.get("/api/orders/1?output_format=JSON").json().path("order");
        assertThat(one.path("id").isNumber()).isTrue();
        assertThat(one.path("total_paid_tax_incl").isTextual()).isTrue();
        assertThat(one.has("current_state")).isTrue();
    }

    @Test
    void xmlIsTheDefaultAndTheOutputFormatHeaderChoosesJson() {
        var xml = client.get("/api/carriers?display=[id,name]");
        assertThat(xml.body()).startsWith("<?xml");
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(xml.headers().firstValue("PSWS-Version")).hasValue(PrestaShopSimulator.VERSION);
        var json = client.send("GET", "/api/carriers?display=[id,name]", null, "Output-Format", "JSON");
        assertThat(json.json().path("carriers")).hasSize(4);
    }

    @Test
    void displayNamesOnlyTheFieldsAsked() {
        JsonNode orders = client.get("/api/orders?output_format=JSON&display=[id,reference,order_rows[product_reference]]&limit=1").json();
        JsonNode first = orders.path("orders").get(0);
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "reference", "associations");
        assertThat(first.path("associations").path("order_rows").get(0).size()).isEqualTo(1);
    }

    @Test
    void alternativesLikeAndStrictComparisonsFilterAsSqlDoes() {
        JsonNode alternatives = client.get("/api/orders?output_format=JSON&display=[id]&filter[id]=[2|5|7]").json();
        assertThat(alternatives.path("orders").findValuesAsText("id")).containsExactly("2", "5", "7");
        JsonNode above = client.get("/api/orders?output_format=JSON&display=[id]&filter[id]=>[8]").json();
        assertThat(above.path("orders").findValuesAsText("id")).containsExactly("9", "10");
        JsonNode not = client.get("/api/orders?output_format=JSON&display=[id]&filter[id]=![1|2|3|4|5|6|7|8]").json();
        assertThat(not.path("orders").findValuesAsText("id")).containsExactly("9", "10");
        String reference = simulator.shop().productByReference("MUG-001").orElseThrow().get("reference");
        JsonNode like = client.get("/api/products?output_format=JSON&display=[reference]&filter[reference]=%[mug]%").json();
        assertThat(like.path("products").findValuesAsText("reference")).containsExactly(reference);
    }

    @Test
    void aDateOnlyUpperBoundMissesTheOrdersOfThatDayAsPrestaShopDoes() {
        JsonNode dateOnly = client.deliberate().get("/api/orders?output_format=JSON&display=[id]&date=1&filter[date_upd]=[2026-11-01,2026-11-30]").json();
        JsonNode full = client.get("/api/orders?output_format=JSON&display=[id]&date=1"
                + "&filter[date_upd]=[2026-11-01 00:00:00,2026-11-30 23:59:59]").json();
        assertThat(dateOnly.isArray()).isTrue(); // every order was changed on the 30th: none, the bare []
        assertThat(full.path("orders")).hasSize(10);
    }

    @Test
    void aBlankSchemaIsTheEmptyObjectToFill() {
        String blank = client.get("/api/order_histories?schema=blank").body();
        assertThat(blank).contains("<order_history>").contains("<id><![CDATA[]]></id>").contains("<id_order_state><![CDATA[]]></id_order_state>");
    }

    @Test
    void sortDescendingAndAnOffsetLimit() {
        JsonNode page = client.get("/api/orders?output_format=JSON&display=[id]&sort=[id_DESC]&limit=2,3").json();
        assertThat(page.path("orders").findValuesAsText("id")).containsExactly("8", "7", "6");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = ';', value = {
        "/api/orders?sort=date_upd;400;37",
        "/api/orders?sort=[colour_ASC];400;38",
        "/api/orders?sort=[date_upd_ASC];400;38",
        "/api/orders?limit=1,2,3;400;39",
        "/api/orders?display=[colour];400;35",
        "/api/orders?display=id;400;36",
        "/api/orders?filter[reference]=;400;33",
        "/api/orders?filter[shipping_number]=[1];400;34",
        "/api/orders?filter[colour]=[red];400;32",
        "/api/orders?schema=nothing;400;28",
        "/api/order;400;27",
    })
    void aMalformedListRequestIsRefusedWithPrestaShopsCode(String request, int status, int code) {
        var answer = client.deliberate().get(request + (request.contains("?") ? "&" : "?") + "output_format=JSON");
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("errors").get(0).path("code").asInt()).isEqualTo(code);
    }

    @Test
    void aMissingObjectIsABare404AndAWrongKeyNamesWhy() {
        var missing = client.get("/api/orders/999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        var shortKey = client.deliberate().withKey("short").get("/api/orders?output_format=JSON");
        assertThat(shortKey.status()).isEqualTo(401);
        assertThat(shortKey.json().path("errors").get(0).path("code").asInt()).isEqualTo(18);
        var unknown = client.deliberate().withKey("UNKNOWNKEY0123456789ABCDEFGHIJKL").get("/api/orders?output_format=JSON");
        assertThat(unknown.json().path("errors").findValuesAsText("code")).containsExactly("20", "21");
    }

    @Test
    void putEmptiesTheFieldsItDoesNotSendAndPatchKeepsThem() {
        WsRow carrier = simulator.shop().orderCarrier(3);
        assertThat(carrier.get("weight")).isNotEmpty();
        client.send("PATCH", "/api/order_carriers/" + carrier.id(), "<prestashop><order_carrier><id>" + carrier.id()
                + "</id><tracking_number>TRK1</tracking_number></order_carrier></prestashop>");
        assertThat(simulator.shop().orderCarrier(3).get("weight")).isEqualTo(carrier.get("weight"));
        var put = client.send("PUT", "/api/order_carriers/" + carrier.id(), "<prestashop><order_carrier><id>" + carrier.id()
                + "</id><id_order>3</id_order><id_carrier>" + carrier.get("id_carrier")
                + "</id_carrier><tracking_number>TRK2</tracking_number></order_carrier></prestashop>");
        assertThat(put.status()).isEqualTo(200);
        assertThat(simulator.shop().orderCarrier(3).get("weight")).isEmpty();
        assertThat(simulator.shop().orderCarrier(3).get("tracking_number")).isEqualTo("TRK2");
    }

    @Test
    void aTrackingNumberOutsideItsFormatIsAValidationError() {
        WsRow carrier = simulator.shop().orderCarrier(3);
        var answer = client.send("PATCH", "/api/order_carriers/" + carrier.id() + "?output_format=JSON",
                "<prestashop><order_carrier><id>" + carrier.id() + "</id><tracking_number>a&lt;b</tracking_number></order_carrier></prestashop>");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("code").asInt()).isEqualTo(85);
        assertThat(answer.json().path("errors").get(0).path("message").asText()).contains("OrderCarrier->tracking_number");
    }

    @Test
    void aStockPutChangesTheQuantityTheProductShows() {
        WsRow product = simulator.shop().productByReference("OLIO-EVO-1L").orElseThrow();
        WsRow stock = simulator.shop().stockAvailable(product.id()).orElseThrow();
        var put = client.send("PUT", "/api/stock_availables/" + stock.id(), "<prestashop><stock_available><id>" + stock.id()
                + "</id><id_product>" + product.id() + "</id_product><id_product_attribute>0</id_product_attribute>"
                + "<id_shop>1</id_shop><id_shop_group>0</id_shop_group><quantity>17</quantity><depends_on_stock>0</depends_on_stock>"
                + "<out_of_stock>2</out_of_stock><location></location></stock_available></prestashop>");
        assertThat(put.status()).isEqualTo(200);
        JsonNode shown = client.get("/api/products/" + product.id() + "?output_format=JSON&display=[id,quantity]").json();
        assertThat(shown.path("product").path("quantity").asText()).isEqualTo("17");
    }

    @Test
    void injectedFaultsFailTheCallsTheyName() {
        simulator.failOrderListCall(2, 1, 503);
        assertThat(client.get("/api/orders?display=[id]").status()).isEqualTo(200);
        assertThat(client.get("/api/orders?display=[id]").status()).isEqualTo(503);
        assertThat(client.get("/api/orders?display=[id]").status()).isEqualTo(200);

        String history = "<prestashop><order_history><id_order>4</id_order><id_order_state>4</id_order_state></order_history></prestashop>";
        simulator.failNextWrites(1, 500);
        assertThat(client.send("POST", "/api/order_histories", history).status()).isEqualTo(500);
        assertThat(simulator.shop().order(4).get("current_state")).isNotEqualTo("4");
        simulator.failAfterCommit(1, 504);
        assertThat(client.send("POST", "/api/order_histories", history).status()).isEqualTo(504);
        assertThat(simulator.shop().order(4).get("current_state")).isEqualTo("4");

        simulator.webserviceDisabled(true);
        var disabled = client.get("/api/orders?output_format=JSON");
        assertThat(disabled.status()).isEqualTo(503);
        assertThat(disabled.json().path("errors").get(0).path("code").asInt()).isEqualTo(22);
        assertThat(simulator.calls("POST", "order_histories")).isEqualTo(2);
    }
}
