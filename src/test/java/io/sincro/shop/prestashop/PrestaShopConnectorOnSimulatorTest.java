package io.sincro.shop.prestashop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.erp.ErpDocumentTotal;
import io.sincro.model.CatalogueProduct;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.Order;
import io.sincro.model.ProductChange;
import io.sincro.model.QuantityChange;
import io.sincro.model.ShopDocument;
import io.sincro.model.StatePushed;
import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PrestaShop connector against the sandbox's PrestaShop simulator (real HTTP, its generated Italian
 * shop), every request checked against the webservice facts by the contract extension: the whole shop's
 * orders read and mapped so that each ERP document totals what the shop charged, the boundary second read
 * again, states pushed once with the shop's own ids, the code-46 tracking answer counted done, and the
 * catalogue written without a POST on stock or a read-only field.
 */
class PrestaShopConnectorOnSimulatorTest {

    static final String KEY = "SANDBOXKEY0000000000000000000042";

    PrestaShopSimulator simulator;
    final PrestaShopClient client = PrestaShopWebservice.client();
    final PrestaShopConfiguration configuration = new PrestaShopConfiguration(client, Duration.ofMinutes(10));

    PrestaShopSimulator start(SandboxPrestaShop.StateIds states) {
        PrestaShopShop shop = SandboxPrestaShop.generate(42, 30,
                LocalDateTime.now(PrestaShopShop.SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS), states);
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)), shop);
        return simulator;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            assertThat(simulator.requests()).as("the hub never deletes").noneMatch(r -> r.method().equals("DELETE"));
            simulator.close();
        }
    }

    ShopAccount account(int pageSize) {
        AccountSettings settings = new AccountSettings(null, true, null, Map.of("ps_wirepayment", "2"), Map.of(), null,
                null, pageSize, null, null, null, null, null, PrestaShopSettings.defaults());
        return new ShopAccount("sandbox-prestashop", "Sandbox PrestaShop", Platform.PRESTASHOP, simulator.baseUrl(),
                "default", new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, null, null, KEY, null), settings, null);
    }

    List<RawShopOrder> readAll(PrestaShopOrders source, ShopAccount account, Instant from) {
        OrderPoll poll = new OrderPoll(account, from);
        List<RawShopOrder> read = new ArrayList<>();
        while (poll.hasMorePages()) {
            read.addAll(source.nextPage(poll));
        }
        return read;
    }

    @Test
    void everyOrderOfTheShopIsMappedSoThatItsErpDocumentTotalsWhatTheShopCharged() {
        start(SandboxPrestaShop.StateIds.freshInstall());
        PrestaShopOrders source = new PrestaShopOrders(client, configuration);
        ShopAccount account = account(7);

        List<RawShopOrder> read = readAll(source, account, Instant.now().minus(60, ChronoUnit.DAYS));

        Set<String> ids = new LinkedHashSet<>();
        read.forEach(raw -> ids.add(raw.shopOrderId()));
        assertThat(ids).isNotEmpty();
        for (RawShopOrder raw : read) {
            Order order = source.toOrder(account, raw);
            assertThat(order.lines()).as("order %s", raw.shopOrderId()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line.sku()).isNotBlank());
            assertThat(order.customer().email()).as("order %s", raw.shopOrderId()).contains("@");
            assertThat(order.billing().country()).isEqualTo("IT");
            assertThat(order.currency()).isEqualTo("EUR");
            assertThat(ErpDocumentTotal.of(order).differenceFrom(order.grandTotal()))
                    .as("order %s: %s against %s", raw.shopOrderId(), ErpDocumentTotal.of(order), order.grandTotal())
                    .isLessThanOrEqualTo(new BigDecimal("0.01"));
        }
        assertThat(simulator.calls("GET", "countries")).as("once per run").isEqualTo(1);
    }

    @Test
    void theOrdersOfTheBoundarySecondAreReadAgainByTheNextRunAndNothingIsMissed() {
        start(SandboxPrestaShop.StateIds.freshInstall());
        PrestaShopOrders source = new PrestaShopOrders(client, configuration);
        ShopAccount account = account(50);
        List<RawShopOrder> first = readAll(source, account, Instant.now().minus(60, ChronoUnit.DAYS));
        Instant watermark = first.stream().map(RawShopOrder::updatedAt).max(Instant::compareTo).orElseThrow();
        Set<String> atTheWatermark = new LinkedHashSet<>();
        first.stream().filter(o -> o.updatedAt().equals(watermark)).forEach(o -> atTheWatermark.add(o.importKey()));

        List<RawShopOrder> next = readAll(source, account, watermark);

        assertThat(atTheWatermark).as("the sandbox shop's last second has two orders").hasSizeGreaterThanOrEqualTo(2);
        assertThat(next).extracting(RawShopOrder::importKey).containsExactlyInAnyOrderElementsOf(atTheWatermark);
    }

    @Test
    void statesArePostedOnceWithTheShopsOwnIdsAndTheCode46TrackingIsCountedDone() {
        start(SandboxPrestaShop.StateIds.shifted(20));
        PrestaShopStates states = new PrestaShopStates(client, configuration);
        ShopAccount account = account(50);
        String orderId = String.valueOf(simulator.shop().all("orders").get(0).id());
        simulator.carrierMailFails(1);
        ShopDocument note = new ShopDocument(orderId, "R-" + orderId, "BC+1+7/2026", "[sincro:BC+1+7/2026]", List.of(),
                new ShopDocument.Tracking("00340434161094042557", "BRT"), "Delivery note BC+1+7/2026");

        StatePushed shipped = states.ship(account, note);
        StatePushed again = states.ship(account, note);
        StatePushed cancelled = states.cancel(account, orderId, "R-" + orderId);
        StatePushed cancelledAgain = states.cancel(account, orderId, "R-" + orderId);

        long shipping = simulator.shop().stateId("PS_OS_SHIPPING");
        assertThat(shipping).as("not the fresh install's 4").isEqualTo(24);
        assertThat(shipped.result()).contains("moved to state PS_OS_SHIPPING = 24").contains("tracking 00340434161094042557 set");
        assertThat(again.result()).contains("already shipped").contains("already on the order");
        assertThat(cancelled.result()).contains("moved to state PS_OS_CANCELED = 26");
        assertThat(cancelledAgain.result()).contains("already cancelled");
        assertThat(simulator.calls("POST", "order_histories")).as("one post per state change").isEqualTo(2);
        assertThat(simulator.calls("PUT", "order_carriers")).as("the code 46 was read back, not sent again").isEqualTo(1);
        assertThat(simulator.shop().orderCarrier(Long.parseLong(orderId)).get("tracking_number"))
                .isEqualTo("00340434161094042557");
        assertThat(simulator.shop().order(Long.parseLong(orderId)).get("current_state")).isEqualTo("26");
    }

    @Test
    void theCatalogueIsWrittenByReferenceWithoutPostingStockOrSendingReadOnlyFields() {
        start(SandboxPrestaShop.StateIds.freshInstall());
        CatalogueChannel channel = new PrestaShopCatalogue(client).channel(account(50));

        ChannelOutcome linked = channel.publish(CatalogueProduct.of("MUG-001", "Tazza in ceramica", null,
                new BigDecimal("10"), new BigDecimal("12"), null));
        // without a quantity: its stock row, made by the shop with the product, stays at 0
        ChannelOutcome created = channel.publish(CatalogueProduct.of("TAZZA-NUOVA", "Tazza nuova", "Una tazza nuova",
                new BigDecimal("11.5"), null, null));
        ChannelOutcome createdAgain = channel.publish(CatalogueProduct.of("TAZZA-NUOVA", "Tazza nuova", null,
                new BigDecimal("11.5"), null, null));
        ChannelOutcome renamed = channel.modify(new ProductChange("MUG-001", "Tazza grande", null, new BigDecimal("12"),
                null, null, null));
        List<ChannelOutcome> quantities = channel.setQuantities(List.of(new QuantityChange("MUG-001", new BigDecimal("7")),
                new QuantityChange("BORRACCIA-750", new BigDecimal("9"))));
        ChannelOutcome stopped = channel.stop("MUG-001");

        assertThat(List.of(created, renamed, stopped)).extracting(ChannelOutcome::kind)
                .containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(List.of(linked, createdAgain)).extracting(ChannelOutcome::kind)
                .containsOnly(ChannelOutcome.Kind.LINKED_EXISTING);
        assertThat(quantities).extracting(ChannelOutcome::kind).containsOnly(ChannelOutcome.Kind.DONE);
        assertThat(simulator.calls("POST", "products")).isEqualTo(1);
        assertThat(simulator.calls("POST", "stock_availables")).isZero();
        var mug = simulator.shop().productByReference("MUG-001").orElseThrow();
        assertThat(mug.get("active")).isEqualTo("0");
        assertThat(new BigDecimal(mug.get("price"))).isEqualByComparingTo("12");
        assertThat(simulator.shop().stockAvailable(mug.id()).orElseThrow().get("quantity")).isEqualTo("7");
        var bottle = simulator.shop().productByReference("BORRACCIA-750").orElseThrow();
        assertThat(simulator.shop().stockAvailable(bottle.id()).orElseThrow().get("quantity")).isEqualTo("9");
        var newMug = simulator.shop().productByReference("TAZZA-NUOVA").orElseThrow();
        assertThat(newMug.get("reference")).isEqualTo("TAZZA-NUOVA");
        assertThat(new BigDecimal(newMug.get("price"))).isEqualByComparingTo("11.5");
    }
}
