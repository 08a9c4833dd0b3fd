package io.sincro.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.listing.ListingTransaction.Decided;
import io.sincro.listing.ListingTransaction.Kind;
import io.sincro.listing.ListingTransaction.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
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

    public ListingTransactions(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
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

    private ListingTransaction transaction(ResultSet rs, int row) throws SQLException {
        try {
            return new ListingTransaction(rs.getLong("id"), rs.getLong("list_id"), rs.getString("article_code"),
                    Kind.valueOf(rs.getString("kind")), State.valueOf(rs.getString("state")),
                    json.readTree(rs.getString("payload")), rs.getString("reason"), rs.getString("result"),
                    ListingStore.instant(rs, "created_at"), ListingStore.instant(rs, "updated_at"));
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
