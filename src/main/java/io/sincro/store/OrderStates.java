package io.sincro.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.fulfilment.OrderFulfilment;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ERP side of the hub's orders: which are still open there, the states each reached (its history)
 * and what the shop must be told about each (the push-back), stored before it is sent and at most once
 * per (order, ERP document, action).
 */
@Repository
public class OrderStates {

    /**
     * An order in the ERP the hub still reads back.
     *
     * @param shopOrderId   the shop's id, in the reference the hub wrote in the ERP order's note
     * @param customerCode  the ERP code of its customer
     */
    public record OpenOrder(long id, String accountId, String erpKey, Integer erpYear, String shopOrderId,
            String customerCode,
            Map<String, BigDecimal> ordered) {
    }

    public record StateChange(String state, String documentKey, String detail, Long runId, Instant recordedAt) {
    }

    public enum PushState { PENDING, DONE, FAILED }

    /** One action for the shop. {@code items}: quantity per ERP article code. */
    public record Push(long id, long orderId, String accountId, String action, String documentKey,
            Map<String, BigDecimal> items, String carrier, String tracking, String shippedOn, PushState state,
            int attempts, String result, String shopDocumentId, Instant createdAt, Instant updatedAt) {
    }

    /** What recording a derivation added. */
    public record Recorded(int newChanges, int newPushes) {
    }

