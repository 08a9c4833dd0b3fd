package io.sincro.store;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The import's idempotent repository ({@code idempotentConsumer} of the order-sync route): a shop order is
 * imported once per account, and the record that it was is the stored order itself ({@code shop_order},
 * unique by account and shop order id), written by the order intake in the same transaction as the order,
 * held or new. A separate table of keys would cost a commit of its own per order (on the default store each
 * commit waits for the disk) and could disagree with the orders it stands for.
 *
 * <p>Keys are {@code account:shopOrderId} ({@link io.sincro.shop.RawShopOrder#importKey}). Adding a key
 * writes nothing: it answers whether the order is still to be imported; an import that fails stores no
 * order, so the order is read again by a later run, as with a repository that removes the key on failure.
 * Two imports of one order at once cannot happen through the run lock; if a node past its lock's lease
 * tried, the intake's unique key refuses the second, which fails alone.
 */
@Component("importedShopOrders")
public class ImportedShopOrders extends ServiceSupport implements IdempotentRepository {

    private final JdbcClient jdbc;

    public ImportedShopOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(String key) {
        return !contains(key);
    }

    @Override
    public boolean contains(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an import key is account:shopOrderId, not " + key);
        }
        return jdbc.sql("SELECT COUNT(*) FROM shop_order WHERE account_id = ? AND shop_order_id = ?")
                .params(key.substring(0, colon), key.substring(colon + 1)).query(Long.class).single() > 0;
    }

    @Override
    public boolean remove(String key) {
        // nothing was written for it: an order whose import failed was not stored
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("imported orders are forgotten only with the orders themselves");
    }
}
