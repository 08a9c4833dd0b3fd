package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the facts an article filter asks of articles from the store: a handful of queries per batch
 * of articles (never one per article), and the whole catalogue page by page in constant memory.
 */
@Component
public class ArticleFactsReader {

    /** Articles per query: keeps IN lists short on every database and a page's facts small in memory. */
    static final int BATCH = 1000;

    private final NamedParameterJdbcTemplate jdbc;

    public ArticleFactsReader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts of the given articles the hub knows, by code; unknown codes are left out. */
    public Map<String, ArticleFacts> read(Collection<String> articleCodes) {
        List<String> codes = new ArrayList<>(new LinkedHashSet<>(articleCodes));
        Map<String, ArticleFacts> facts = new LinkedHashMap<>();
        for (int from = 0; from < codes.size(); from += BATCH) {
            facts.putAll(readBatch(codes.subList(from, Math.min(codes.size(), from + BATCH))));
        }
        return facts;
    }

    /** Every article in code order, a page at a time, so a catalogue of any size fits in memory. */
    public void forEach(Consumer<ArticleFacts> each) {
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("SELECT code FROM article WHERE code > :after ORDER BY code "
                    + "FETCH FIRST " + BATCH + " ROWS ONLY", new MapSqlParameterSource("after", after), String.class);
            if (page.isEmpty()) {
                return;
            }
            readBatch(page).values().forEach(each);
            after = page.get(page.size() - 1);
        }
    }

    private Map<String, ArticleFacts> readBatch(List<String> codes) {
        if (codes.isEmpty()) {
            return Map.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("codes", codes);
        Map<String, Map<Integer, BigDecimal>> stock = new HashMap<>();
        jdbc.query("SELECT article_code, warehouse, available FROM article_stock WHERE article_code IN (:codes)", params,
                row -> {
                    stock.computeIfAbsent(row.getString(1), code -> new HashMap<>())
                            .put(row.getInt(2), row.getBigDecimal(3));
                });
        Map<String, Map<Integer, BigDecimal>> prices = new HashMap<>();
        jdbc.query("SELECT article_code, price_list, price FROM article_price WHERE article_code IN (:codes)", params,
                row -> {
                    prices.computeIfAbsent(row.getString(1), code -> new HashMap<>())
                            .put(row.getInt(2), row.getBigDecimal(3));
                });
        Map<String, ArticleFacts> facts = new LinkedHashMap<>();
        jdbc.query("SELECT code, description, category FROM article WHERE code IN (:codes) ORDER BY code", params,
                row -> {
                    String code = row.getString("code");
                    String category = row.getString("category");
                    facts.put(code, new StoredArticleFacts(code, row.getString("description"), category,
                            category == null ? List.of() : List.of(category), null, stock.get(code), false,
                            prices.get(code), false, false, false, Map.of()));
                });
        return facts;
    }
}
