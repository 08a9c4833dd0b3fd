package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.MigratedStores;
import io.sincro.TestShops;
import io.sincro.model.Address;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.store.SecretsAtRest;
import io.sincro.store.ShopAccounts;
import io.sincro.store.StoresForTests;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a NEW order needs written into the ERP before it, as its intake finds it (the partial sync takes it from
 * there, without reading the store again): its customer while the ERP does not have it, and the articles the hub
 * coded that are still waiting; the ERP's own articles and a customer the ERP has are not needs.
 */
class OrderIntakeErpNeedsTest {

    StoresForTests stores;
    OrderIntake intake;

    @BeforeEach
    void hub() {
        stores = new StoresForTests(MigratedStores.hsqldb("intake-needs"));
        ShopAccounts accounts = new ShopAccounts(stores.jdbc, new ObjectMapper(), new SecretsAtRest(
                TestShops.secretsKey()));
        accounts.create(new ShopAccount("shop", "Shop", Platform.MAGENTO, "https://shop.example.it", "default",
                new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, "token", null),
                new AccountSettings(List.of("processing"), true, null, Map.of("checkmo", "RB"), null, "1", null,
                        null, null, null, null, null), null));
        intake = new OrderIntake(accounts, stores.orders, stores.customers, stores.articles, 20);
        stores.articles.mirrorFromErp("ERP-1", null, "Articolo dell'ERP", "22", "pz");
    }

    @Test
    void aNewBuyersOrderNeedsItsCustomerAndTheArticlesTheHubCoded() {
        OrderOutcome first = store("1", "mario@example.it", "ERP-1", "NEW-1");

        assertThat(first.result()).isEqualTo(OrderOutcome.Result.IMPORTED);
        assertThat(first.erpNeeds()).isNotNull();
        assertThat(first.erpNeeds().pendingCustomer()).isEqualTo(customerOf(first));
        assertThat(first.erpNeeds().pendingArticles()).containsExactly("NEW-1");

        // the same buyer again, not yet in the ERP: still a need (the run's feed hands it over once)
        OrderOutcome second = store("2", "mario@example.it", "NEW-1");
        assertThat(second.erpNeeds().pendingCustomer()).isEqualTo(customerOf(first));
        assertThat(second.erpNeeds().pendingArticles()).containsExactly("NEW-1");
    }

    @Test
    void aCustomerAndAnArticleTheErpHasAreNoLongerNeeds() {
        OrderOutcome first = store("1", "mario@example.it", "NEW-1");
        stores.customers.erpCoded(customerOf(first), "501.00001");
        stores.articles.erpSynced("NEW-1");

        OrderOutcome second = store("2", "mario@example.it", "NEW-1", "ERP-1");

        assertThat(second.erpNeeds().pendingCustomer()).isNull();
        assertThat(second.erpNeeds().pendingArticles()).isEmpty();
    }

    @Test
    void aHeldOrderNeedsNothingYet() {
        OrderOutcome held = store("1", "no-email", "NEW-1");

        assertThat(held.result()).isEqualTo(OrderOutcome.Result.HELD);
        assertThat(held.erpNeeds()).isNull();
    }

    private long customerOf(OrderOutcome outcome) {
        return stores.orders.get(outcome.orderId()).orElseThrow().customerId();
    }

    private OrderOutcome store(String id, String email, String... skus) {
        OrderCustomer buyer = new OrderCustomer(null, email, "Mario", "Rossi", null, null, null, null, null, null);
        Address address = new Address("Mario", "Rossi", null, "Via Roma 1", "Milano", "20100", "MI", "IT", null);
        List<OrderLine> lines = java.util.Arrays.stream(skus).map(sku -> new OrderLine(sku, "Articolo " + sku,
                BigDecimal.ONE, new BigDecimal("10.00"), BigDecimal.ZERO, new BigDecimal("22"), null)).toList();
        Order order = new Order("shop", id, "10000000" + id, "processing", Instant.now(), Instant.now(), "EUR", buyer,
                address, address, lines, List.of(), "checkmo", "flatrate_flatrate", null);
        RawShopOrder raw = new RawShopOrder("shop", id, order.number(), order.updatedAt(),
                new ObjectMapper().createObjectNode().put("entity_id", id));
        return intake.store(order, raw, null, null, null);
    }
}
