package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.MigratedStores;
import io.sincro.model.Order;
import io.sincro.model.OrderCustomer;
import io.sincro.model.OrderLine;
import io.sincro.model.OrderState;
import io.sincro.store.Orders;
import io.sincro.store.StoresForTests;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a partial sync's pushers take from its feed: each stored order as one unit, what it needs first (as its
 * intake said, or read from the store when it could not), each customer and article once per run; what is pending
 * at the close; and the end, seen by every pusher.
 */
class PartialSyncFeedTest {

    StoresForTests stores;
    PartialErpSync.Feed feed;

    @BeforeEach
    void store() {
        stores = new StoresForTests(MigratedStores.hsqldb("feed"));
        Timestamp now = Timestamp.from(Instant.now());
        stores.jdbc.sql("INSERT INTO shop_account (id, name, platform, base_url, store_code, auth_mode, settings, "
                + "created_at, updated_at) VALUES ('shop', 'Shop', 'MAGENTO', 'https://shop.example.it', 'default', "
                + "'BEARER', '{}', ?, ?)").params(now, now).update();
        PartialErpSync sync = new PartialErpSync(null, null, stores.customers, stores.articles, stores.orders, null,
                null, event -> { }, null, 5);
        feed = sync.new Feed();
    }

    @Test
    void anOrderComesAsOneUnitAfterWhatItNeedsEachOncePerRun() {
        long customer = customer("mario@example.it");
        stores.articles.autoCode("NEW-1", "Nuovo", "22");
        long first = order("1", customer, "NEW-1");
        long second = order("2", customer, "NEW-1");

        // the intake said what the first needs; the second's needs are read from the store
        assertThat(feed.stored(first, new Orders.ErpPrerequisites(customer, List.of("NEW-1")))).isTrue();
        assertThat(feed.stored(second, null)).isTrue();
        assertThat(feed.stored(first, null)).as("an order is handed over once").isFalse();

        assertThat(feed.take()).containsExactly(PartialErpSync.Item.customer(customer),
                PartialErpSync.Item.article("NEW-1"), PartialErpSync.Item.claimedOrder(first));
        assertThat(feed.take()).containsExactly(PartialErpSync.Item.claimedOrder(second));

        // what the intake says is taken as it is: the store is not asked again
        long third = order("3", customer("luigi@example.it"));
        feed.stored(third, new Orders.ErpPrerequisites(null, List.of()));
        assertThat(feed.take()).containsExactly(PartialErpSync.Item.claimedOrder(third));
    }

    @Test
    void whatIsPendingAtTheCloseIsHandedOverAndEveryPusherSeesTheEnd() throws Exception {
        long handedOver = customer("mario@example.it");
        long waiting = customer("luigi@example.it");
        long order = order("1", handedOver);
        feed.stored(order, new Orders.ErpPrerequisites(handedOver, List.of()));

        feed.close();

        List<List<PartialErpSync.Item>> taken = new ArrayList<>();
        for (List<PartialErpSync.Item> unit = feed.take(); unit != null; unit = feed.take()) {
            taken.add(unit);
        }
        assertThat(taken).containsExactly(
                List.of(PartialErpSync.Item.customer(handedOver), PartialErpSync.Item.claimedOrder(order)),
                List.of(PartialErpSync.Item.customer(waiting)));
        assertThat(feed.stored(order("2", waiting), null)).as("a closed feed takes no more").isFalse();
        // a second and a third pusher end too
        assertThat(CompletableFuture.supplyAsync(feed::take).get()).isNull();
        assertThat(feed.take()).isNull();
    }

    private long customer(String email) {
        return stores.customers.insert(new OrderCustomer(null, email, "Mario", "Rossi", null, null, null, null, null,
                null));
    }

    private long order(String shopId, long customer, String... articles) {
        List<OrderLine> lines = java.util.Arrays.stream(articles).map(code -> new OrderLine(code, code, BigDecimal.ONE,
                BigDecimal.TEN, BigDecimal.ZERO, new BigDecimal("22"), null)).toList();
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String code : articles) {
            codes.put(code, code);
        }
        Order order = new Order("shop", shopId, "N" + shopId, "processing", Instant.now(), Instant.now(), "EUR", null,
                null, null, lines, List.of(), "checkmo", null, null);
        return stores.orders.insert(order, new Orders.Decision(OrderState.NEW, List.of(), customer, "1", "1", codes,
                null), null, "{}", true);
    }
}