    private static final TypeReference<LinkedHashMap<String, BigDecimal>> ITEMS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public OrderStates(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One page of the orders written in the ERP whose ERP side is not finished, with their article
     * quantities: those after {@code afterId}, at most {@code limit}, by id. Callers walk the pages, so
     * a merchant with many open orders never has them all in memory.
     */
    public List<OpenOrder> open(long afterId, int limit) {
        List<Object[]> heads = jdbc.sql("SELECT o.id, o.account_id, o.erp_key, o.shop_order_id, c.erp_code, o.erp_year "
                        + "FROM shop_order o LEFT JOIN customer c ON c.id = o.customer_id "
                        + "WHERE o.erp_key IS NOT NULL AND o.erp_closed = FALSE AND o.id > :after ORDER BY o.id LIMIT "
                        + Math.max(1, limit))
                .param("after", afterId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, Integer.class)}).list();
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, BigDecimal>> ordered = new LinkedHashMap<>();
        jdbc.sql("SELECT order_id, article_code, quantity FROM order_line WHERE order_id IN (:ids) "
                        + "AND kind = 'ARTICLE' AND article_code IS NOT NULL ORDER BY order_id, line_no")
                .param("ids", heads.stream().map(h -> h[0]).toList())
                .query(rs -> {
                    ordered.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                            .merge(rs.getString(2), rs.getBigDecimal(3), BigDecimal::add);
                });
        return heads.stream().map(h -> new OpenOrder((Long) h[0], (String) h[1], (String) h[2], (Integer) h[5],
                (String) h[3], (String) h[4], ordered.getOrDefault((Long) h[0], Map.of()))).toList();
    }

    /** The years of ERP documents the open orders are in (null for orders stored before years were kept). */
    public List<Integer> openYears() {
        return jdbc.sql("SELECT DISTINCT erp_year FROM shop_order WHERE erp_key IS NOT NULL AND erp_closed = FALSE")
                .query((rs, n) -> rs.getObject(1, Integer.class)).list();
    }

    /** Stores what the ERP's documents say: new states, new actions for the shop, the current state. */
    @Transactional
    public Recorded record(long orderId, String accountId, OrderFulfilment.Derived derived, Long runId) {
        Instant now = Instant.now();
        int changes = 0;
        for (OrderFulfilment.Change change : derived.changes()) {
            changes += jdbc.sql("INSERT INTO order_state_change (order_id, state, document_key, detail, run_id, recorded_at) "
                            + "SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (0)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM "
                            + "order_state_change WHERE order_id = ? AND document_key = ? AND state = ?)")
                    .params(orderId, change.state().name(), change.documentKey(), truncate(change.detail()), runId,
                            Timestamps.of(now), orderId, change.documentKey(), change.state().name())
                    .update();
        }
        int pushes = 0;
        for (OrderFulfilment.ShopAction action : derived.actions()) {
            pushes += jdbc.sql("INSERT INTO order_push (order_id, account_id, action, document_key, items, carrier, "
                            + "tracking, shipped_on, state, created_at, updated_at) "
                            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ? FROM (VALUES (0)) AS one(x) WHERE NOT EXISTS "
                            + "(SELECT 1 FROM order_push WHERE order_id = ? AND document_key = ? AND action = ?)")
                    .params(orderId, accountId, action.action().name(), action.documentKey(), write(action.items()),
                            action.carrier(), action.tracking(), action.shippedOn(), Timestamps.of(now),
                            Timestamps.of(now), orderId, action.documentKey(), action.action().name())
                    .update();
        }
        String fulfilment = derived.current().isEmpty() ? null
                : derived.current().stream().map(Enum::name).collect(Collectors.joining(","));
        jdbc.sql("UPDATE shop_order SET fulfilment = ?, erp_closed = ?, updated_at = ? WHERE id = ?")
                .params(fulfilment, derived.closed(), Timestamps.of(now), orderId).update();
        return new Recorded(changes, pushes);
    }

    /** The order's current ERP-side state: e.g. "SHIPPED,INVOICED" (null before any), and whether it is finished. */
    public record Fulfilment(String states, boolean erpClosed) {
    }

    public Fulfilment fulfilment(long orderId) {
        return jdbc.sql("SELECT fulfilment, erp_closed FROM shop_order WHERE id = ?").param(orderId)
                .query((rs, n) -> new Fulfilment(rs.getString(1), rs.getBoolean(2))).optional()
                .orElse(new Fulfilment(null, false));
    }

    public List<StateChange> history(long orderId) {
        return jdbc.sql("SELECT * FROM order_state_change WHERE order_id = ? ORDER BY id").param(orderId)
                .query((rs, n) -> new StateChange(rs.getString("state"), rs.getString("document_key"),
                        rs.getString("detail"), (Long) rs.getObject("run_id", Long.class),
                        Timestamps.read(rs, "recorded_at")))
                .list();
    }

    /** Pushes still to send, oldest first; for one account or (null) all. */
    public List<Push> pending(String accountId) {
        String where = accountId == null ? "" : " AND account_id = ?";
        var statement = jdbc.sql("SELECT * FROM order_push WHERE state = 'PENDING'" + where + " ORDER BY id");
        return (accountId == null ? statement : statement.param(accountId)).query(this::map).list();
    }

    public List<Push> pushes(long orderId) {
        return jdbc.sql("SELECT * FROM order_push WHERE order_id = ? ORDER BY id").param(orderId).query(this::map).list();
    }

    public Optional<Push> push(long id) {
        return jdbc.sql("SELECT * FROM order_push WHERE id = ?").param(id).query(this::map).optional();
    }

    public void attempt(long id) {
        jdbc.sql("UPDATE order_push SET attempts = attempts + 1, updated_at = ? WHERE id = ?")
                .params(Timestamps.of(Instant.now()), id).update();
    }

    public void done(long id, String shopDocumentId, String result) {
        jdbc.sql("UPDATE order_push SET state = 'DONE', shop_document_id = ?, result = ?, updated_at = ? WHERE id = ?")
                .params(shopDocumentId, truncate(result), Timestamps.of(Instant.now()), id).update();
    }

    /** {@code permanent}: the shop refused it for good (FAILED, replay by hand); otherwise it stays PENDING. */
    public void failed(long id, String reason, boolean permanent) {
        jdbc.sql("UPDATE order_push SET state = ?, result = ?, updated_at = ? WHERE id = ?")
                .params(permanent ? "FAILED" : "PENDING", truncate(reason), Timestamps.of(Instant.now()), id).update();
    }

    private Push map(ResultSet rs, int row) throws SQLException {
        return new Push(rs.getLong("id"), rs.getLong("order_id"), rs.getString("account_id"), rs.getString("action"),
                rs.getString("document_key"), read(rs.getString("items")), rs.getString("carrier"),
                rs.getString("tracking"), rs.getString("shipped_on"), PushState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("result"), rs.getString("shop_document_id"),
                Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at"));
    }

    private String write(Map<String, BigDecimal> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, BigDecimal> read(String items) {
        try {
            return json.readValue(items, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored push items cannot be read", e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
