package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.MigratedStores;
import io.sincro.model.Order;
import io.sincro.model.OrderState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An order the import stores for the partial sync it feeds is claimed by this process in the same commit:
 * the sweeps leave it to that run, a released claim gives it back to them, and only a NEW order is claimed.
 */
class OrdersClaimedWhenStoredTest {

    JdbcClient jdbc;
    HubNodes nodes;
    Orders orders;

    @BeforeEach
    void store() {
        StoresForTests stores = new StoresForTests(MigratedStores.hsqldb("orders-claimed"));
        jdbc = stores.jdbc;
        nodes = stores.nodes;
        orders = stores.orders;
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO shop_account (id, name, platform, base_url, store_code, auth_mode, settings, created_at, "
                + "updated_at) VALUES ('shop', 'Shop', 'MAGENTO', 'https://shop.example.it', 'default', 'BEARER', '{}', "
                + "?, ?)").params(now, now).update();
    }

    @Test
    void aNewOrderStoredForTheFedRunIsClaimedByThisProcessAndLeftOutOfTheSweeps() {
        long claimed = orders.insert(order("1"), decision(OrderState.NEW), null, "{}", true);
        long waiting = orders.insert(order("2"), decision(OrderState.NEW), null, "{}", false);

        assertThat(holder(claimed)).isEqualTo(nodes.incarnation());
        assertThat(holder(waiting)).isNull();
        assertThat(orders.pendingErp()).containsExactly(waiting);
    }

    @Test
    void aReleasedClaimGivesTheOrderBackToTheSweeps() {
        long claimed = orders.insert(order("1"), decision(OrderState.NEW), null, "{}", true);

        orders.releaseClaim(claimed);

        assertThat(holder(claimed)).isNull();
        assertThat(orders.pendingErp()).containsExactly(claimed);
    }

    @Test
    void aHeldOrderIsNeverClaimed() {
        long held = orders.insert(order("1"), decision(OrderState.HELD), null, "{}", true);

        assertThat(holder(held)).isNull();
    }

    @Test
    void aClaimedOrderRecordedInTheErpIsStoredAndReleased() {
        long claimed = orders.insert(order("1"), decision(OrderState.NEW), null, "{}", true);

        orders.stored(claimed, "OC/1/7", 2026);

        assertThat(orders.get(claimed).orElseThrow().state()).isEqualTo(OrderState.STORED);
        assertThat(holder(claimed)).isNull();
    }

    private String holder(long id) {
        return jdbc.sql("SELECT erp_claim_holder FROM shop_order WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    private static Order order(String shopId) {
        return new Order("shop", shopId, "N" + shopId, "processing", Instant.now(), Instant.now(), "EUR", null, null,
                null, List.of(), List.of(), "checkmo", null, null);
    }

    private static Orders.Decision decision(OrderState state) {
        return new Orders.Decision(state, List.of(), null, "1", "1", Map.of(), null);
    }
}
