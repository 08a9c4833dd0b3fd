package io.sincro.shop.magento;

import io.sincro.http.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.TestShops;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.ListedProduct;
import io.sincro.model.PriceChange;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Magento catalogue channel over real HTTP against the simulated shop (whose calls are also checked
 * against Magento's REST schema by the contract extension): publish looks up before it creates, modify
 * sends only what changed, quantities and prices go in batches, the shop's refusals and pauses become
 * outcomes, and nothing is ever deleted.
 */
class MagentoCatalogueChannelTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger ACCOUNTS = new AtomicInteger();

    MagentoSimulator shop;
    MagentoCatalogue catalogue;

    @BeforeEach
    void start() {
        shop = MagentoSimulator.start(0, "it", TestShops.SHOP, new SandboxShop());
        MagentoClient client = TestHttp.magento(JSON,
                new ShopProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(5), true));
        catalogue = new MagentoCatalogue(client, JSON);
    }

    @AfterEach
    void stop() {
        assertThat(shop.deleteCalls()).as("DELETE calls the hub made").isZero();
        catalogue.stop();
        shop.close();
    }

    @Test
    void publishCreatesTheProductOnceAndASecondPublishLinksIt() {
        CatalogueChannel channel = channel(settings(null));

        ChannelOutcome first = channel.publish(mug("MUG-001", "7"));
        ChannelOutcome second = channel.publish(mug("MUG-001", "7"));

        assertThat(first.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(first.platformId()).isNotBlank();
        assertThat(second.kind()).isEqualTo(ChannelOutcome.Kind.LINKED_EXISTING);
        assertThat(second.platformId()).isEqualTo(first.platformId());
        assertThat(shop.calls("POST /V1/products")).isEqualTo(1);
        assertThat(shop.productOverwrites()).isZero();
        ObjectNode product = shop.product("MUG-001");
        assertThat(product.path("name").asText()).isEqualTo("Tazza MUG-001");
        assertThat(product.path("status").asInt()).isEqualTo(1);
        assertThat(product.path("extension_attributes").path("website_ids").toString()).isEqualTo("[1]");
        assertThat(shop.sourceQuantity("MUG-001", "default")).isEqualByComparingTo("7");
        assertThat(createBody().path("product").path("custom_attributes").toString())
                .contains("\"attribute_code\":\"description\"").contains("\"attribute_code\":\"color\"");
        assertThat(shop.requests()).filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/V1/products"))
                .allSatisfy(r -> assertThat(r.path()).startsWith("/rest/all/V1/"));
    }

    @Test
    void anArticleAlreadyInTheShopIsLinkedBySkuWhateverItsCaseAndNeverCreated() {
        ObjectNode merchants = JSON.createObjectNode().put("sku", "Mug-Blu").put("name", "Tazza blu")
                .put("price", 9.5).put("attribute_set_id", 4);
        String id = shop.addProduct(merchants).path("id").asText();
        CatalogueChannel channel = channel(settings(null));

        Optional<ListedProduct> found = channel.lookUp("mug-blu");
        ChannelOutcome linked = channel.publish(mug("mug-blu", "3"));

        assertThat(found).hasValueSatisfying(p -> {
            assertThat(p.sku()).isEqualTo("Mug-Blu");
            assertThat(p.platformId()).isEqualTo(id);
        });
        assertThat(channel.lookUp("MUG-ROSSA")).isEmpty();
        assertThat(linked.kind()).isEqualTo(ChannelOutcome.Kind.LINKED_EXISTING);
        assertThat(linked.platformId()).isEqualTo(id);
        assertThat(shop.calls("POST /V1/products")).isZero();
        assertThat(shop.product("Mug-Blu").path("name").asText()).isEqualTo("Tazza blu");
        assertThat(shop.sourceQuantity("Mug-Blu", "default")).isEqualByComparingTo("3");
    }

    @Test
    void modifySendsOnlyTheFieldsThatChangedToAllStores() {
        CatalogueChannel channel = channel(settings(null));
        channel.publish(mug("MUG-002", "5"));

        ChannelOutcome modified = channel.modify(new ProductChange("MUG-002", "Tazza grande", null, null, null, null,
                Map.of("color", "rosso")));

        assertThat(modified.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        MagentoSimulator.RecordedRequest put = last("PUT");
        assertThat(put.path()).isEqualTo("/rest/all/V1/products/MUG-002");
        JsonNode sent = put.bodyJson().path("product");
        assertThat(sent.fieldNames()).toIterable().containsExactlyInAnyOrder("sku", "name", "custom_attributes");
        assertThat(sent.path("custom_attributes").toString()).isEqualTo("[{\"attribute_code\":\"color\",\"value\":\"rosso\"}]");
        ObjectNode product = shop.product("MUG-002");
        assertThat(product.path("name").asText()).isEqualTo("Tazza grande");
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(product.path("custom_attributes").toString()).contains("Una tazza").contains("rosso");
    }

    @Test
    void aModifyWithNothingChangedMakesNoCall() {
        CatalogueChannel channel = channel(settings(null));

        ChannelOutcome outcome = channel.modify(new ProductChange("MUG-003", null, null, null, null, null, null));

        assertThat(outcome.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.requests()).isEmpty();
    }

    @Test
    void aThousandQuantitiesGoInAsFewCallsAsTheBatchSizeAllows() {
        int batchSize = 20;
        IntStream.range(0, 1000).forEach(i -> shop.addProduct(JSON.createObjectNode().put("sku", "ART-" + i)
                .put("name", "Articolo " + i).put("price", 1).put("attribute_set_id", 4)));
        CatalogueChannel channel = channel(new CatalogueSettings(4, 1000.0, batchSize, null, null, null, null, null,
                null, null));

        List<ChannelOutcome> outcomes = channel.setQuantities(IntStream.range(0, 1000)
                .mapToObj(i -> new QuantityChange("ART-" + i, BigDecimal.valueOf(i % 7))).toList());

        assertThat(outcomes).hasSize(1000).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ChannelOutcome.Kind.DONE));
        assertThat(outcomes.get(999).sku()).isEqualTo("ART-999");
        assertThat(shop.calls("POST /V1/inventory/source-items")).isEqualTo((1000 + batchSize - 1) / batchSize);
        assertThat(shop.calls("GET /V1/inventory/sources")).isEqualTo(1);
        assertThat(shop.sourceQuantity("ART-999", "default")).isEqualByComparingTo("5");
        assertThat(shop.product("ART-0").path("extension_attributes").path("stock_item").path("is_in_stock").asBoolean())
                .isFalse();
    }

    @Test
    void aCreateCommittedButUnansweredIsLinkedOnTheRetryNotCreatedAgain() {
        CatalogueChannel channel = channel(settings(null));
        shop.failAfterCommit(1);

        ChannelOutcome lost = channel.publish(mug("MUG-004", "2"));
        ChannelOutcome retried = channel.publish(mug("MUG-004", "2"));

        assertThat(lost.kind()).isEqualTo(ChannelOutcome.Kind.RETRY_LATER);
        assertThat(lost.status()).isEqualTo(500);
        assertThat(lost.message()).contains("Internal Error").contains("looks it up before creating it");
        assertThat(retried.kind()).isEqualTo(ChannelOutcome.Kind.LINKED_EXISTING);
        assertThat(retried.platformId()).isEqualTo(shop.product("MUG-004").path("id").asText());
        assertThat(shop.calls("POST /V1/products")).isEqualTo(1);
        assertThat(shop.productOverwrites()).isZero();
        assertThat(shop.sourceQuantity("MUG-004", "default")).isEqualByComparingTo("2");
    }

    @Test
    void stopDisablesAndRelistEnablesWithItsQuantityNeverADelete() {
        CatalogueChannel channel = channel(settings(null));
        channel.publish(mug("MUG-005", "4"));

        ChannelOutcome stopped = channel.stop("MUG-005");
        int statusWhenStopped = shop.product("MUG-005").path("status").asInt();
        ChannelOutcome relisted = channel.relist("MUG-005", new BigDecimal("6"));

        assertThat(stopped.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(statusWhenStopped).isEqualTo(2);
        assertThat(relisted.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.product("MUG-005").path("status").asInt()).isEqualTo(1);
        assertThat(shop.sourceQuantity("MUG-005", "default")).isEqualByComparingTo("6");
        assertThat(shop.products()).hasSize(1);
        assertThat(shop.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void anAccountThatStopsByQuantitySetsItToZeroAndLeavesTheProductEnabled() {
        CatalogueChannel channel = channel(new CatalogueSettings(null, null, null, null, null, null, null, null,
                "QUANTITY", null));
        channel.publish(mug("MUG-006", "4"));

        ChannelOutcome stopped = channel.stop("MUG-006");

        assertThat(stopped.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.product("MUG-006").path("status").asInt()).isEqualTo(1);
        assertThat(shop.sourceQuantity("MUG-006", "default")).isEqualByComparingTo("0");
        assertThat(shop.calls("PUT /V1/products/{sku}")).isZero();
    }

    @Test
    void aRateLimitIsARetryLaterThatHoldsTheAccountsNextCallsBackForItsRetryAfter() {
        CatalogueChannel channel = channel(settings(null));
        channel.publish(mug("MUG-007", "1"));
        shop.clearRequests();
        shop.rateLimit(1, 1);

        ChannelOutcome limited = channel.setPrices(List.of(new PriceChange("MUG-007", new BigDecimal("11")))).get(0);
        ChannelOutcome next = channel.setPrices(List.of(new PriceChange("MUG-007", new BigDecimal("11")))).get(0);

        assertThat(limited.kind()).isEqualTo(ChannelOutcome.Kind.RETRY_LATER);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(next.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        List<MagentoSimulator.RecordedRequest> calls = shop.requests();
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(shop.product("MUG-007").path("price").decimalValue()).isEqualByComparingTo("11");
    }

    @Test
    void skusWithSlashSpaceAndPlusArePercentEncodedInPaths() {
        CatalogueChannel channel = channel(settings(null));
        String sku = "CAF/ESP 250+1";

        ChannelOutcome published = channel.publish(mug(sku, "3"));
        Optional<ListedProduct> found = channel.lookUp(sku);
        ChannelOutcome modified = channel.modify(new ProductChange(sku, "Caffè 250 g + 1", null, null, null, null, null));
        ChannelOutcome stopped = channel.stop(sku);

        assertThat(published.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(found).hasValueSatisfying(p -> assertThat(p.sku()).isEqualTo(sku));
        assertThat(modified.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(stopped.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.product(sku).path("status").asInt()).isEqualTo(2);
        assertThat(shop.requests()).filteredOn(r -> r.method().equals("PUT"))
                .allSatisfy(r -> assertThat(r.rawPath()).isEqualTo("/rest/all/V1/products/CAF%2FESP%20250%2B1"));
    }

    @Test
    void oneUnknownSkuInAQuantityBatchIsRefusedWithTheShopsReasonAndTheOthersAreSaved() {
        CatalogueChannel channel = channel(settings(null));
        channel.publish(mug("MUG-010", "1"));
        channel.publish(mug("MUG-011", "1"));

        List<ChannelOutcome> outcomes = channel.setQuantities(List.of(new QuantityChange("MUG-010", BigDecimal.TEN),
                new QuantityChange("NOPE-1", BigDecimal.ONE), new QuantityChange("MUG-011", new BigDecimal("12"))));

        assertThat(outcomes).extracting(ChannelOutcome::kind).containsExactly(ChannelOutcome.Kind.DONE,
                ChannelOutcome.Kind.REFUSED, ChannelOutcome.Kind.DONE);
        assertThat(outcomes.get(1).status()).isEqualTo(400);
        assertThat(outcomes.get(1).message()).contains("Validation Failed")
                .contains("Product with requested \"sku\": \"NOPE-1\" was not found.");
        assertThat(shop.sourceQuantity("MUG-010", "default")).isEqualByComparingTo("10");
        assertThat(shop.sourceQuantity("MUG-011", "default")).isEqualByComparingTo("12");
    }

    @Test
    void pricesGoInBatchesAndAnUnknownSkuIsRefusedWithTheShopsRenderedMessage() {
        CatalogueChannel channel = channel(new CatalogueSettings(null, null, 2, null, null, null, null, null, null, null));
        channel.publish(mug("MUG-020", "1"));
        channel.publish(mug("MUG-021", "1"));
        channel.publish(mug("MUG-022", "1"));

        List<ChannelOutcome> outcomes = channel.setPrices(List.of(new PriceChange("MUG-020", new BigDecimal("20")),
                new PriceChange("MUG-021", new BigDecimal("21")), new PriceChange("GONE-9", new BigDecimal("9")),
                new PriceChange("MUG-022", new BigDecimal("22.5"))));

        assertThat(outcomes).extracting(ChannelOutcome::kind).containsExactly(ChannelOutcome.Kind.DONE,
                ChannelOutcome.Kind.DONE, ChannelOutcome.Kind.REFUSED, ChannelOutcome.Kind.DONE);
        assertThat(outcomes.get(2).message()).isEqualTo("Invalid attribute SKU = GONE-9.");
        assertThat(shop.calls("POST /V1/products/base-prices")).isEqualTo(2);
        assertThat(shop.product("MUG-022").path("price").decimalValue()).isEqualByComparingTo("22.5");
        assertThat(last("POST").bodyJson().path("prices").get(0).path("store_id").asInt()).isZero();
    }

    @Test
    void aShopWithoutMsiGetsItsQuantitiesThroughTheStockItemsAndIsAskedOnlyOnce() {
        shop.msi(false);
        ShopAccount account = account(settings(null), ShopCredentials.AuthMode.OAUTH1);
        CatalogueChannel channel = catalogue.channel(account);
        channel.publish(mug("MUG-030", "1"));

        List<ChannelOutcome> first = channel.setQuantities(List.of(new QuantityChange("MUG-030", new BigDecimal("8"))));
        List<ChannelOutcome> again = catalogue.channel(account).setQuantities(
                List.of(new QuantityChange("MUG-030", new BigDecimal("9"))));

        assertThat(first.get(0).kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(again.get(0).kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.calls("GET /V1/inventory/sources")).isZero(); // a 404 route is not counted as a call
        assertThat(shop.requests()).filteredOn(r -> r.path().endsWith("/V1/inventory/sources")).hasSize(1);
        assertThat(shop.calls("POST /V1/inventory/source-items")).isZero();
        assertThat(shop.calls("PUT /V1/products/{sku}/stockItems/{itemId}")).isEqualTo(2);
        assertThat(shop.product("MUG-030").path("extension_attributes").path("stock_item").path("qty").decimalValue())
                .isEqualByComparingTo("9");
        assertThat(createBody().path("product").path("extension_attributes").path("stock_item").path("qty").asInt())
                .isEqualTo(1);
    }

    @Test
    void aProductTheShopRefusesIsRefusedWithMagentosMessageAndAnOutageIsRetryLater() {
        CatalogueChannel channel = channel(settings(null));

        ChannelOutcome refused = channel.publish(new CatalogueProduct("MUG-040", "Tazza", null, BigDecimal.ONE,
                BigDecimal.ONE, null, true, 77, null, null));
        shop.failAllRequests(1, 503);
        ChannelOutcome down = channel.publish(mug("MUG-041", "1"));
        ChannelOutcome wrongWebsite = channel.publish(new CatalogueProduct("MUG-042", "Tazza 42", null, BigDecimal.ONE,
                BigDecimal.ONE, null, true, null, List.of(5), null));

        assertThat(refused.kind()).isEqualTo(ChannelOutcome.Kind.REFUSED);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).endsWith("Invalid product data: Invalid attribute set entity type");
        assertThat(down.kind()).isEqualTo(ChannelOutcome.Kind.RETRY_LATER);
        assertThat(down.status()).isEqualTo(503);
        assertThat(wrongWebsite.kind()).isEqualTo(ChannelOutcome.Kind.REFUSED);
        assertThat(wrongWebsite.message()).contains("The website with id 5 that was requested wasn't found");
        assertThat(shop.products()).isEmpty();
    }

    @Test
    void theBearerModeAndTheOAuthModeSignTheSameCatalogueCalls() {
        ShopAccount bearer = account(settings(null), ShopCredentials.AuthMode.BEARER);

        ChannelOutcome published = catalogue.channel(bearer).publish(mug("MUG/050", "1"));

        assertThat(published.kind()).isEqualTo(ChannelOutcome.Kind.DONE);
        assertThat(shop.requests()).allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer "));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static CatalogueProduct mug(String sku, String quantity) {
        return new CatalogueProduct(sku, "Tazza " + sku, "Una tazza in ceramica", new BigDecimal("12.5"),
                new BigDecimal(quantity), new BigDecimal("0.3"), true, null, null, Map.of("color", "bianco"));
    }

    private static CatalogueSettings settings(String stopBy) {
        return new CatalogueSettings(null, null, null, null, null, null, null, null, stopBy, null);
    }

    private CatalogueChannel channel(CatalogueSettings settings) {
        return catalogue.channel(account(settings, ShopCredentials.AuthMode.OAUTH1));
    }

    private ShopAccount account(CatalogueSettings catalogueSettings, ShopCredentials.AuthMode mode) {
        AccountSettings settings = new AccountSettings(null, false, null, null, null, null, null, null, null, null,
                null, null, catalogueSettings);
        return new ShopAccount("catalogue-" + ACCOUNTS.incrementAndGet(), "Catalogue", Platform.MAGENTO, shop.baseUrl(),
                "it", new ShopCredentials(mode, TestShops.SHOP.consumerKey(), TestShops.SHOP.consumerSecret(),
                        TestShops.SHOP.accessToken(), TestShops.SHOP.accessTokenSecret()), settings, null);
    }

    private MagentoSimulator.RecordedRequest last(String method) {
        List<MagentoSimulator.RecordedRequest> calls = shop.requests().stream()
                .filter(r -> r.method().equals(method)).toList();
        return calls.get(calls.size() - 1);
    }

    private JsonNode createBody() {
        return shop.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/V1/products"))
                .reduce((a, b) -> b).orElseThrow().bodyJson();
    }
}
