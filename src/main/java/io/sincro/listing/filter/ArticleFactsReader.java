package io.sincro.listing.filter;

import io.sincro.erp.ErpPull;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * The facts of the given articles the hub knows, by code. Unknown codes are left out, and so are articles
     * the ERP no longer has (a full sync marked them REMOVED): no filter can match them.
     */
    public Map<String, ArticleFacts> read(Collection<String> articleCodes) {
        List<String> codes = new ArrayList<>(new LinkedHashSet<>(articleCodes));
        Map<String, ArticleFacts> facts = new LinkedHashMap<>();
        CategoryTree categories = categories();
        for (int from = 0; from < codes.size(); from += BATCH) {
            facts.putAll(readBatch(codes.subList(from, Math.min(codes.size(), from + BATCH)), categories));
        }
        return facts;
    }

    /**
     * Every article (but those the ERP no longer has) in code order, a page at a time (keyset paging), so a
     * catalogue of any size is read in constant memory: only one page's facts are held at once.
     */
    public void forEach(Consumer<ArticleFacts> each) {
        CategoryTree categories = categories();
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("SELECT code FROM article WHERE code > :after "
                    + "AND erp_state <> 'REMOVED' ORDER BY code FETCH FIRST " + BATCH + " ROWS ONLY",
                    new MapSqlParameterSource("after", after), String.class);
            if (page.isEmpty()) {
                return;
            }
            readBatch(page, categories).values().forEach(each);
            after = page.get(page.size() - 1);
        }
    }

    /** The product groups and their parents, read once per call: a few hundred rows at most. */
    private CategoryTree categories() {
        Map<String, String> parents = new HashMap<>();
        jdbc.query("SELECT code, parent_code FROM erp_lookup WHERE kind = :kind",
                new MapSqlParameterSource("kind", ErpPull.CATEGORIES),
                row -> {
                    parents.put(row.getString(1), row.getString(2));
                });
        return new CategoryTree(parents);
    }

    private Map<String, ArticleFacts> readBatch(List<String> codes, CategoryTree categories) {
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
        Map<String, Map<String, String>> attributes = new HashMap<>();
        jdbc.query("SELECT article_code, attribute_name, attribute_value FROM article_attribute "
                        + "WHERE article_code IN (:codes)", params,
                row -> {
                    attributes.computeIfAbsent(row.getString(1), code -> new HashMap<>())
                            .put(row.getString(2), row.getString(3));
                });
        Map<String, ArticleFacts> facts = new LinkedHashMap<>();
        jdbc.query("SELECT code, description, category, published FROM article WHERE code IN (:codes) "
                        + "AND erp_state <> 'REMOVED' ORDER BY code",
                params, row -> {
                    String code = row.getString("code");
                    String category = row.getString("category");
                    // The hub knows one category per article, its product group: that is its primary one.
                    facts.put(code, new StoredArticleFacts(code, row.getString("description"), category,
                            categories.path(category), category, stock.get(code), row.getBoolean("published"),
                            prices.get(code), false, false, false, attributes.get(code)));
                });
        return facts;
    }

    /** Category paths root..leaf from the parents of the product groups; a loop in the ERP's data stops the walk. */
    private static final class CategoryTree {
        private final Map<String, String> parents;
        private final Map<String, List<String>> paths = new HashMap<>();

        CategoryTree(Map<String, String> parents) {
            this.parents = parents;
        }

        List<String> path(String category) {
            if (category == null) {
                return List.of();
            }
            return paths.computeIfAbsent(category, leaf -> {
                List<String> path = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String at = leaf; at != null && seen.add(at); at = parents.get(at)) {
                    path.add(0, at);
                }
                return List.copyOf(path);
            });
        }
    }
}
