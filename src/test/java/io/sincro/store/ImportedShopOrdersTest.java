package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import's idempotent repository on a real store: an order counts as imported once it is stored (new or
 * held), per account, and asking writes nothing (no commit of its own per order).
 */
class ImportedShopOrdersTest {

    JdbcClient jdbc;
    ImportedShopOrders imported;

    @BeforeEach
    void store() {
        jdbc = JdbcClient.create(io.sincro.MigratedStores.hsqldb("imported-orders"));
        imported = new ImportedShopOrders(jdbc);
        account("shop-a");
        account("shop-b");
    }

    @Test
    void anOrderIsImportedOnceItIsStoredWhateverItsState() {
        stored("shop-a", "1001", "NEW");
        stored("shop-a", "1002", "HELD");

        assertThat(imported.add("shop-a:1001")).as("stored as NEW").isFalse();
        assertThat(imported.add("shop-a:1002")).as("stored as HELD").isFalse();
        assertThat(imported.contains("shop-a:1001")).isTrue();
    }

    @Test
    void theSameShopOrderIdOfAnotherAccountIsStillToImport() {
        stored("shop-a", "1001", "NEW");

        assertThat(imported.add("shop-b:1001")).isTrue();
        assertThat(imported.contains("shop-b:1001")).isFalse();
    }

    @Test
    void askingWritesNothingSoAFailedImportIsReadAgain() {
        assertThat(imported.add("shop-a:2001")).isTrue();
        // the import failed: nothing was stored, and Camel removes the key
        assertThat(imported.remove("shop-a:2001")).isTrue();

        assertThat(imported.add("shop-a:2001")).as("the next run imports it").isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shop_order").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED").query(Long.class).single()).isZero();
    }

    private void account(String id) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO shop_account (id, name, platform, base_url, store_code, auth_mode, settings, created_at, "
                + "updated_at) VALUES (?, ?, 'MAGENTO', 'https://shop.example.it', 'default', 'BEARER', '{}', ?, ?)")
                .params(id, id, now, now).update();
    }

    private void stored(String account, String shopOrderId, String state) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO shop_order (account_id, shop_order_id, shop_order_number, state, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)").params(account, shopOrderId, "N" + shopOrderId, state, now, now).update();
    }
}
