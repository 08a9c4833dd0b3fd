package io.sincro.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.Address;
import io.sincro.model.ExpenseRow;
import io.sincro.model.Hold;
import io.sincro.model.Order;
import io.sincro.model.OrderLine;
import io.sincro.model.OrderState;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Orders in the hub, with their rows and, when held, the reasons. */
@Repository
public class Orders {

    /** What the intake decided about an order, stored together with it. */
    public record Decision(OrderState state, List<Hold> holds, Long customerId, String erpPayment, String erpCarrier,
            Map<String, String> articleCodes, String note) {
    }

    public record Line(int lineNo, String kind, String sku, String articleCode, String description,
            BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal vatRate, String options) {
    }

    public record StoredOrder(long id, String accountId, String shopOrderId, String number, String shopStatus,
            OrderState state, List<Hold> holds, Long customerId, String customerEmail, String currency,
            String paymentMethod, String erpPayment, String carrier, String erpCarrier, BigDecimal grandTotal,
            String note, String erpKey, Integer erpYear, String erpReason, Long runId, Instant shopCreatedAt, Instant shopUpdatedAt,
            Instant createdAt, Address billing, Address shipping, List<Line> lines) {
    }

    /** The reason a NEW order that nothing has tried yet shows. */
    public static final String WAITING = "waiting for the next partial ERP sync";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final HubNodes nodes;
    /** The ERP keys the parallel pushes record, committed together when they arrive together. */
    private final GroupCommit<InErp> inErp;

    /** An order the ERP now holds. */
    private record InErp(long id, String erpKey, int erpYear) {
    }

    public Orders(JdbcClient jdbc, ObjectMapper json, HubNodes nodes,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.nodes = nodes;
        this.inErp = GroupCommit.inOneTransaction(transactions, this::storedNow);
    }

    public long insert(Order order, Decision decision, Long runId, String shopPayload) {
        return insert(order, decision, runId, shopPayload, false);
    }

    /**
     * Stores an imported order; {@code claimedForErp}: a NEW order is stored already claimed by this process for
     * the partial sync it goes to next, in the same commit, so that the push needs no commit of its own to claim
     * it (see {@link #releaseClaim} when it does not go there after all).
     */
    public long insert(Order order, Decision decision, Long runId, String shopPayload, boolean claimedForErp) {
        Instant now = Instant.now();
        boolean claimed = claimedForErp && decision.state() == OrderState.NEW;
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO shop_order (account_id, shop_order_id, shop_order_number, shop_status, shop_created_at, "
                        + "shop_updated_at, state, customer_id, customer_email, billing_address, shipping_address, "
                        + "currency, payment_method, erp_payment, carrier, erp_carrier, grand_total, note, run_id, "
                        + "shop_payload, created_at, updated_at, erp_claimed_at, erp_claimed_by, erp_claim_holder) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(order.accountId(), order.shopOrderId(), order.number(), order.shopStatus(),
                        Timestamps.of(order.createdAt()), Timestamps.of(order.updatedAt()), decision.state().name(),
                        decision.customerId(), order.customer() == null ? null : order.customer().email(),
                        write(order.billing()), write(order.shipping()), order.currency(), order.paymentMethod(),
                        decision.erpPayment(), order.carrier(), decision.erpCarrier(), order.grandTotal(),
                        decision.note(), runId, shopPayload, Timestamps.of(now), Timestamps.of(now),
                        claimed ? Timestamps.of(now) : null, claimed ? nodes.node() : null,
                        claimed ? nodes.incarnation() : null)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertRowsAndHolds(id, order, decision);
        return id;
    }

    /**
     * Takes a HELD order for a retry: its row stays locked until the transaction ends, so two retries of one
     * order are decided one after the other, and the second finds it no longer HELD. False when it is not HELD.
     */
    public boolean lockHeld(long id) {
        return jdbc.sql("UPDATE shop_order SET retries = retries + 1, updated_at = ? WHERE id = ? AND state = 'HELD'")
                .params(Timestamps.of(Instant.now()), id).update() == 1;
    }

