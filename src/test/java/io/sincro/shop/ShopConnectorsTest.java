package io.sincro.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sincro.shop.magento.MagentoCustomers;
import io.sincro.shop.magento.MagentoOrders;
import io.sincro.shop.magento.MagentoStateChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry the flows ask for an account's connector: by platform, and a reason when there is none. */
class ShopConnectorsTest {

    private final MagentoOrders magentoOrders = new MagentoOrders(null);
    private final ShopConnectors connectors = new ShopConnectors(List.of(magentoOrders),
            List.of(new MagentoCustomers(null)), List.of(new MagentoStateChannel(null)), List.of());

    @Test
    void eachPlatformGetsItsOwnConnector() {
        assertThat(connectors.orders(Platform.MAGENTO)).isSameAs(magentoOrders);
        assertThat(connectors.canReadOrders(Platform.MAGENTO)).isTrue();
    }

    @Test
    void aPlatformWithoutAConnectorIsRefusedWithAReasonPerCapability() {
        assertThat(connectors.canReadOrders(Platform.PRESTASHOP)).isFalse();
        assertThatThrownBy(() -> connectors.orders(Platform.PRESTASHOP)).isInstanceOf(ShopException.Rejected.class)
                .hasMessage("a PRESTASHOP account cannot read orders through the hub");
        assertThatThrownBy(() -> connectors.customers(Platform.PRESTASHOP)).isInstanceOf(ShopException.Rejected.class)
                .hasMessage("a PRESTASHOP account cannot read customers through the hub");
        assertThatThrownBy(() -> connectors.states(Platform.STOREFRONT)).isInstanceOf(ShopException.Rejected.class)
                .hasMessage("a STOREFRONT account cannot receive order states through the hub");
        ShopAccount magento = new ShopAccount("shop-it", "Shop", Platform.MAGENTO, "https://shop.example.it", "it",
                null, AccountSettings.defaults(), null);
        assertThatThrownBy(() -> connectors.catalogue(magento)).as("no catalogue connector given")
                .isInstanceOf(ShopException.Rejected.class)
                .hasMessage("a MAGENTO account cannot publish a catalogue through the hub");
    }

    @Test
    void twoConnectorsForOnePlatformAreAMistakeFoundAtStart() {
        assertThatThrownBy(() -> new ShopConnectors(List.of(magentoOrders, new MagentoOrders(null)), List.of(),
                List.of(), List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two connectors for MAGENTO");
    }
}
