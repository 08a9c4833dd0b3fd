package io.sincro.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PrestaShop facts refuse what the webservice does not allow, accept what a client of it sends, and the
 * simulator's answers carry exactly the fields the facts list.
 */
class PrestaShopContractTest {

    static final String KEY = "CONTRACTKEY0123456789ABCDEFGHIJK";
    static PrestaShopSimulator simulator;
    final PrestaShopContract contract = PrestaShopContract.load();

    @BeforeAll
    static void start() {
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)),
                SandboxPrestaShop.generate(3, 6, LocalDateTime.of(2026, 11, 30, 9, 0), SandboxPrestaShop.StateIds.freshInstall()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theFactsNameTheirSourcesAndCommit() {
        assertThat(contract.source()).contains("PrestaShop/docs").contains("4ff66ab8f64e67a4e9022575c23107d7aff668da")
                .contains("WebserviceRequest.php");
        assertThat(contract.resources()).containsKeys("orders", "order_details", "order_histories", "order_carriers",
                "order_states", "customers", "addresses", "countries", "carriers", "configurations", "products",
                "stock_availables");
    }

    @Test
    void theFactsKeepWhatTheDocumentationSaysOfWritesAndMethods() {
        var products = contract.resource("products").orElseThrow();
        assertThat(products.fields().get("quantity").writable()).isFalse();
        assertThat(products.fields().get("manufacturer_name").writable()).isFalse();
        assertThat(products.fields().get("price").required()).isTrue();
        assertThat(products.fields().get("name").i18n()).isTrue();
        assertThat(contract.resource("stock_availables").orElseThrow().methods()).containsExactlyInAnyOrder("GET", "PUT",
                "PATCH", "HEAD");
        assertThat(contract.resource("orders").orElseThrow().fields().get("shipping_number").filterable()).isFalse();
        assertThat(contract.resource("orders").orElseThrow().associations().get("order_rows").fields())
                .contains("product_reference", "unit_price_tax_incl", "unit_price_tax_excl");
        assertThat(contract.resource("customers").orElseThrow().fields()).containsKeys("passwd", "secure_key");
        assertThat(contract.errorStatuses()).containsEntry(46, 500).containsEntry(93, 400).containsEntry(26, 401)
                .containsEntry(101, 405).containsEntry(132, 403);
    }

    @Test
    void theRequestsOfIssue14Conform() {
        assertThat(contract.violations("GET", "/api/orders", "output_format=JSON&display=full&date=1"
                + "&filter%5Bdate_upd%5D=%5B2024-05-14%2009%3A00%3A00%2C2024-05-14%2010%3A00%3A00%5D"
                + "&filter%5Bcurrent_state%5D=%5B2%7C3%5D&sort=%5Bdate_upd_ASC%2Cid_ASC%5D&limit=0%2C50", null)).isEmpty();
        assertThat(contract.violations("GET", "/shop/api/customers/12",
                "output_format=JSON&display=%5Bid%2Cfirstname%2Clastname%2Cemail%2Cdate_upd%5D", null)).isEmpty();
        assertThat(contract.violations("GET", "/api/configurations",
                "display=[name,value]&filter[name]=[PS_OS_PAYMENT|PS_OS_SHIPPING|PS_OS_CANCELED]", null)).isEmpty();
        assertThat(contract.violations("POST", "/api/order_histories", "sendemail=1", """
                <?xml version="1.0" encoding="UTF-8"?>
                <prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><order_history>
                <id_order>5120</id_order><id_order_state>4</id_order_state></order_history></prestashop>""")).isEmpty();
        assertThat(contract.violations("PATCH", "/api/order_carriers/4977", null,
                "<prestashop><order_carrier><id>4977</id><tracking_number>0034043</tracking_number></order_carrier></prestashop>"))
                .isEmpty();
        assertThat(contract.violations("PATCH", "/api/products/14", null,
                "<prestashop><product><id>14</id><active>0</active></product></prestashop>")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}?{2} → {4}")
    @CsvSource(delimiter = ';', value = {
        "GET;/api/order;;;unknown resource GET /api/order",
        "POST;/api/stock_availables;;<prestashop><stock_available><id_product>1</id_product><id_product_attribute>0</id_product_attribute><quantity>1</quantity><depends_on_stock>0</depends_on_stock><out_of_stock>2</out_of_stock></stock_available></prestashop>;method POST is not allowed on /api/stock_availables",
        "GET;/api/orders;page=2;;unknown query parameter page",
        "GET;/api/orders;sort=date_upd;;sort must be field_ASC|field_DESC",
        "GET;/api/orders;limit=0,50,2;;limit must be n or offset,n",
        "GET;/api/orders;filter[date_upd]=[2024-05-14 09:00:00,2024-05-14 10:00:00];;needs date=1",
        "GET;/api/orders;date=1&filter[date_upd]=[2024-05-14,2024-05-15];;needs full YYYY-MM-DD HH:MM:SS bounds",
        "GET;/api/orders;filter[shipping_number]=[123];;is not filterable",
        "GET;/api/orders;filter[colour]=[red];;filter on unknown field colour",
        "GET;/api/customers;display=[id,email,passwd];;display asks for passwd",
        "GET;/api/customers;display=full;;display=full returns secure_key, passwd",
        "GET;/api/orders;display=id,reference;;display must be full or [field,...]",
        "GET;/api/orders;ws_key=ABC;;ws_key puts the webservice key in URLs",
        "PUT;/api/products/14;;<prestashop><product><id>14</id><price>10</price><quantity>3</quantity></product></prestashop>;field quantity is not writable",
        "PATCH;/api/products/14;;<prestashop><product><id>14</id><manufacturer_name>X</manufacturer_name></product></prestashop>;field manufacturer_name is not writable",
        "PUT;/api/order_carriers/4977;;{\"order_carrier\":{\"id\":4977}};body is not XML",
        "PUT;/api/order_carriers/4977;;<prestashop><order_carrier><id_order>1</id_order><id_carrier>2</id_carrier></order_carrier></prestashop>;id is required when modifying",
        "POST;/api/order_histories;;<prestashop><order_history><id>3</id><id_order>1</id_order><id_order_state>4</id_order_state></order_history></prestashop>;id is forbidden when adding",
        "POST;/api/order_histories;;<prestashop><order_history><id_order>1</id_order></order_history></prestashop>;required field id_order_state is missing",
        "POST;/api/order_histories;;<prestashop><order_history><id_order>1</id_order><id_order_state>4</id_order_state><state>4</state></order_history></prestashop>;unknown field state",
    })
    void aWrongRequestIsRefusedWithItsReason(String method, String path, String query, String body, String reason) {
        String raw = query == null ? null : query.replace("[", "%5B").replace("]", "%5D").replace(" ", "%20").replace("|", "%7C");
        assertThat(contract.violations(method, path, raw, body)).anySatisfy(v -> assertThat(v).contains(reason));
    }

    @Test
    void theExtensionSeesAWrongRequestSentToTheSimulator() throws Exception {
        PrestaShopContractExtension.drain();
        long before = PrestaShopContractExtension.checked();
        send("GET", "/api/orders?display=full&sort=date_upd");
        // taken here so that this class does not fail for the request it sent wrong on purpose
        assertThat(PrestaShopContractExtension.drain()).singleElement().asString()
                .contains("sort must be field_ASC|field_DESC").contains("GET /api/orders");
        assertThat(PrestaShopContractExtension.checked()).isEqualTo(before + 1);
    }

    @Test
    void everyResourceTheSimulatorServesCarriesExactlyTheFieldsOfTheFacts() throws Exception {
        List<String> served = List.of("orders", "order_details", "order_histories", "order_carriers", "order_states",
                "addresses", "countries", "states", "currencies", "carriers", "configurations", "products",
                "stock_availables");
        for (String name : served) {
            var resource = contract.resource(name).orElseThrow();
            JsonNode list = new ObjectMapper().readTree(send("GET", "/api/" + name + "?output_format=JSON&display=full&limit=1"));
            JsonNode first = list.path(name).get(0);
            assertThat(first).as(name).isNotNull();
            Set<String> fields = new HashSet<>();
            first.fieldNames().forEachRemaining(fields::add);
            fields.remove("associations");
            assertThat(fields).as(name + " fields").containsExactlyInAnyOrderElementsOf(resource.fields().keySet());
            for (Iterator<String> it = first.path("associations").fieldNames(); it.hasNext(); ) {
                String association = it.next();
                assertThat(resource.associations()).as(name + " associations").containsKey(association);
                first.path("associations").path(association).forEach(item -> item.fieldNames().forEachRemaining(f ->
                        assertThat(resource.associations().get(association).fields()).as(name + "." + association).contains(f)));
            }
        }
        JsonNode customer = new ObjectMapper().readTree(send("GET", "/api/customers/1?output_format=JSON&display=[id,email,firstname,lastname]"));
        List<String> names = new ArrayList<>();
        customer.path("customer").fieldNames().forEachRemaining(names::add);
        // in the resource's field order, as PrestaShop renders them, whatever the order asked
        assertThat(names).containsExactly("id", "lastname", "firstname", "email");
    }

    @Test
    void anXmlOrderCarriesItsRowsAsAssociationsWithXlinksOnForeignKeys() throws Exception {
        String xml = send("GET", "/api/orders/1");
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\">")
                .contains("<id_customer xlink:href=\"" + simulator.baseUrl() + "/api/customers/")
                .contains("<shipping_number notFilterable=\"true\">")
                .contains("<order_rows nodeType=\"order_row\" virtualEntity=\"true\">")
                .contains("<product_reference><![CDATA[");
    }

    private static String send(String method, String pathAndQuery) throws Exception {
        String encoded = pathAndQuery.replace("[", "%5B").replace("]", "%5D");
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + encoded))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
