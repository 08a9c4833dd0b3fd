package io.sincro.shop.prestashop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sincro.sandbox.prestashop.PrestaShopShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One order the shop cannot output (a PHP warning in its rows: PrestaShop answers 500 for every list that
 * shows it) does not stop its page: the connector reads that page again order by order, and only the broken
 * order is left for its own import to fail; a page without failure costs the calls it always did.
 */
class PrestaShopUnreadableOrderTest {

    static final String KEY = "SANDBOXKEY0000000000000000000042";
    static final int PAGE = 10;
    static final Instant FROM = Instant.now().minus(60, ChronoUnit.DAYS);

    PrestaShopSimulator simulator;
    final PrestaShopClient client = PrestaShopWebservice.client();
    final PrestaShopConfiguration configuration = new PrestaShopConfiguration(client, Duration.ofMinutes(10));
    ShopAccount account;
    /** The first page's orders, as a reading without fault finds them. */
    List<String> firstPage;

    @BeforeEach
    void start() {
        PrestaShopShop shop = SandboxPrestaShop.generate(42, 30,
                LocalDateTime.now(PrestaShopShop.SHOP_ZONE).truncatedTo(ChronoUnit.SECONDS),
                SandboxPrestaShop.StateIds.freshInstall());
        simulator = PrestaShopSimulator.start(0, List.of(PrestaShopSimulator.fullKey(KEY)), shop);
        AccountSettings settings = new AccountSettings(null, true, null, Map.of("ps_wirepayment", "2"), Map.of(), null,
                null, PAGE, null, null, null, null, null, PrestaShopSettings.defaults());
        account = new ShopAccount("sandbox-prestashop", "Sandbox PrestaShop", Platform.PRESTASHOP, simulator.baseUrl(),
                "default", new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, null, null, KEY, null), settings, null);
        firstPage = new PrestaShopOrders(client, configuration).nextPage(new OrderPoll(account, FROM)).stream()
                .map(RawShopOrder::shopOrderId).toList();
        assertThat(firstPage).hasSize(PAGE);
        simulator.clearRequests();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aPageWithoutFailureCostsOneCallPerResource() {
        List<RawShopOrder> page = new PrestaShopOrders(client, configuration).nextPage(new OrderPoll(account, FROM));

        assertThat(page).extracting(RawShopOrder::shopOrderId).isEqualTo(firstPage);
        assertThat(simulator.requests()).extracting(PrestaShopSimulator.RecordedRequest::path)
                .containsOnlyOnce("/api/orders", "/api/order_details", "/api/customers", "/api/addresses");
        assertThat(simulator.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void oneUnreadableOrderOfAPageOfTenIsLeftToFailAloneAndTheOtherNineAreReadWithTheirLookUps() {
        String bad = firstPage.get(3);
        simulator.makeUnreadable(Long.parseLong(bad));
        PrestaShopOrders source = new PrestaShopOrders(client, configuration);

        List<RawShopOrder> page = source.nextPage(new OrderPoll(account, FROM));

        assertThat(page).extracting(RawShopOrder::shopOrderId).as("the whole page, in its order").isEqualTo(firstPage);
        RawShopOrder unreadable = page.get(3);
        assertThat(unreadable.payload().has(PrestaShopOrderMapper.LOOKUPS)).isFalse();
        assertThat(unreadable.updatedAt()).as("it still holds the watermark at its place").isNotNull();
        assertThat(page).filteredOn(o -> !o.shopOrderId().equals(bad))
                .allSatisfy(o -> assertThat(o.payload().has(PrestaShopOrderMapper.LOOKUPS)).isTrue());

        List<PrestaShopSimulator.RecordedRequest> orderCalls = simulator.requests().stream()
                .filter(r -> r.path().equals("/api/orders")).toList();
        assertThat(orderCalls.get(0).query()).containsEntry("display", "full");
        assertThat(orderCalls.get(0).status()).isEqualTo(500);
        assertThat(orderCalls.get(1).query()).as("the page's ids, without the rows that cannot be output")
                .containsEntry("display", "[id,date_upd]").containsEntry("limit", "0," + PAGE)
                .containsEntry("sort", "[date_upd_ASC,id_ASC]");
        assertThat(orderCalls.get(1).status()).isEqualTo(200);
        assertThat(orderCalls.subList(2, orderCalls.size())).as("then each order alone")
                .extracting(r -> r.query().get("filter[id]")).containsExactlyElementsOf(
                        firstPage.stream().map(id -> "[" + id + "]").toList());
        assertThat(orderCalls.subList(2, orderCalls.size())).filteredOn(r -> r.status() == 500)
                .extracting(r -> r.query().get("filter[id]")).containsExactly("[" + bad + "]");
        assertThat(simulator.requests()).filteredOn(r -> r.path().equals("/api/order_details"))
                .as("the look-ups of the nine others, one by one").hasSize(PAGE - 1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));

        // its own import reads it again and fails with the shop's cause: retried, then dead-lettered by the flow
        assertThatThrownBy(() -> source.toOrder(account, unreadable)).isInstanceOf(ShopException.Unavailable.class)
                .hasMessageContaining("500").hasMessageContaining("PHP Warning");
        // once the merchant has repaired it, the same raw order (a dead letter's payload) is imported
        simulator.resetFaults();
        assertThat(source.toOrder(account, unreadable).lines()).isNotEmpty();
    }

    @Test
    void thePageIsReadOrderByOrderOnlyOnTheFlowsLastAttempt() {
        simulator.makeUnreadable(Long.parseLong(firstPage.get(0)));
        PrestaShopOrders source = new PrestaShopOrders(client, configuration, 2);
        OrderPoll poll = new OrderPoll(account, FROM);

        // the flow redelivers the step twice: those attempts fail as the page does
        assertThatThrownBy(() -> source.nextPage(poll)).isInstanceOf(ShopException.Unavailable.class);
        assertThatThrownBy(() -> source.nextPage(poll)).isInstanceOf(ShopException.Unavailable.class);
        assertThat(simulator.requests()).as("no fallback yet").hasSize(2);
        List<RawShopOrder> page = source.nextPage(poll);

        assertThat(page).extracting(RawShopOrder::shopOrderId).isEqualTo(firstPage);
        assertThat(page.get(0).payload().has(PrestaShopOrderMapper.LOOKUPS)).isFalse();
        assertThat(page.subList(1, PAGE)).allSatisfy(o -> assertThat(o.payload().has(PrestaShopOrderMapper.LOOKUPS)).isTrue());
    }

    @Test
    void aPageTheShopCannotListEvenByIdStillFailsTheAttempt() {
        simulator.failOrderListCall(1, 10, 500);
        PrestaShopOrders source = new PrestaShopOrders(client, configuration);

        assertThatThrownBy(() -> source.nextPage(new OrderPoll(account, FROM)))
                .isInstanceOf(ShopException.Unavailable.class).hasMessageContaining("500");
        assertThat(simulator.requests()).extracting(r -> r.query().get("display"))
                .containsExactly("full", "[id,date_upd]");
    }
}
