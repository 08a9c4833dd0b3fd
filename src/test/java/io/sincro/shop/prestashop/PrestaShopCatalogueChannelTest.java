package io.sincro.shop.prestashop;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.sincro.shop.prestashop.PrestaShopWebservice.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.PrestaShopSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PrestaShop account's catalogue over real HTTP: products by reference (= SKU), looked up before any
 * create; quantities by PUT on the product's stock row, never POST; a product changed by sending back its
 * own XML without the fields the webservice refuses; stop is {@code active} 0, never a delete.
 */
class PrestaShopCatalogueChannelTest {

    static final String MUG = "{\"products\":[{\"id\":14,\"reference\":\"MUG-001\",\"active\":\"1\"}]}";
    static final String STOCK_ROW = "{\"stock_availables\":[{\"id\":58,\"id_product\":\"14\",\"id_product_attribute\":\"0\","
            + "\"id_shop\":\"1\",\"id_shop_group\":\"0\",\"quantity\":\"3\",\"depends_on_stock\":\"0\","
            + "\"out_of_stock\":\"2\",\"location\":\"\"}]}";
    /** A product as {@code GET /api/products/14} shows it: two languages, read-only fields among the rest. */
    static final String MUG_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <prestashop xmlns:xlink="http://www.w3.org/1999/xlink">
            <product>
            	<id><![CDATA[14]]></id>
            	<id_manufacturer xlink:href="http://shop/api/manufacturers/1"><![CDATA[1]]></id_manufacturer>
            	<id_category_default xlink:href="http://shop/api/categories/2"><![CDATA[2]]></id_category_default>
            	<manufacturer_name notFilterable="true"><![CDATA[Studio Design]]></manufacturer_name>
            	<quantity notFilterable="true"><![CDATA[3]]></quantity>
            	<reference><![CDATA[MUG-001]]></reference>
            	<price><![CDATA[10.000000]]></price>
            	<active><![CDATA[1]]></active>
            	<name>
            		<language id="1" xlink:href="http://shop/api/languages/1"><![CDATA[Tazza mug]]></language>
            		<language id="2" xlink:href="http://shop/api/languages/2"><![CDATA[Coffee mug]]></language>
            	</name>
            	<associations>
            		<categories nodeType="category" api="categories"><category><id><![CDATA[2]]></id></category></categories>
            	</associations>
            </product>
            </prestashop>""";

    final PrestaShopWebservice shop = new PrestaShopWebservice();
    final PrestaShopCatalogue catalogue = new PrestaShopCatalogue(PrestaShopWebservice.client());

    @AfterEach
    void stop() {
        assertThat(shop.requests()).as("the hub never deletes").noneMatch(r -> r.getMethod().getName().equals("DELETE"));
        catalogue.stop();
        shop.close();
    }

    CatalogueChannel channel(String stopBy) {
        return catalogue.channel(shop.account(PrestaShopSettings.defaults(), ErpDocumentSettings.defaults(), 50,
                new CatalogueSettings(2, 1000.0, 20, null, null, null, null, null, stopBy, null)));
    }

    void mugInTheShop() {
        shop.answer("products", MUG);
        shop.answer("products/14", MUG_XML);
        shop.answer("stock_availables", STOCK_ROW);
        shop.stub(put(urlPathEqualTo("/api/products/14")), 200, "{\"product\":{\"id\":14}}");
        shop.stub(put(urlPathEqualTo("/api/stock_availables/58")), 200, "{\"stock_available\":{\"id\":58}}");
    }

    @Test
    void stockIsNeverPostedButPutOnTheProductsOwnStockRow() {
        mugInTheShop();
        shop.answer("products", "{\"products\":[{\"id\":14,\"reference\":\"MUG-001\",\"active\":\"1\"},"
                + "{\"id\":15,\"reference\":\"MUG-002\",\"active\":\"1\"}]}");
        shop.answer("stock_availables", STOCK_ROW);

        List<ChannelOutcome> outcomes = channel(null).setQuantities(List.of(
                new QuantityChange("MUG-001", new BigDecimal("17")), new QuantityChange("MUG-404", BigDecimal.ONE)));

        assertThat(outcomes).extracting(ChannelOutcome::kind).containsExactly(ChannelOutcome.Kind.DONE,
                ChannelOutcome.Kind.REFUSED);
        assertThat(outcomes.get(1).message()).contains("no product with this reference");
        assertThat(shop.requests()).noneMatch(r -> r.getMethod().getName().equals("POST"));
        assertThat(query(shop.requests("GET", "/api/products").get(0), "filter[reference]"))
                .as("the SKUs looked up in one call").isEqualTo("[MUG-001|MUG-404]");
        LoggedRequest stock = shop.requests("GET", "/api/stock_availables").get(0);
        assertThat(query(stock, "filter[id_product]")).isEqualTo("[14]");
        assertThat(query(stock, "filter[id_product_attribute]")).isEqualTo("[0]");
        List<LoggedRequest> puts = shop.requests("PUT", "/api/stock_availables/58");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).getBodyAsString()).contains("<stock_available><id>58</id><id_product>14</id_product>"
                + "<id_product_attribute>0</id_product_attribute><id_shop>1</id_shop><id_shop_group>0</id_shop_group>"
                + "<quantity>17</quantity><depends_on_stock>0</depends_on_stock><out_of_stock>2</out_of_stock>");
    }

    @Test
    void readOnlyFieldsAreNeverSentBackAndTheOtherLanguagesGoBackAsTheyCame() {
        mugInTheShop();

        ChannelOutcome modified = channel(null).modify(new ProductChange("MUG-001", "Tazza grande", null,
                new BigDecimal("12.5"), null, null, Map.of("ean13", "8001234567890", "quantity", "99")));

        assertThat(modified.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        String sent = shop.requests("PUT", "/api/products/14").get(0).getBodyAsString();
        assertThat(sent).doesNotContain("manufacturer_name").doesNotContain("<quantity");
        assertThat(sent).contains("<price>12.5</price>").contains("Tazza grande").contains("Coffee mug")
                .doesNotContain("Tazza mug").contains("<reference>MUG-001</reference>")
                .contains("<category><id>2</id></category>");
        assertThat(sent).as("a mapped attribute the product does not have is not invented").doesNotContain("ean13");
    }

    @Test
    void anExistingProductIsLinkedByItsReferenceAndNeverCreatedAgain() {
        mugInTheShop();

        ChannelOutcome linked = channel(null).publish(CatalogueProduct.of("MUG-001", "Tazza mug", "Una tazza",
                new BigDecimal("10"), new BigDecimal("4"), null));

        assertThat(linked.kind()).isEqualTo(ChannelOutcome.Kind.LINKED_EXISTING);
        assertThat(linked.platformId()).isEqualTo("14");
        assertThat(shop.requests("POST", "/api/products")).isEmpty();
        assertThat(shop.requests("PUT", "/api/stock_availables/58").get(0).getBodyAsString())
                .contains("<quantity>4</quantity>");
    }

    @Test
    void aNewProductIsCreatedWithItsReferenceAndThenItsStockIsSet() {
        shop.answer("products", "[]");
        shop.stub(post(urlPathEqualTo("/api/products")), 201, "{\"product\":{\"id\":\"99\",\"reference\":\"MUG-009\"}}");
        shop.answer("stock_availables", STOCK_ROW.replace("\"id\":58", "\"id\":77").replace("\"14\"", "\"99\""));
        shop.stub(put(urlPathEqualTo("/api/stock_availables/77")), 200, "{\"stock_available\":{\"id\":77}}");

        ChannelOutcome created = channel(null).publish(CatalogueProduct.of("MUG-009", "Tazza è blu", "Una tazza",
                new BigDecimal("9.5"), new BigDecimal("6"), new BigDecimal("0.3")));

        assertThat(created.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(created.platformId()).isEqualTo("99");
        String body = shop.requests("POST", "/api/products").get(0).getBodyAsString();
        assertThat(body).contains("<reference>MUG-009</reference>").contains("<price>9.5</price>")
                .contains("<active>1</active>").contains("<name><language id=\"1\">Tazza è blu</language></name>")
                .contains("<link_rewrite><language id=\"1\">tazza-e-blu</language></link_rewrite>")
                .contains("<id_category_default>2</id_category_default>").doesNotContain("<quantity");
        assertThat(shop.requests("PUT", "/api/stock_availables/77").get(0).getBodyAsString())
                .contains("<quantity>6</quantity>");
    }

    @Test
    void stopSetsActiveToZeroAndRelistSetsItBackWithTheQuantity() {
        mugInTheShop();
        CatalogueChannel channel = channel(null);

        ChannelOutcome stopped = channel.stop("MUG-001");
        ChannelOutcome relisted = channel.relist("MUG-001", new BigDecimal("5"));

        assertThat(stopped.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(relisted.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        List<LoggedRequest> puts = shop.requests("PUT", "/api/products/14");
        assertThat(puts.get(0).getBodyAsString()).contains("<active>0</active>");
        assertThat(puts.get(1).getBodyAsString()).contains("<active>1</active>");
        assertThat(shop.requests("PUT", "/api/stock_availables/58").get(0).getBodyAsString())
                .contains("<quantity>5</quantity>");
    }

    @Test
    void anAccountThatStopsByQuantitySetsItToZeroAndLeavesTheProductActive() {
        mugInTheShop();

        ChannelOutcome stopped = channel("QUANTITY").stop("MUG-001");

        assertThat(stopped.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.requests("PUT", "/api/products/14")).isEmpty();
        assertThat(shop.requests("PUT", "/api/stock_availables/58").get(0).getBodyAsString())
                .contains("<quantity>0</quantity>");
    }

    @Test
    void pricesAreTheProductsBasePriceAndARefusalIsAnOutcomeWithTheWebservicesReason() {
        mugInTheShop();
        shop.stub(put(urlPathEqualTo("/api/products/14")), 400, "{\"errors\":[{\"code\":93,\"message\":"
                + "\"parameter \\\"position_in_category\\\" not writable. Please remove this attribute of this XML\"}]}");

        List<ChannelOutcome> outcomes = channel(null).setPrices(List.of(new PriceChange("MUG-001", new BigDecimal("11"))));

        assertThat(outcomes.get(0).kind()).isEqualTo(ChannelOutcome.Kind.REFUSED);
        assertThat(outcomes.get(0).message()).contains("code 93").contains("not writable");
        assertThat(shop.requests("PUT", "/api/products/14").get(0).getBodyAsString()).contains("<price>11</price>");
    }

    @Test
    void aShopAskingToSlowDownIsRetriedLaterWithItsWait() {
        shop.server.stubFor(get(urlPathEqualTo("/api/products")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429).withHeader("Retry-After", "1")));

        ChannelOutcome outcome = channel(null).publish(CatalogueProduct.of("MUG-001", "Tazza", null, BigDecimal.ONE,
                null, null));

        assertThat(outcome.kind()).isEqualTo(ChannelOutcome.Kind.RETRY_LATER);
        assertThat(outcome.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(shop.requests("POST", "/api/products")).isEmpty();
    }
}
