package io.sincro.store;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The journal of the articles that changed and how, for list maintenance and rule evaluation, which look
 * at these articles only (never the whole catalogue). The ERP syncs write it as they store a page (comparing
 * it with what the hub had), the partial syncs that brought sold orders into the ERP write the quantities
 * those orders committed. Nothing is journalled while no sales list exists: a list's first save looks at
 * the whole catalogue anyway.
 */
@Repository
public class ArticleChanges {

    /** What changed of an article. */
    public enum What {
        /** The article is new in the hub. */
        NEW,
        /** Description, category, published flag, or anything else the ERP stamped as a change of the article record. */
        CONTENT,
        QUANTITY,
        PRICE,
        /** Gone from the ERP. */
        LEFT
    }

    /** The changes journalled after {@code after}, up to {@code upTo}, per article. */
    public record Since(long after, long upTo, Map<String, Set<What>> byArticle) {
    }

    private static final int BATCH = 1000;

    private final JdbcTemplate template;
    private final NamedParameterJdbcTemplate named;

    public ArticleChanges(JdbcTemplate template, NamedParameterJdbcTemplate named) {
        this.template = template;
        this.named = named;
    }

    /** Whether anything would read the journal: at least one sales list. */
    public boolean wanted() {
        Integer lists = template.queryForObject("SELECT COUNT(*) FROM sales_list", Integer.class);
        return lists != null && lists > 0;
    }

    /** Journals articles of an ERP page that are new or whose record differs from what the hub has. */
    public void beforeArticles(List<ErpMirror.ErpArticle> page, String source) {
        if (page.isEmpty() || !wanted()) {
            return;
        }
        Map<String, List<Object>> had = new HashMap<>();
        named.query("SELECT code, description, category, vat_code, unit, erp_modified, erp_state, published FROM article "
                        + "WHERE code IN (:codes)", new MapSqlParameterSource("codes", codes(page, ErpMirror.ErpArticle::code)),
                row -> {
                    List<Object> values = new ArrayList<>();
                    for (int i = 2; i <= 7; i++) {
                        values.add(row.getString(i));
                    }
                    values.add(row.getBoolean(8));
                    had.put(row.getString(1), values);
                });
        List<Object[]> changes = new ArrayList<>();
        for (ErpMirror.ErpArticle article : page) {
            List<Object> before = had.get(article.code());
            if (before == null || "REMOVED".equals(before.get(5))) {
                changes.add(change(article.code(), What.NEW, source));
            } else if (!Objects.equals(before.get(0), article.description())
                    || !Objects.equals(before.get(1), article.category())
                    || !Objects.equals(before.get(2), article.vatCode()) || !Objects.equals(before.get(3), article.unit())
                    || !Objects.equals(before.get(6), article.published())
                    || article.erpModified() != null && !Objects.equals(before.get(4), article.erpModified())) {
                changes.add(change(article.code(), What.CONTENT, source));
            }
        }
        insert(changes);
    }

    /** Journals the prices of an ERP page that differ from the hub's. */
    public void beforePrices(List<ErpMirror.Price> page, String source) {
        if (page.isEmpty() || !wanted()) {
            return;
        }
        Map<String, BigDecimal> had = new HashMap<>();
        named.query("SELECT article_code, price_list, price FROM article_price WHERE article_code IN (:codes)",
                new MapSqlParameterSource("codes", codes(page, ErpMirror.Price::articleCode)),
                row -> {
                    had.put(row.getString(1) + "\u0000" + row.getInt(2), row.getBigDecimal(3));
                });
        Map<String, Object[]> changes = new LinkedHashMap<>();
        for (ErpMirror.Price price : page) {
            BigDecimal before = had.get(price.articleCode() + "\u0000" + price.priceList());
            if (before == null || before.compareTo(price.price()) != 0) {
                changes.putIfAbsent(price.articleCode(), change(price.articleCode(), What.PRICE, source));
            }
        }
        insert(new ArrayList<>(changes.values()));
    }

    /** Journals the availabilities of an ERP page that differ from the hub's. */
    public void beforeStock(List<ErpMirror.Stock> page, String source) {
        if (page.isEmpty() || !wanted()) {
            return;
        }
        Map<String, BigDecimal> had = new HashMap<>();
        named.query("SELECT article_code, warehouse, available FROM article_stock WHERE article_code IN (:codes)",
                new MapSqlParameterSource("codes", codes(page, ErpMirror.Stock::articleCode)),
                row -> {
                    had.put(row.getString(1) + "\u0000" + row.getInt(2), row.getBigDecimal(3));
                });
        Map<String, Object[]> changes = new LinkedHashMap<>();
        for (ErpMirror.Stock stock : page) {
            BigDecimal before = had.get(stock.articleCode() + "\u0000" + stock.warehouse());
            if (before == null || before.compareTo(stock.available()) != 0) {
                changes.putIfAbsent(stock.articleCode(), change(stock.articleCode(), What.QUANTITY, source));
            }
        }
        insert(new ArrayList<>(changes.values()));
    }

