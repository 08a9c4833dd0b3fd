package io.sincro.shop;

import java.time.Instant;

/**
 * Reading one account's orders during one run: the account, and where the next page starts.
 * Kept in the run's exchange under {@link #PROPERTY}; only the connector moves the cursor.
 */
public final class OrderPoll {

    public static final String PROPERTY = "sincroPoll";

    private final ShopAccount account;
    private final Cursor cursor;

    public OrderPoll(ShopAccount account, Instant from) {
        this.account = account;
        this.cursor = new Cursor(from);
    }

    public ShopAccount account() {
        return account;
    }

    public Cursor cursor() {
        return cursor;
    }

    public boolean hasMorePages() {
        return cursor.more;
    }

    /** Connector-owned paging state. */
    public static final class Cursor {
        public Instant from;
        public int page = 1;
        public boolean more = true;
        public String lastPageSignature;
        /** How many orders the shop counted for the poll at its first page, when it says (progress only). */
        public Integer total;

        Cursor(Instant from) {
            this.from = from;
        }
    }
}