    /** A held order decided again from its shop payload: its content, rows and holds replaced, its state set. */
    public void replaceHeld(long id, Order order, Decision decision) {
        jdbc.sql("UPDATE shop_order SET shop_order_number = ?, shop_status = ?, state = ?, customer_id = ?, "
                        + "customer_email = ?, billing_address = ?, shipping_address = ?, currency = ?, "
                        + "payment_method = ?, erp_payment = ?, carrier = ?, erp_carrier = ?, grand_total = ?, note = ?, "
                        + "erp_reason = NULL, updated_at = ? WHERE id = ? AND state = 'HELD'")
                .params(order.number(), order.shopStatus(), decision.state().name(), decision.customerId(),
                        order.customer() == null ? null : order.customer().email(), write(order.billing()),
                        write(order.shipping()), order.currency(), order.paymentMethod(), decision.erpPayment(),
                        order.carrier(), decision.erpCarrier(), order.grandTotal(), decision.note(),
                        Timestamps.of(Instant.now()), id)
                .update();
        jdbc.sql("DELETE FROM order_line WHERE order_id = ?").param(id).update();
        jdbc.sql("DELETE FROM order_hold WHERE order_id = ?").param(id).update();
        insertRowsAndHolds(id, order, decision);
    }

    /** The order's shop payload as it was imported (JSON), when kept. */
    public Optional<String> shopPayload(long id) {
        return jdbc.sql("SELECT shop_payload FROM shop_order WHERE id = ?").param(id).query(String.class).optional();
    }

    /** The held orders of an account, oldest first. */
    public List<Long> held(String accountId) {
        return jdbc.sql("SELECT id FROM shop_order WHERE account_id = ? AND state = 'HELD' ORDER BY id")
                .param(accountId).query(Long.class).list();
    }

    private void insertRowsAndHolds(long id, Order order, Decision decision) {
        int lineNo = 0;
        for (OrderLine line : order.lines()) {
            insertLine(id, ++lineNo, "ARTICLE", line.sku(), decision.articleCodes().get(line.sku()), line.name(),
                    line.quantity(), line.unitPrice(), line.discount(), line.vatRate(), line.options());
        }
        for (ExpenseRow expense : order.expenses()) {
            // a discount is quantity -1 at the positive discount (Passweb's "Sconto – Articolo utilizzo"):
            // the row lowers the ERP document's total; a negative price on a -1 row would add to it
            insertLine(id, ++lineNo, expense.kind().name(), null, expense.code(), expense.description(),
                    expense.kind() == ExpenseRow.Kind.DISCOUNT ? BigDecimal.ONE.negate() : BigDecimal.ONE,
                    expense.amount().abs(), BigDecimal.ZERO, expense.vatRate(), null);
        }
        int seq = 0;
        for (Hold hold : decision.holds()) {
            jdbc.sql("INSERT INTO order_hold (order_id, seq, code, message) VALUES (?, ?, ?, ?)")
                    .params(id, ++seq, hold.code(), truncate(hold.message(), 2000)).update();
        }
    }

    /**
     * What an operator looks for; each member null when not wanted. {@code number} is the shop's order number
     * (exact), {@code erpKey} the ERP key (e.g. OC+1+3) with its year when given, {@code customer} part of the
     * customer's e-mail or name, in any case.
     */
    public record Search(String accountId, OrderState state, String number, String erpKey, Integer erpYear,
            String customer) {
    }

    /** Orders newest first, each with its holds; filtered by account and state when given. */
    public List<StoredOrder> find(String accountId, OrderState state, int limit, int offset) {
        return find(new Search(accountId, state, null, null, null, null), limit, offset);
    }

