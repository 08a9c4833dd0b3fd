package io.sincro.sandbox.magento;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.contract.MagentoContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated shop's catalogue answers as Magento 2.4 does: SKUs found whatever their case, a create of
 * an existing SKU overwriting it (Magento's upsert), its validations and messages, all-or-nothing source
 * items, per-item base price failures, DELETE counted; and its answers have the fields Magento's schema
 * declares.
 */
class MagentoSimulatorCatalogueTest {

    private static final MagentoContract CONTRACT = MagentoContract.load();
    private MagentoSimulator simulator;
    private MagentoTestClient client;

    @BeforeEach
    void start() {
        simulator = MagentoSimulator.start(0, "default", MagentoTestClient.CREDENTIALS, new SandboxShop());
        client = new MagentoTestClient(simulator, MagentoTestClient.CREDENTIALS);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aCreatedProductIsFoundWhateverTheCaseOfItsSkuAndAnswersWithTheSchemasFields() {
        MagentoTestClient.Response created = client.post("/rest/all/V1/products", product("Mug-1", "Tazza uno"));
        MagentoTestClient.Response found = client.get("/rest/V1/products/MUG-1", Map.of());

        assertThat(created.status()).isEqualTo(200);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("sku").asText()).isEqualTo("Mug-1");
        assertThat(found.body().path("id").asLong()).isEqualTo(created.body().path("id").asLong());
        assertThat(CONTRACT.answerViolations(CONTRACT.operation("GET", "/rest/V1/products/MUG-1").orElseThrow(),
                found.body())).isEmpty();
        assertThat(CONTRACT.answerViolations(CONTRACT.operation("POST", "/rest/all/V1/products").orElseThrow(),
                created.body())).isEmpty();
        assertThat(client.get("/rest/V1/products/MUG-2", Map.of()).body().path("message").asText())
                .isEqualTo("The product that was requested doesn't exist. Verify the product and try again.");
    }

    @Test
    void aCreateOfAnExistingSkuOverwritesItAsMagentoDoesAndIsCounted() {
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza uno"));

        MagentoTestClient.Response again = client.post("/rest/all/V1/products", product("mug-1", "Tazza rinominata"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(simulator.products()).hasSize(1);
        assertThat(simulator.product("MUG-1").path("name").asText()).isEqualTo("Tazza rinominata");
        assertThat(simulator.productOverwrites()).isEqualTo(1);
        assertThat(simulator.calls("POST /V1/products")).isEqualTo(2);
    }

    @Test
    void magentosValidationsRefuseADuplicateUrlKeyAnUnknownAttributeSetAndAnUnknownWebsite() {
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza"));

        MagentoTestClient.Response sameName = client.post("/rest/all/V1/products", product("MUG-2", "Tazza"));
        MagentoTestClient.Response attributeSet = client.post("/rest/all/V1/products",
                "{\"product\":{\"sku\":\"MUG-3\",\"name\":\"Tazza 3\",\"attribute_set_id\":77}}");
        MagentoTestClient.Response website = client.post("/rest/all/V1/products",
                "{\"product\":{\"sku\":\"MUG-4\",\"name\":\"Tazza 4\",\"extension_attributes\":{\"website_ids\":[9]}}}");

        assertThat(sameName.status()).isEqualTo(400);
        assertThat(sameName.body().path("message").asText()).isEqualTo("URL key for specified store already exists.");
        assertThat(attributeSet.status()).isEqualTo(400);
        assertThat(attributeSet.body().toString())
                .isEqualTo("{\"message\":\"Invalid product data: %1\",\"parameters\":[\"Invalid attribute set entity type\"]}");
        assertThat(website.status()).isEqualTo(404);
        assertThat(website.body().path("parameters").get(0).asText()).isEqualTo("9");
        assertThat(simulator.products()).hasSize(1);
    }

    @Test
    void aDeleteIsCountedAndDoesWhatMagentoDoes() {
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza"));

        MagentoTestClient.Response deleted = client.send("DELETE", "/rest/all/V1/products/MUG-1", "");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().asBoolean()).isTrue();
        assertThat(simulator.deleteCalls()).isEqualTo(1);
        assertThat(simulator.products()).isEmpty();
    }

    @Test
    void sourceItemsAreAllOrNothingWithOneErrorPerWrongItem() {
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza"));

        MagentoTestClient.Response refused = client.post("/rest/V1/inventory/source-items", """
                {"sourceItems":[{"sku":"MUG-1","source_code":"default","quantity":5,"status":1},
                                {"sku":"NOPE","source_code":"default","quantity":1,"status":1}]}""");
        MagentoTestClient.Response saved = client.post("/rest/V1/inventory/source-items", """
                {"sourceItems":[{"sku":"MUG-1","source_code":"default","quantity":5,"status":1}]}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).isEqualTo("Validation Failed");
        assertThat(refused.body().path("errors")).hasSize(1);
        assertThat(refused.body().path("errors").get(0).path("parameters").path("value").asText()).isEqualTo("NOPE");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().toString()).isEqualTo("[]");
        assertThat(simulator.sourceQuantity("MUG-1", "default")).isEqualByComparingTo("5");
    }

    @Test
    void basePricesSaveTheValidItemsAndAnswerTheFailedOnes() {
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza"));

        MagentoTestClient.Response answer = client.post("/rest/V1/products/base-prices", """
                {"prices":[{"sku":"MUG-1","price":15,"store_id":0},{"sku":"NOPE","price":3,"store_id":0},
                           {"sku":"MUG-1","price":-1,"store_id":0}]}""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().toString()).isEqualTo("[{\"message\":\"Invalid attribute %fieldName = %fieldValue.\","
                + "\"parameters\":[\"SKU\",\"NOPE\"]},{\"message\":\"Invalid attribute %fieldName = %fieldValue.\","
                + "\"parameters\":[\"Price\",\"-1\"]}]");
        assertThat(CONTRACT.answerViolations(CONTRACT.operation("POST", "/rest/V1/products/base-prices").orElseThrow(),
                answer.body())).isEmpty();
        assertThat(simulator.product("MUG-1").path("price").decimalValue()).isEqualByComparingTo("15");
    }

    @Test
    void aShopWithoutMsiHasNoInventoryRoutesButItsStockItems() {
        simulator.msi(false);
        client.post("/rest/all/V1/products", product("MUG-1", "Tazza"));

        MagentoTestClient.Response sources = client.get("/rest/V1/inventory/sources", Map.of());
        MagentoTestClient.Response item = client.get("/rest/V1/stockItems/MUG-1", Map.of());
        MagentoTestClient.Response saved = client.send("PUT",
                "/rest/V1/products/MUG-1/stockItems/" + item.body().path("item_id").asLong(),
                "{\"stockItem\":{\"qty\":4,\"is_in_stock\":true}}");

        assertThat(sources.status()).isEqualTo(404);
        assertThat(sources.body().path("message").asText()).isEqualTo("Request does not match any route.");
        assertThat(item.status()).isEqualTo(200);
        assertThat(CONTRACT.answerViolations(CONTRACT.operation("GET", "/rest/V1/stockItems/MUG-1").orElseThrow(),
                item.body())).isEmpty();
        assertThat(saved.body().asLong()).isEqualTo(item.body().path("item_id").asLong());
        assertThat(simulator.product("MUG-1").path("extension_attributes").path("stock_item").path("qty").asInt())
                .isEqualTo(4);
    }

    private static String product(String sku, String name) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"attribute_set_id\":4,\"price\":9.5,"
                + "\"status\":1,\"visibility\":4,\"type_id\":\"simple\",\"extension_attributes\":{\"website_ids\":[1]},"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"Una tazza\"}]}}";
    }
}
