package io.sincro.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.shop.Platform;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Listings, sales rules, sales lists, their items and the publication log, in the hub store (V16). */
@Repository
public class ListingStore {

    static final int BATCH = 1000;

    /** One line of the publication log: of the list (no article) or of one of its items. */
    public record LogEntry(long id, long listId, String articleCode, String action, int total, int successes,
            int errors, int warnings, String message, Instant at) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;

    public ListingStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
    }

    // ------------------------------------------------------------------------------------------- listings

    public long createListing(Listing l) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO listing (name, account_id, store_code, fields, description, "
                    + "warehouses, quantity_method, price_method, sync_rules, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            bindListing(ps, l);
            ps.setObject(10, now);
            ps.setObject(11, now);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void updateListing(long id, Listing l) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE listing SET name = ?, account_id = ?, store_code = ?, fields = ?, "
                    + "description = ?, warehouses = ?, quantity_method = ?, price_method = ?, sync_rules = ?, "
                    + "updated_at = ? WHERE id = ?");
            bindListing(ps, l);
            ps.setObject(10, now());
            ps.setLong(11, id);
            return ps;
        });
    }

    private void bindListing(java.sql.PreparedStatement ps, Listing l) throws SQLException {
        ps.setString(1, l.name());
        ps.setString(2, l.accountId());
        ps.setString(3, l.storeCode());
        ps.setString(4, write(l.fields()));
        ps.setString(5, l.description());
        ps.setString(6, write(l.warehouses()));
        ps.setString(7, write(l.quantity()));
        ps.setString(8, write(l.price()));
        ps.setString(9, write(l.syncRules()));
    }

    public Optional<Listing> listing(long id) {
        return jdbc.query("SELECT * FROM listing WHERE id = ?", this::mapListing, id).stream().findFirst();
    }

    public List<Listing> listings() {
        return jdbc.query("SELECT * FROM listing ORDER BY id", this::mapListing);
    }

    public void deleteListing(long id) {
        jdbc.update("DELETE FROM listing WHERE id = ?", id);
    }

    private Listing mapListing(ResultSet rs, int row) throws SQLException {
        return new Listing(rs.getLong("id"), rs.getString("name"), rs.getString("account_id"),
                rs.getString("store_code"), read(rs.getString("fields"), new TypeReference<List<String>>() { }),
                rs.getString("description"), read(rs.getString("warehouses"), new TypeReference<List<Integer>>() { }),
                read(rs.getString("quantity_method"), new TypeReference<Listing.QuantityMethod>() { }),
                read(rs.getString("price_method"), new TypeReference<Listing.PriceMethod>() { }),
                read(rs.getString("sync_rules"), new TypeReference<Listing.SyncRules>() { }));
    }

    // --------------------------------------------------------------------------------------- sales rules

    public long createRule(SalesRule r) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO sales_rule (name, marketplace, article_filter, add_action, "
                    + "removal_action, update_action, treat_as_on_sale, shared, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            bindRule(ps, r);
            ps.setBoolean(8, r.shared());
            ps.setObject(9, now);
            ps.setObject(10, now);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void updateRule(long id, SalesRule r) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE sales_rule SET name = ?, marketplace = ?, article_filter = ?, "
                    + "add_action = ?, removal_action = ?, update_action = ?, treat_as_on_sale = ?, updated_at = ? "
                    + "WHERE id = ?");
            bindRule(ps, r);
            ps.setObject(8, now());
            ps.setLong(9, id);
            return ps;
        });
    }

    private static void bindRule(java.sql.PreparedStatement ps, SalesRule r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.marketplace().name());
        ps.setString(3, r.filterText());
        ps.setString(4, r.addAction().name());
        ps.setString(5, r.removalAction().name());
        ps.setString(6, r.updateAction().name());
        ps.setBoolean(7, r.treatAsOnSale());
    }

    public Optional<SalesRule> rule(long id) {
        return jdbc.query("SELECT * FROM sales_rule WHERE id = ?", ListingStore::rule, id).stream().findFirst();
    }

    /** The shared rules (a list's own rule is shown with its list). */
    public List<SalesRule> sharedRules() {
        return jdbc.query("SELECT * FROM sales_rule WHERE shared = TRUE ORDER BY id", ListingStore::rule);
    }

    public void deleteRule(long id) {
        jdbc.update("DELETE FROM sales_rule WHERE id = ?", id);
    }

    private static SalesRule rule(ResultSet rs, int row) throws SQLException {
        return new SalesRule(rs.getLong("id"), rs.getString("name"), Platform.valueOf(rs.getString("marketplace")),
                rs.getString("article_filter"), SalesRule.AddAction.valueOf(rs.getString("add_action")),
                SalesRule.RemovalAction.valueOf(rs.getString("removal_action")),
                SalesRule.UpdateAction.valueOf(rs.getString("update_action")), rs.getBoolean("treat_as_on_sale"),
                rs.getBoolean("shared"));
    }

    // --------------------------------------------------------------------------------------- sales lists

    public long createList(String name, long listingId, Long ruleId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO sales_list (name, listing_id, rule_id, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, name);
            ps.setLong(2, listingId);
            ps.setObject(3, ruleId, Types.BIGINT);
            ps.setObject(4, now);
            ps.setObject(5, now);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void updateList(long id, String name, Long ruleId) {
        jdbc.update("UPDATE sales_list SET name = ?, rule_id = ?, updated_at = ? WHERE id = ?",
                new Object[] {name, ruleId, now(), id},
                new int[] {Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
    }

    public Optional<SalesList> list(long id) {
        return jdbc.query("SELECT * FROM sales_list WHERE id = ?", ListingStore::list, id).stream().findFirst();
    }

    public List<SalesList> lists() {
        return jdbc.query("SELECT * FROM sales_list ORDER BY id", ListingStore::list);
    }

    public List<SalesList> listsOfRule(long ruleId) {
        return jdbc.query("SELECT * FROM sales_list WHERE rule_id = ? ORDER BY id", ListingStore::list, ruleId);
    }

    public List<SalesList> listsOfListing(long listingId) {
        return jdbc.query("SELECT * FROM sales_list WHERE listing_id = ? ORDER BY id", ListingStore::list, listingId);
    }

    /** Removes a list with its items, transactions and log (what is published stays on the platform). */
    public void deleteList(long id) {
        jdbc.update("DELETE FROM publication_log WHERE list_id = ?", id);
        jdbc.update("DELETE FROM listing_transaction WHERE list_id = ?", id);
        jdbc.update("DELETE FROM list_item WHERE list_id = ?", id);
        jdbc.update("DELETE FROM sales_list WHERE id = ?", id);
    }

    private static SalesList list(ResultSet rs, int row) throws SQLException {
        // a list kept by hand has no rule: read as null, not as 0 (an id the first rule may have)
        long ruleValue = rs.getLong("rule_id");
        Long rule = rs.wasNull() ? null : ruleValue;
        return new SalesList(rs.getLong("id"), rs.getString("name"), rs.getLong("listing_id"), rule,
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    // --------------------------------------------------------------------------------------------- items

    public List<SalesList.Item> items(long listId) {
        return jdbc.query("SELECT * FROM list_item WHERE list_id = ? ORDER BY article_code", ListingStore::item, listId);
    }

    /** How many items the list has, and how many of them are on sale (PUBLISHED). */
    public int[] itemCounts(long listId) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'PUBLISHED' THEN 1 ELSE 0 END), 0) "
                + "FROM list_item WHERE list_id = ?", (rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)}, listId);
    }

    public Optional<SalesList.Item> item(long listId, String articleCode) {
        return jdbc.query("SELECT * FROM list_item WHERE list_id = ? AND article_code = ?", ListingStore::item, listId,
                articleCode).stream().findFirst();
    }

    /** The items, in any list, of the given articles. */
    public List<SalesList.Item> itemsOf(Collection<String> articleCodes) {
        List<String> codes = new ArrayList<>(articleCodes);
        List<SalesList.Item> items = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += BATCH) {
            items.addAll(named.query("SELECT * FROM list_item WHERE article_code IN (:codes)",
                    new MapSqlParameterSource("codes", codes.subList(from, Math.min(codes.size(), from + BATCH))),
                    ListingStore::item));
        }
        return items;
    }

    public void insertItems(List<SalesList.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        jdbc.batchUpdate("INSERT INTO list_item (list_id, article_code, origin, state, platform_id, published_quantity, "
                        + "published_price, content_hash, published_before, leaving, added_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                items.stream().map(i -> new Object[] {i.listId(), i.articleCode(), i.origin().name(), i.state().name(),
                        i.platformId(), i.publishedQuantity(), i.publishedPrice(), i.contentHash(), i.publishedBefore(),
                        i.leaving(), now, now}).toList(),
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.NUMERIC,
                        Types.NUMERIC, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.TIMESTAMP_WITH_TIMEZONE,
                        Types.TIMESTAMP_WITH_TIMEZONE});
    }

    /** Origin and leaving flag of items the maintenance changed. */
    public void updateItems(List<SalesList.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        jdbc.batchUpdate("UPDATE list_item SET origin = ?, leaving = ?, updated_at = ? WHERE list_id = ? AND article_code = ?",
                items.stream().map(i -> new Object[] {i.origin().name(), i.leaving(), now, i.listId(), i.articleCode()})
                        .toList(),
                new int[] {Types.VARCHAR, Types.BOOLEAN, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.VARCHAR});
    }

    public void deleteItems(List<SalesList.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("DELETE FROM list_item WHERE list_id = ? AND article_code = ?",
                items.stream().map(i -> new Object[] {i.listId(), i.articleCode()}).toList());
    }

    /**
     * What a delivered transaction made of its item: its state, the platform's id, and what is now published
     * (for the delivery of transactions to the shops).
     */
    public void published(long listId, String articleCode, SalesList.ItemState state, String platformId,
            BigDecimal quantity, BigDecimal price, String contentHash) {
        jdbc.update("UPDATE list_item SET state = ?, platform_id = COALESCE(?, platform_id), "
                        + "published_quantity = COALESCE(?, published_quantity), published_price = COALESCE(?, published_price), "
                        + "content_hash = COALESCE(?, content_hash), published_before = (published_before OR ?), "
                        + "updated_at = ? WHERE list_id = ? AND article_code = ?",
                new Object[] {state.name(), platformId, quantity, price, contentHash,
                        state == SalesList.ItemState.PUBLISHED, now(), listId, articleCode},
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.NUMERIC, Types.NUMERIC, Types.VARCHAR, Types.BOOLEAN,
                        Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.VARCHAR});
    }

    private static SalesList.Item item(ResultSet rs, int row) throws SQLException {
        return new SalesList.Item(rs.getLong("list_id"), rs.getString("article_code"),
                SalesList.Origin.valueOf(rs.getString("origin")), SalesList.ItemState.valueOf(rs.getString("state")),
                rs.getString("platform_id"), plain(rs.getBigDecimal("published_quantity")),
                plain(rs.getBigDecimal("published_price")), rs.getString("content_hash"),
                rs.getBoolean("published_before"), rs.getBoolean("leaving"), instant(rs, "added_at"));
    }

    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : Listing.plain(value);
    }

    // ------------------------------------------------------------------------------------------------ log

    public void log(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        jdbc.batchUpdate("INSERT INTO publication_log (list_id, article_code, action, total, successes, errors, warnings, "
                        + "message, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[] {e.listId(), e.articleCode(), e.action(), e.total(),
                        e.successes(), e.errors(), e.warnings(), truncate(e.message()), now}).toList(),
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER,
                        Types.INTEGER, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});
    }

    /** The list's log, newest first; with {@code articleCode} only that item's. */
    public List<LogEntry> log(long listId, String articleCode, int limit) {
        RowMapperOf mapper = new RowMapperOf();
        return articleCode == null
                ? jdbc.query("SELECT * FROM publication_log WHERE list_id = ? ORDER BY id DESC FETCH FIRST " + limit
                        + " ROWS ONLY", mapper, listId)
                : jdbc.query("SELECT * FROM publication_log WHERE list_id = ? AND article_code = ? ORDER BY id DESC "
                        + "FETCH FIRST " + limit + " ROWS ONLY", mapper, listId, articleCode);
    }

    private static final class RowMapperOf implements org.springframework.jdbc.core.RowMapper<LogEntry> {
        @Override
        public LogEntry mapRow(ResultSet rs, int row) throws SQLException {
            return new LogEntry(rs.getLong("id"), rs.getLong("list_id"), rs.getString("article_code"),
                    rs.getString("action"), rs.getInt("total"), rs.getInt("successes"), rs.getInt("errors"),
                    rs.getInt("warnings"), rs.getString("message"), instant(rs, "logged_at"));
        }
    }

    /** The codes among these the ERP no longer has (a full sync marked them REMOVED). */
    public java.util.Set<String> removedFromErp(Collection<String> articleCodes) {
        List<String> codes = new ArrayList<>(articleCodes);
        java.util.Set<String> removed = new java.util.HashSet<>();
        for (int from = 0; from < codes.size(); from += BATCH) {
            removed.addAll(named.queryForList("SELECT code FROM article WHERE erp_state = 'REMOVED' AND code IN (:codes)",
                    new MapSqlParameterSource("codes", codes.subList(from, Math.min(codes.size(), from + BATCH))),
                    String.class));
        }
        return removed;
    }

    // --------------------------------------------------------------------------------------------- helpers

    static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