    /** Orders matching every member of the search, newest first, each with its holds. */
    public List<StoredOrder> find(Search search, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM shop_order WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (search.accountId() != null) {
            sql.append(" AND account_id = ?");
            params.add(search.accountId());
        }
        if (search.state() != null) {
            sql.append(" AND state = ?");
            params.add(search.state().name());
        }
        if (search.number() != null) {
            sql.append(" AND shop_order_number = ?");
            params.add(search.number());
        }
        if (search.erpKey() != null) {
            sql.append(" AND erp_key = ?");
            params.add(search.erpKey());
        }
        if (search.erpYear() != null) {
            sql.append(" AND erp_year = ?");
            params.add(search.erpYear());
        }
        if (search.customer() != null) {
            // the e-mail on the order, or the name of the hub customer it belongs to (held orders may have none)
            String like = "%" + search.customer().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (LOWER(customer_email) LIKE ? ESCAPE '\\' OR customer_id IN (SELECT c.id FROM customer c "
                    + "WHERE LOWER(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) LIKE ? ESCAPE '\\' "
                    + "OR LOWER(COALESCE(c.company_name, '')) LIKE ? ESCAPE '\\'))");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, limit)).append(" OFFSET ").append(Math.max(0, offset));
        List<StoredOrder> page = jdbc.sql(sql.toString()).params(params).query(this::map).list();
        if (page.isEmpty()) {
            return page;
        }
        // the page's holds in one query (held orders are few; a page is up to a thousand orders)
        Map<Long, List<Hold>> holds = new java.util.HashMap<>();
        jdbc.sql("SELECT order_id, code, message FROM order_hold WHERE order_id IN (:ids) ORDER BY order_id, seq")
                .param("ids", page.stream().map(StoredOrder::id).toList())
                .query(rs -> {
                    holds.computeIfAbsent(rs.getLong("order_id"), id -> new ArrayList<>())
                            .add(new Hold(rs.getString("code"), rs.getString("message")));
                });
        return page.stream().map(o -> with(o, holds.getOrDefault(o.id(), List.of()), List.of())).toList();
    }

    public Optional<StoredOrder> get(long id) {
        return jdbc.sql("SELECT * FROM shop_order WHERE id = ?").param(id).query(this::map).optional()
                .map(order -> withDetails(order));
    }

    public Optional<StoredOrder> findByShopId(String accountId, String shopOrderId) {
        return jdbc.sql("SELECT * FROM shop_order WHERE account_id = ? AND shop_order_id = ?")
                .params(accountId, shopOrderId).query(this::map).optional().map(order -> withDetails(order));
    }

    public long count(String accountId, OrderState state) {
        return jdbc.sql("SELECT COUNT(*) FROM shop_order WHERE account_id = ? AND state = ?")
                .params(accountId, state.name()).query(Long.class).single();
    }

    /**
     * Orders waiting for the ERP (NEW), oldest first, but those this process claimed: an order the import
     * stored claimed for its partial sync reaches that run from the import ({@link #insert}), and one another
     * push of this process is writing is not in the sweep's hands either.
     */
    public List<Long> pendingErp() {
        return jdbc.sql("SELECT id FROM shop_order WHERE state = 'NEW' AND (erp_claim_holder IS NULL "
                + "OR erp_claim_holder <> ?) ORDER BY id").param(nodes.incarnation()).query(Long.class).list();
    }

    /**
     * Claims a NEW order for writing into the ERP, unless a living hub process holds it (see
     * {@link ErpClaims}). The claim ends when the order is stored or its push fails.
     */
    public ErpClaims.Claim claimForErp(long id) {
        return ErpClaims.claim(jdbc, nodes, "shop_order", "state = 'NEW'", id);
    }

    /** What must reach the ERP before an order can: its customer and the articles the hub coded for it, if pending. */
    public record ErpPrerequisites(Long pendingCustomer, List<String> pendingArticles) {
    }