    /** Journals the ERP articles a full sync did not see (before they are marked REMOVED). */
    public void beforeMarkedRemoved(long runId) {
        if (!wanted()) {
            return;
        }
        List<String> gone = template.queryForList("SELECT code FROM article WHERE origin = 'ERP' "
                + "AND erp_state <> 'REMOVED' AND (seen_run IS NULL OR seen_run <> ?)", String.class, runId);
        insert(gone.stream().map(code -> change(code, What.LEFT, "full ERP sync " + runId)).toList());
    }

    /**
     * Orders that reached the ERP commit their articles' stock there: the hub lowers its availability of the
     * sold articles by the quantities ordered, in {@code warehouse}, and journals them, so their listed
     * quantities are revised at once; the next delta or full sync brings the ERP's own figures.
     *
     * @return the sold articles' codes
     */
    public List<String> sold(List<Long> orderIds, int warehouse, String source) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        Map<String, BigDecimal> sold = new LinkedHashMap<>();
        for (int from = 0; from < orderIds.size(); from += BATCH) {
            named.query("SELECT article_code, SUM(quantity) FROM order_line WHERE kind = 'ARTICLE' "
                            + "AND article_code IS NOT NULL AND order_id IN (:ids) GROUP BY article_code ORDER BY article_code",
                    new MapSqlParameterSource("ids", orderIds.subList(from, Math.min(orderIds.size(), from + BATCH))),
                    row -> {
                        sold.merge(row.getString(1), row.getBigDecimal(2), BigDecimal::add);
                    });
        }
        if (sold.isEmpty()) {
            return List.of();
        }
        template.batchUpdate("UPDATE article_stock SET available = available - ? WHERE article_code = ? AND warehouse = ?",
                sold.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getKey(), warehouse}).toList());
        if (wanted()) {
            insert(sold.keySet().stream().map(code -> change(code, What.QUANTITY, source)).toList());
        }
        return List.copyOf(sold.keySet());
    }

    /** Journals changes found elsewhere (tests, the sandbox, a manual refresh). */
    public void record(Map<String, Set<What>> changes, String source) {
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((code, whats) -> whats.forEach(what -> rows.add(change(code, what, source))));
        insert(rows);
    }

    /** The journal after {@code after}, grouped by article. */
    public Since since(long after) {
        Map<String, Set<What>> byArticle = new LinkedHashMap<>();
        long[] upTo = {after};
        template.query("SELECT id, article_code, what FROM article_change WHERE id > ? ORDER BY id", row -> {
            upTo[0] = Math.max(upTo[0], row.getLong(1));
            byArticle.computeIfAbsent(row.getString(2), code -> EnumSet.noneOf(What.class))
                    .add(What.valueOf(row.getString(3)));
        }, after);
        return new Since(after, upTo[0], byArticle);
    }

    /** How far the evaluation has read the journal; -1 before the first evaluation (HSQLDB's identities start at 0). */
    public long cursor() {
        List<Long> at = template.queryForList("SELECT last_change FROM rule_evaluation_cursor WHERE name = 'rules'",
                Long.class);
        return at.isEmpty() ? NONE : at.get(0);
    }

    private static final long NONE = -1;

    /**
     * Moves the cursor from {@code from} to {@code to} and forgets the journal up to it; false when another
     * evaluation moved it meanwhile (this one's work is then not to be stored).
     */
    public boolean advance(long from, long to) {
        var now = Timestamps.of(Instant.now());
        int moved = template.update("UPDATE rule_evaluation_cursor SET last_change = ?, updated_at = ? "
                + "WHERE name = 'rules' AND last_change = ?", new Object[] {to, now, from},
                new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        if (moved == 0) {
            if (from != NONE || cursorExists()) {
                return false;
            }
            template.update("INSERT INTO rule_evaluation_cursor (name, last_change, updated_at) VALUES ('rules', ?, ?)",
                    new Object[] {to, now}, new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE});
        }
        template.update("DELETE FROM article_change WHERE id <= ?", to);
        return true;
    }

    private boolean cursorExists() {
        Integer rows = template.queryForObject("SELECT COUNT(*) FROM rule_evaluation_cursor WHERE name = 'rules'",
                Integer.class);
        return rows != null && rows > 0;
    }

    private static <T> List<String> codes(List<T> page, java.util.function.Function<T, String> code) {
        return page.stream().map(code).distinct().toList();
    }

    private static Object[] change(String code, What what, String source) {
        return new Object[] {code, what.name(), source, Timestamps.of(Instant.now())};
    }

    private void insert(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("INSERT INTO article_change (article_code, what, source, recorded_at) VALUES (?, ?, ?, ?)",
                rows, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});
    }
}
