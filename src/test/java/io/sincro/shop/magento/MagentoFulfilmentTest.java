package io.sincro.shop.magento;

import io.sincro.http.TestHttp;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.sincro.TestShops;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Magento side of the push-back over real HTTP: MSI sources on shipments, bundles shipped separately. */
class MagentoFulfilmentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MagentoSimulator shop = MagentoSimulator.start(0, "it", TestShops.SHOP,
            SandboxShop.generate(31, 20, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    static final MagentoClient client = TestHttp.magento(JSON,
            new ShopProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(2), true));
    static final MagentoFulfilment fulfilment = new MagentoFulfilment(client, JSON);

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void anMsiShopsShipmentLeavesFromTheAccountsSource() {
        ObjectNode order = openOrder();
        long id = order.path("entity_id").asLong();
        MagentoFulfilment.Item first = fulfilment.order(account(shop.baseUrl(), "magazzino-milano"), id).items().get(0);

        fulfilment.ship(account(shop.baseUrl(), "magazzino-milano"), id, Map.of(first.itemId(), BigDecimal.ONE), null,
                "Delivery note BC+1+7 [sincro:BC+1+7]");

        JsonNode shipment = shop.shop().shipments(id).get(0);
        assertThat(shipment.path("extension_attributes").path("source_code").asText()).isEqualTo("magazzino-milano");
        assertThat(lastShipBody()).contains("\"source_code\":\"magazzino-milano\"");
    }

    @Test
    void aShopWithoutMsiSendsNoSourceAndMagentoTakesItsDefault() {
        ObjectNode order = openOrder();
        long id = order.path("entity_id").asLong();
        MagentoFulfilment.Item first = fulfilment.order(account(shop.baseUrl(), null), id).items().get(0);

        fulfilment.ship(account(shop.baseUrl(), null), id, Map.of(first.itemId(), BigDecimal.ONE), null, "BC+1+8");

        assertThat(lastShipBody()).doesNotContain("arguments");
        assertThat(shop.shop().shipments(id).get(0).path("extension_attributes").path("source_code").asText())
                .isEqualTo("default");
    }

    @Test
    void aBundlesComponentsAreItemsAndAShipmentOfThemCarriesTheBundleToo() {
        WireMockServer magento = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        magento.start();
        try {
            ObjectNode bundle = MagentoOrderFixtures.load(MagentoOrderFixtures.BUNDLE);
            magento.stubFor(get(urlPathEqualTo("/rest/it/V1/orders/5")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(bundle.toString())));

            MagentoFulfilment.ShopOrder read = fulfilment.order(account(magento.baseUrl(), null), 5);

            assertThat(read.items()).extracting(MagentoFulfilment.Item::itemId, MagentoFulfilment.Item::bundleItemId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(51L, null),
                            org.assertj.core.groups.Tuple.tuple(52L, 51L), org.assertj.core.groups.Tuple.tuple(53L, 51L));
            // the ERP delivered the two components: the bundle's item goes with them (1 bundle), whichever way
            // the shop ships this bundle
            assertThat(MagentoFulfilment.withWholeBundles(read, Map.of(52L, BigDecimal.ONE, 53L, new BigDecimal("2"))))
                    .containsEntry(51L, BigDecimal.ONE).containsEntry(52L, BigDecimal.ONE)
                    .containsEntry(53L, new BigDecimal("2"));
            // and a bundle shipped as one brings its components in proportion
            assertThat(MagentoFulfilment.withWholeBundles(read, Map.of(51L, BigDecimal.ONE)))
                    .containsEntry(52L, BigDecimal.ONE).containsEntry(53L, new BigDecimal("2"));
        } finally {
            magento.stop();
        }
    }

    /** An order of the generated shop with everything still to ship. */
    private static ObjectNode openOrder() {
        synchronized (shop) {
            ObjectNode order = shop.shop().orders().stream()
                    .filter(o -> o.path("state").asText().equals("processing") || o.path("state").asText().equals("new"))
                    .filter(o -> shop.shop().shipments(o.path("entity_id").asLong()).isEmpty())
                    .findFirst().orElseThrow();
            // claim it for this test: nothing else ships it
            shop.shop().updateOrder(order.path("entity_id").asLong(), o -> o.put("state", "processing"));
            return order;
        }
    }

    private static String lastShipBody() {
        return shop.requests().stream().filter(r -> r.path().endsWith("/ship")).reduce((a, b) -> b).orElseThrow()
                .body();
    }

    private static ShopAccount account(String baseUrl, String source) {
        AccountSettings settings = new AccountSettings(null, false, null, null, null, null, null, null, null, null, null,
                source);
        return new ShopAccount("shop", "Shop", Platform.MAGENTO, baseUrl, "it",
                new ShopCredentials(ShopCredentials.AuthMode.OAUTH1, TestShops.SHOP.consumerKey(),
                        TestShops.SHOP.consumerSecret(), TestShops.SHOP.accessToken(), TestShops.SHOP.accessTokenSecret()),
                settings, null);
    }
}