    /** One query for what {@link ErpPrerequisites} lists: an order goes to the ERP as soon as it is stored. */
    public ErpPrerequisites erpPrerequisites(long id) {
        List<Object[]> rows = jdbc.sql("SELECT c.id, CAST(NULL AS VARCHAR(40)) FROM shop_order o JOIN customer c "
                        + "ON c.id = o.customer_id WHERE o.id = ? AND c.erp_state = 'PENDING' "
                        + "UNION ALL SELECT DISTINCT CAST(NULL AS BIGINT), a.code FROM order_line l JOIN article a "
                        + "ON a.code = l.article_code WHERE l.order_id = ? AND a.erp_state = 'PENDING'")
                .params(id, id).query((rs, n) -> new Object[] {rs.getObject(1, Long.class), rs.getString(2)}).list();
        Long customer = rows.stream().map(r -> (Long) r[0]).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new ErpPrerequisites(customer, rows.stream().map(r -> (String) r[1]).filter(java.util.Objects::nonNull)
                .sorted().toList());
    }

    /** The account an order came from. */
    public String accountOf(long id) {
        return jdbc.sql("SELECT account_id FROM shop_order WHERE id = ?").param(id).query(String.class).single();
    }

    /** NEW orders claimed by a hub process that is gone: writes of unknown outcome, to resume. */
    public long abandonedClaims() {
        return ErpClaims.abandoned(jdbc, nodes, "shop_order", "state = 'NEW'");
    }

    /** How often the order was sent towards the ERP without being stored: after one, its outcome is looked up first. */
    public int erpAttempts(long id) {
        return jdbc.sql("SELECT erp_attempts FROM shop_order WHERE id = ?").param(id).query(Integer.class).optional()
                .orElse(0);
    }

    /**
     * The order is in the ERP under this key, among the documents of that year; returns once that is committed
     * (in one commit with the other pushes' keys that arrived meanwhile).
     */
    public void stored(long id, String erpKey, int erpYear) {
        inErp.write(new InErp(id, erpKey, erpYear));
    }

    private void storedNow(InErp order) {
        long id = order.id();
        String erpKey = order.erpKey();
        int erpYear = order.erpYear();
        jdbc.sql("UPDATE shop_order SET state = 'STORED', erp_key = ?, erp_year = ?, erp_reason = NULL, "
                        + ErpClaims.RELEASE + ", erp_attempts = erp_attempts + 1, updated_at = ? "
                        + "WHERE id = ? AND state = 'NEW'")
                .params(erpKey, erpYear, Timestamps.of(Instant.now()), id).update();
    }

    /** Every order waiting for the ERP gets the reason it still waits (the ERP could not be reached). */
    public void stillPending(String reason) {
        jdbc.sql("UPDATE shop_order SET erp_reason = ?, updated_at = ? WHERE state = 'NEW'")
                .params(truncate(reason, 2000), Timestamps.of(Instant.now())).update();
    }

    /** Rows of orders not yet in the ERP that use the hub's code of an article now use the ERP's. */
    public void remapArticle(String hubCode, String erpCode) {
        jdbc.sql("UPDATE order_line SET article_code = ? WHERE article_code = ? AND kind = 'ARTICLE' "
                        + "AND order_id IN (SELECT id FROM shop_order WHERE state IN ('NEW', 'HELD'))")
                .params(erpCode, hubCode).update();
    }

    /**
     * This process's claim on a NEW order ends without a write: the order it claimed when storing it
     * ({@link #insert}) will not be pushed by the run it was meant for (that run stopped or ended).
     */
    public void releaseClaim(long id) {
        jdbc.sql("UPDATE shop_order SET " + ErpClaims.RELEASE + " WHERE id = ? AND state = 'NEW' AND erp_claim_holder = ?")
                .params(id, nodes.incarnation()).update();
    }

    /** The order is still pending, and why. */
    public void erpFailed(long id, String reason) {
        jdbc.sql("UPDATE shop_order SET erp_reason = ?, erp_attempts = erp_attempts + 1, " + ErpClaims.RELEASE + ", "
                        + "updated_at = ? WHERE id = ?")
                .params(truncate(reason, 2000), Timestamps.of(Instant.now()), id).update();
    }

