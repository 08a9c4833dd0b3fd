package io.sincro.shop.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.PriceChange;
import io.sincro.model.QuantityChange;
import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.sandbox.prestashop.WsRow;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A multistore PrestaShop (shops 1 and 2, the whole catalogue in both, stock kept per shop): an account that
 * names shop 2 changes shop 2's stock and product fields and nothing of shop 1's, every call in shop 2's
 * context; an account that names no shop sends no shop context, as on a single shop.
 */
class PrestaShopMultistoreCatalogueTest {

    static final String KEY = "SANDBOXKEY0000000000000000000042";
    static final long DEFAULT_SHOP = SandboxPrestaShop.SHOP_ID;
    static final long SECOND_SHOP = 2;

    PrestaShopSimulator simulator;
    PrestaShopShop data;
    final PrestaShopCatalogue catalogue = new PrestaShopCatalogue(PrestaShopWebservice.client());

    @BeforeEach
    void start() {
        data = SandboxPrestaShop.generate(42, 30, LocalDateTime.now(PrestaShopShop.SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS),
                SandboxPrestaShop.StateIds.freshInstall());
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY).onShops(DEFAULT_SHOP, SECOND_SHOP)),
                data);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    CatalogueChannel channel(Integer shopId) {
        AccountSettings settings = new AccountSettings(null, true, null, Map.of("ps_wirepayment", "2"), Map.of(), null,
                null, 50, null, null, null, null, null, new PrestaShopSettings(shopId, null, null, null, null, null, null));
        return catalogue.channel(new ShopAccount("sandbox-prestashop", "Sandbox PrestaShop", Platform.PRESTASHOP,
                simulator.baseUrl(), "default", new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, null, null, KEY, null),
                settings, null));
    }

    WsRow product(String reference, long shop) {
        long id = data.productByReference(reference).orElseThrow().id();
        return data.productInShop(id, shop, DEFAULT_SHOP).orElseThrow();
    }

    String quantity(String reference, long shop) {
        long id = data.productByReference(reference).orElseThrow().id();
        return data.where("stock_availables", s -> s.getLong("id_product") == id && s.getLong("id_product_attribute") == 0
                && s.getLong("id_shop") == shop).get(0).get("quantity");
    }

    @Test
    void aMultistoreAccountsListingTransactionsChangeOnlyItsShopsStockAndProduct() {
        data.openShop(SECOND_SHOP, DEFAULT_SHOP, 40);
        String mugPrice = product("MUG-001", DEFAULT_SHOP).get("price");
        String mugStock = quantity("MUG-001", DEFAULT_SHOP);
        CatalogueChannel channel = channel((int) SECOND_SHOP);

        List<ChannelOutcome> quantities = channel.setQuantities(List.of(new QuantityChange("MUG-001", new BigDecimal("7"))));
        List<ChannelOutcome> prices = channel.setPrices(List.of(new PriceChange("MUG-001", new BigDecimal("15"))));
        ChannelOutcome stopped = channel.stop("BORRACCIA-750");
        ChannelOutcome created = channel.publish(CatalogueProduct.of("TAZZA-NUOVA", "Tazza nuova", null,
                new BigDecimal("11.5"), null, null));

        assertThat(quantities).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(prices).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(List.of(stopped, created)).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(quantity("MUG-001", SECOND_SHOP)).isEqualTo("7");
        assertThat(new BigDecimal(product("MUG-001", SECOND_SHOP).get("price"))).isEqualByComparingTo("15");
        assertThat(product("BORRACCIA-750", SECOND_SHOP).get("active")).isEqualTo("0");
        assertThat(data.shopsOf(Long.parseLong(created.platformId()), DEFAULT_SHOP)).containsExactly(SECOND_SHOP);
        // shop 1 as it was
        assertThat(quantity("MUG-001", DEFAULT_SHOP)).isEqualTo(mugStock);
        assertThat(product("MUG-001", DEFAULT_SHOP).get("price")).isEqualTo(mugPrice);
        assertThat(product("BORRACCIA-750", DEFAULT_SHOP).get("active")).isEqualTo("1");
        assertThat(simulator.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.query()).as(r.method() + " " + r.path()).containsEntry("id_shop", "2"));
        assertThat(simulator.requests()).filteredOn(r -> r.path().equals("/api/stock_availables") && r.method().equals("GET"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("filter[id_shop]", "[2|0]"));
    }

    @Test
    void theStockOfAShopWhoseGroupSharesItIsTheGroupsRow() {
        data.openShop(SECOND_SHOP, DEFAULT_SHOP, 40);
        long mug = data.productByReference("MUG-001").orElseThrow().id();
        // shop 2's group shares its stock: PrestaShop keeps one row for the group, id_shop 0
        data.where("stock_availables", s -> s.getLong("id_product") == mug && s.getLong("id_shop") == SECOND_SHOP)
                .forEach(s -> data.replace("stock_availables", s.set("id_shop", 0).set("id_shop_group", 2)));

        List<ChannelOutcome> outcomes = channel((int) SECOND_SHOP)
                .setQuantities(List.of(new QuantityChange("MUG-001", new BigDecimal("3"))));

        assertThat(outcomes).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(quantity("MUG-001", 0)).isEqualTo("3");
        assertThat(quantity("MUG-001", DEFAULT_SHOP)).isNotEqualTo("3");
    }

    @Test
    void anAccountThatNamesNoShopSendsNoShopContextAsOnASingleShop() {
        String bottlePrice = product("BORRACCIA-750", DEFAULT_SHOP).get("price");
        CatalogueChannel channel = channel(null);

        List<ChannelOutcome> quantities = channel.setQuantities(List.of(new QuantityChange("MUG-001", new BigDecimal("7"))));
        List<ChannelOutcome> prices = channel.setPrices(List.of(new PriceChange("MUG-001", new BigDecimal("15"))));

        assertThat(quantities).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(prices).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(quantity("MUG-001", DEFAULT_SHOP)).isEqualTo("7");
        assertThat(new BigDecimal(product("MUG-001", DEFAULT_SHOP).get("price"))).isEqualByComparingTo("15");
        assertThat(product("BORRACCIA-750", DEFAULT_SHOP).get("price")).isEqualTo(bottlePrice);
        assertThat(simulator.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.query().keySet())
                .as(r.method() + " " + r.path()).doesNotContain("id_shop").noneMatch(k -> k.equals("filter[id_shop]")));
        assertThat(data.shopsOf(data.productByReference("MUG-001").orElseThrow().id(), DEFAULT_SHOP))
                .isEqualTo(Set.of(DEFAULT_SHOP));
    }
}
