package io.sincro.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.listing.ListingTransaction.Decided;
import io.sincro.listing.ListingTransaction.Kind;
import io.sincro.listing.ListingTransaction.State;
import io.sincro.store.HubNodes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The transactions the sync rules decided, stored before anything is sent. One PENDING transaction per item
 * and kind (the unique {@code pending_key}): the same decision again changes nothing, a different one
 * supersedes the unsent older one. A STOP supersedes every other unsent transaction of its item, and a
 * PUBLISH or RELIST an unsent STOP.
 */
@Repository
public class ListingTransactions {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;

    private final HubNodes nodes;

    public ListingTransactions(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, ObjectMapper json,
            HubNodes nodes) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
        this.nodes = nodes;
    }

    static String pendingKey(long listId, String articleCode, Kind kind) {
        return listId + ":" + articleCode + ":" + kind.name();
    }

    /** A pending transaction, as stored: its id and values. */
    record Pending(long id, long listId, String articleCode, Kind kind, String values) {
    }

    /** The pending transactions of these items (keys "list:article"). */
    Map<String, List<Pending>> pendingOf(Collection<String> itemKeys) {
        List<String> keys = new ArrayList<>();
        for (String item : itemKeys) {
            for (Kind kind : Kind.values()) {
                keys.add(item + ":" + kind.name());
            }
        }
        Map<String, List<Pending>> pending = new HashMap<>();
        for (int from = 0; from < keys.size(); from += ListingStore.BATCH) {
            named.query("SELECT id, list_id, article_code, kind, payload FROM listing_transaction "
                            + "WHERE pending_key IN (:keys)",
                    new MapSqlParameterSource("keys", keys.subList(from, Math.min(keys.size(), from + ListingStore.BATCH))),
                    row -> {
                        Pending p = new Pending(row.getLong(1), row.getLong(2), row.getString(3),
                                Kind.valueOf(row.getString(4)), row.getString(5));
                        pending.computeIfAbsent(p.listId() + ":" + p.articleCode(), k -> new ArrayList<>()).add(p);
                    });
        }
        return pending;
    }

    /**
     * Stores the decisions: new ones inserted, changed ones superseding the unsent older ones, repeated
     * ones left as they are.
     *
     * @param stillPending the pending transactions of the decisions' items, from {@link #pendingOf}
     * @return the decisions that were stored (new or changed)
     */
    List<Decided> store(List<Decided> decisions, Map<String, List<Pending>> stillPending) {
        List<Long> superseded = new ArrayList<>();
        List<Decided> inserted = new ArrayList<>();
        for (Decided decision : decisions) {
            String values = write(decision);
            List<Pending> ofItem = stillPending.getOrDefault(decision.listId() + ":" + decision.articleCode(), List.of());
            boolean same = false;
            for (Pending p : ofItem) {
                if (p.kind() == decision.kind()) {
                    if (p.values().equals(values)) {
                        same = true;
                    } else {
                        superseded.add(p.id());
                    }
                } else if (decision.kind() == Kind.STOP
                        || p.kind() == Kind.STOP && (decision.kind() == Kind.PUBLISH || decision.kind() == Kind.RELIST)) {
                    superseded.add(p.id());
                }
            }
            if (!same) {
                inserted.add(decision);
            }
        }
        supersede(superseded, "superseded by a newer decision");
        OffsetDateTime now = ListingStore.now();
        jdbc.batchUpdate("INSERT INTO listing_transaction (list_id, article_code, kind, urgency, state, payload, reason, "
                        + "pending_key, created_at, updated_at) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)",
                inserted.stream().map(d -> new Object[] {d.listId(), d.articleCode(), d.kind().name(), d.kind().ordinal(),
                        write(d), truncate(d.reason()), pendingKey(d.listId(), d.articleCode(), d.kind()), now, now})
                        .toList(),
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE});
        return inserted;
    }

    /** Every unsent transaction of these items is superseded (the items left their list). */
    void supersedeAllOf(List<SalesList.Item> items, String why) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> pending = pendingOf(items.stream().map(i -> i.listId() + ":" + i.articleCode())
                .toList());
        supersede(pending.values().stream().flatMap(List::stream).map(Pending::id).toList(), why);
    }

    /** Unsent STOPs of items that stay after all. */
    void supersedeStops(List<SalesList.Item> items, String why) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> pending = pendingOf(items.stream().map(i -> i.listId() + ":" + i.articleCode())
                .toList());
        supersede(pending.values().stream().flatMap(List::stream).filter(p -> p.kind() == Kind.STOP)
                .map(Pending::id).toList(), why);
    }

    private void supersede(List<Long> ids, String why) {
        if (ids.isEmpty()) {
            return;
        }
        OffsetDateTime now = ListingStore.now();
        jdbc.batchUpdate("UPDATE listing_transaction SET state = 'SUPERSEDED', pending_key = NULL, result = ?, "
                        + "updated_at = ? WHERE id = ? AND state = 'PENDING'",
                ids.stream().map(id -> new Object[] {why, now, id}).toList(),
                new int[] {Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
    }

    /** The list's transactions, most urgent first (STOP, QUANTITY, PRICE, MODIFY, PUBLISH, RELIST), oldest first within a kind. */
    public List<ListingTransaction> ofList(long listId, Set<State> states, int limit, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource("list", listId)
                .addValue("states", states.stream().map(Enum::name).toList());
        return named.query("SELECT * FROM listing_transaction WHERE list_id = :list AND state IN (:states) "
                + "ORDER BY urgency, id OFFSET " + offset + " ROWS FETCH FIRST " + limit + " ROWS ONLY", params,
                this::transaction);
    }

    public Optional<ListingTransaction> get(long id) {
        return jdbc.query("SELECT * FROM listing_transaction WHERE id = ?", this::transaction, id).stream().findFirst();
    }

    /** Moves a transaction on (for the delivery): it is no longer pending once it leaves PENDING. */
    public boolean moveTo(long id, State from, State to, String result) {
        String pendingKey = to == State.PENDING ? "pending_key" : "NULL";
        return jdbc.update("UPDATE listing_transaction SET state = ?, pending_key = " + pendingKey + ", result = ?, "
                        + "updated_at = ? WHERE id = ? AND state = ?",
                new Object[] {to.name(), truncate(result), ListingStore.now(), id, from.name()},
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT,
                        Types.VARCHAR}) == 1;
    }

    // ------------------------------------------------------------------------------ delivery (issue 13)

    /**
     * The list's transactions due for sending, most urgent first: the PENDING ones not waiting out a shop's
     * Retry-After, and the SENT ones a crash left with an unknown outcome (resent: every kind is safe to resend).
     * A SENT transaction is such a leftover only when the process that sent it is gone (its heartbeat older than
     * the lease) or is this one (whose deliveries of a list run one at a time, so none of its own is in flight):
     * another live node's call may still be under way, and sending it again beside it would send it twice.
     */
    public List<ListingTransaction> due(long listId, int limit) {
        Instant now = Instant.now();
        return jdbc.query("SELECT * FROM listing_transaction WHERE list_id = ? AND (state = 'SENT' AND (sent_by IS NULL "
                        + "OR sent_by = ? OR sent_by NOT IN (SELECT incarnation FROM hub_node WHERE heartbeat_at >= ?)) "
                        + "OR state = 'PENDING' AND (retry_at IS NULL OR retry_at <= ?)) ORDER BY urgency, id FETCH FIRST "
                        + limit + " ROWS ONLY",
                this::transaction, listId, nodes.incarnation(),
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, now.minus(nodes.lease()).atOffset(ZoneOffset.UTC)),
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, ListingStore.now()));
    }

    /**
     * Stored before the shop is called: SENT, one attempt more. A crash after this leaves it SENT, an unknown
     * outcome the next delivery resends. False when it was no longer in {@code from} (superseded, or another run).
     */
    public boolean sending(long id, State from) {
        return jdbc.update("UPDATE listing_transaction SET state = 'SENT', pending_key = NULL, attempts = attempts + 1, "
                        + "retry_at = NULL, sent_by = ?, updated_at = ? WHERE id = ? AND state = ?",
                new Object[] {nodes.incarnation(), ListingStore.now(), id, from.name()},
                new int[] {Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.VARCHAR}) == 1;
    }

    /**
     * The shop asked to wait (5xx, 429, no answer): PENDING again with the shop's reason, not sent before
     * {@code retryAt}; superseded instead when a newer decision of its kind is already pending.
     */
    public void later(ListingTransaction t, String why, OffsetDateTime retryAt) {
        String key = pendingKey(t.listId(), t.articleCode(), t.kind());
        try {
            int moved = jdbc.update("UPDATE listing_transaction SET state = 'PENDING', pending_key = ?, result = ?, "
                            + "retry_at = ?, updated_at = ? WHERE id = ? AND state = 'SENT' AND NOT EXISTS "
                            + "(SELECT 1 FROM listing_transaction p WHERE p.pending_key = ?)",
                    new Object[] {key, truncate(why), retryAt, ListingStore.now(), t.id(), key},
                    new int[] {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE,
                            Types.BIGINT, Types.VARCHAR});
            if (moved == 1) {
                return;
            }
        } catch (DuplicateKeyException newer) {
            // a newer decision of the same kind was stored meanwhile: it carries newer values
        }
        moveTo(t.id(), State.SENT, State.SUPERSEDED, why + "; superseded by a newer decision");
    }

    /**
     * A replay of what the shop refused: the newest FAILED transaction of each kind of the item goes back to
     * PENDING, unless a newer decision of that kind is pending already.
     *
     * @return how many went back to PENDING
     */
    public int replay(long listId, String articleCode) {
        List<ListingTransaction> failed = jdbc.query("SELECT * FROM listing_transaction WHERE list_id = ? AND "
                + "article_code = ? AND state = 'FAILED' ORDER BY id DESC", this::transaction, listId, articleCode);
        Set<Kind> seen = java.util.EnumSet.noneOf(Kind.class);
        int replayed = 0;
        for (ListingTransaction t : failed) {
            if (!seen.add(t.kind())) {
                continue;
            }
            String key = pendingKey(listId, articleCode, t.kind());
            try {
                replayed += jdbc.update("UPDATE listing_transaction SET state = 'PENDING', pending_key = ?, result = ?, "
                                + "retry_at = NULL, updated_at = ? WHERE id = ? AND state = 'FAILED' AND NOT EXISTS "
                                + "(SELECT 1 FROM listing_transaction p WHERE p.pending_key = ?)",
                        new Object[] {key, truncate("replayed by hand after: " + t.result()), ListingStore.now(), t.id(),
                                key},
                        new int[] {Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT,
                                Types.VARCHAR});
            } catch (DuplicateKeyException newer) {
                // a newer decision of this kind is pending: it is what will be sent
            }
        }
        return replayed;
    }

    private ListingTransaction transaction(ResultSet rs, int row) throws SQLException {
        try {
            return new ListingTransaction(rs.getLong("id"), rs.getLong("list_id"), rs.getString("article_code"),
                    Kind.valueOf(rs.getString("kind")), State.valueOf(rs.getString("state")),
                    json.readTree(rs.getString("payload")), rs.getString("reason"), rs.getString("result"),
                    ListingStore.instant(rs, "created_at"), ListingStore.instant(rs, "updated_at"), rs.getInt("attempts"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Decided decision) {
        try {
            return json.writeValueAsString(decision.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