    private void insertLine(long orderId, int lineNo, String kind, String sku, String articleCode, String description,
            BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal vatRate, String options) {
        jdbc.sql("INSERT INTO order_line (order_id, line_no, kind, sku, article_code, description, quantity, unit_price, "
                        + "discount, vat_rate, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orderId, lineNo, kind, sku, articleCode, truncate(description, 300), quantity,
                        io.sincro.model.OrderLine.kept(unitPrice),
                        discount, vatRate, truncate(options, 1000))
                .update();
    }

    /**
     * Holds and rows are read once the order's own query has closed: a query inside another's row
     * mapping would hold two pooled connections at once, and parallel callers would starve the pool.
     */
    private StoredOrder withDetails(StoredOrder o) {
        List<Hold> holds = jdbc.sql("SELECT code, message FROM order_hold WHERE order_id = ? ORDER BY seq").param(o.id())
                .query((r, n) -> new Hold(r.getString("code"), r.getString("message"))).list();
        List<Line> lines = jdbc.sql("SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no")
                .param(o.id())
                .query((r, n) -> new Line(r.getInt("line_no"), r.getString("kind"), r.getString("sku"),
                        r.getString("article_code"), r.getString("description"), r.getBigDecimal("quantity"),
                        r.getBigDecimal("unit_price"), r.getBigDecimal("discount"), r.getBigDecimal("vat_rate"),
                        r.getString("options")))
                .list();
        return with(o, holds, lines);
    }

    private static StoredOrder with(StoredOrder o, List<Hold> holds, List<Line> lines) {
        return new StoredOrder(o.id(), o.accountId(), o.shopOrderId(), o.number(), o.shopStatus(), o.state(), holds,
                o.customerId(), o.customerEmail(), o.currency(), o.paymentMethod(), o.erpPayment(), o.carrier(),
                o.erpCarrier(), o.grandTotal(), o.note(), o.erpKey(), o.erpYear(), o.erpReason(), o.runId(), o.shopCreatedAt(),
                o.shopUpdatedAt(), o.createdAt(), o.billing(), o.shipping(), lines);
    }

    private StoredOrder map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Hold> holds = List.of();
        List<Line> lines = List.of();
        Long customerId = rs.getObject("customer_id", Long.class);
        Long runId = rs.getObject("run_id", Long.class);
        return new StoredOrder(id, rs.getString("account_id"), rs.getString("shop_order_id"),
                rs.getString("shop_order_number"), rs.getString("shop_status"), OrderState.valueOf(rs.getString("state")),
                holds, customerId, rs.getString("customer_email"),
                rs.getString("currency"), rs.getString("payment_method"), rs.getString("erp_payment"),
                rs.getString("carrier"), rs.getString("erp_carrier"), rs.getBigDecimal("grand_total"),
                rs.getString("note"), rs.getString("erp_key"), rs.getObject("erp_year", Integer.class),
                erpReason(rs), runId,
                Timestamps.read(rs, "shop_created_at"), Timestamps.read(rs, "shop_updated_at"),
                Timestamps.read(rs, "created_at"), read(rs.getString("billing_address")),
                read(rs.getString("shipping_address")), lines);
    }

    /**
     * Why an order waits for the ERP, always said: who is writing it now, or that its writer stopped, else
     * what its last attempt met, else that it waits for the next partial ERP sync.
     */
    private String erpReason(ResultSet rs) throws SQLException {
        String stored = rs.getString("erp_reason");
        if (!"NEW".equals(rs.getString("state"))) {
            return stored;
        }
        ErpClaims.Held claim = new ErpClaims.Held(Timestamps.read(rs, "erp_claimed_at"), rs.getString("erp_claimed_by"),
                rs.getString("erp_claim_holder"));
        return ErpClaims.reason(nodes, claim).orElse(stored != null ? stored : WAITING);
    }

    private Address read(String text) {
        try {
            return text == null ? null : json.readValue(text, Address.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored address cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
