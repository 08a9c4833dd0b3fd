package io.sincro.store;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the delta and full ERP syncs bring into the hub: articles with their prices and stock, the
 * commercial data of known customers, the lookup tables, and per resource the ERP time up to which
 * it was read. Writes go page by page in batches: an update first, an insert for what was not there,
 * so the same SQL runs on HSQLDB and PostgreSQL and a page read twice changes nothing.
 */
@Repository
public class ErpMirror {

    /**
     * One ERP article as the hub keeps it.
     *
     * @param published  the ERP offers it (neither cancelled nor pre-cancelled)
     * @param attributes the configured ERP fields with a value, by field name
     */
    public record ErpArticle(String code, String description, String vatCode, String unit, String category,
            String erpModified, boolean published, Map<String, String> attributes) {

        public ErpArticle(String code, String description, String vatCode, String unit, String category,
                String erpModified) {
            this(code, description, vatCode, unit, category, erpModified, true, Map.of());
        }

        public ErpArticle {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    public record Price(String articleCode, int priceList, BigDecimal price) {
    }

    public record Stock(String articleCode, int warehouse, BigDecimal onHand, BigDecimal available,
            String erpModified) {
    }

    /** The ERP's commercial and fiscal data of a customer, keyed by its ERP code. */
    public record ErpCustomer(String erpCode, Integer paymentCode, Integer priceList, String vatNumber,
            String fiscalCode, String pec, String sdiCode, String erpModified) {
    }

    /** A row of a lookup table; {@code parentCode} is set where the table is a tree (product groups). */
    public record Lookup(String kind, String code, String description, String data, String parentCode) {

        public Lookup(String kind, String code, String description, String data) {
            this(kind, code, description, data, null);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ArticleChanges changes;

    public ErpMirror(JdbcClient jdbc, JdbcTemplate template, ArticleChanges changes) {
        this.jdbc = jdbc;
        this.template = template;
        this.changes = changes;
    }

    /** @param runId the run that saw these articles (a full sync marks the unseen ones REMOVED at its end) */
    public void upsertArticles(List<ErpArticle> page, long runId) {
        if (page.isEmpty()) {
            return;
        }
        // what changed is journalled for the sales lists before it is overwritten
        changes.beforeArticles(page, "ERP sync " + runId);
        var now = Timestamps.of(Instant.now());
        int[] updated = template.batchUpdate("UPDATE article SET description = ?, vat_code = ?, unit = ?, "
                        + "category = ?, erp_modified = ?, published = ?, seen_run = ?, origin = 'ERP', "
                        + "erp_state = 'SYNCED', erp_reason = NULL, updated_at = ? WHERE code = ?",
                page.stream().map(a -> new Object[] {a.description(), a.vatCode(), a.unit(), a.category(),
                        a.erpModified(), a.published(), runId, now, a.code()}).toList(),
                new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN,
                        Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR});
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (updated[i] == 0) {
                ErpArticle a = page.get(i);
                inserts.add(new Object[] {a.code(), a.description(), a.vatCode(), a.unit(), a.category(),
                        a.erpModified(), a.published(), runId, now, now});
            }
        }
        if (!inserts.isEmpty()) {
            template.batchUpdate("INSERT INTO article (code, description, vat_code, unit, category, erp_modified, "
                            + "published, seen_run, origin, erp_state, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ERP', 'SYNCED', ?, ?)", inserts,
                    new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                            Types.VARCHAR, Types.BOOLEAN, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE,
                            Types.TIMESTAMP_WITH_TIMEZONE});
        }
        replaceAttributes(page);
    }

    /** The attributes of the page's articles become those just read: a value the ERP cleared goes away. */
    private void replaceAttributes(List<ErpArticle> page) {
        template.batchUpdate("DELETE FROM article_attribute WHERE article_code = ?",
                page.stream().map(a -> new Object[] {a.code()}).toList());
        List<Object[]> rows = new ArrayList<>();
        for (ErpArticle a : page) {
            a.attributes().forEach((name, value) -> rows.add(new Object[] {a.code(), name, value}));
        }
        if (!rows.isEmpty()) {
            template.batchUpdate("INSERT INTO article_attribute (article_code, attribute_name, attribute_value) "
                    + "VALUES (?, ?, ?)", rows);
        }
    }

    /** After a full sync read every article: those of the ERP it did not see are gone there. */
    public int markUnseenRemoved(long runId) {
        changes.beforeMarkedRemoved(runId);
        return jdbc.sql("UPDATE article SET erp_state = 'REMOVED', updated_at = ? WHERE origin = 'ERP' "
                        + "AND erp_state <> 'REMOVED' AND (seen_run IS NULL OR seen_run <> ?)")
                .params(Timestamps.of(Instant.now()), runId).update();
    }

    public void upsertPrices(List<Price> page) {
        if (page.isEmpty()) {
            return;
        }
        changes.beforePrices(page, "ERP sync");
        int[] updated = template.batchUpdate("UPDATE article_price SET price = ? WHERE article_code = ? AND price_list = ?",
                page.stream().map(p -> new Object[] {p.price(), p.articleCode(), p.priceList()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (updated[i] == 0) {
                Price p = page.get(i);
                inserts.add(new Object[] {p.articleCode(), p.priceList(), p.price()});
            }
        }
        if (!inserts.isEmpty()) {
            template.batchUpdate("INSERT INTO article_price (article_code, price_list, price) VALUES (?, ?, ?)", inserts);
        }
    }

    public void upsertStock(List<Stock> page) {
        if (page.isEmpty()) {
            return;
        }
        changes.beforeStock(page, "ERP sync");
        int[] updated = template.batchUpdate("UPDATE article_stock SET on_hand = ?, available = ?, erp_modified = ? "
                        + "WHERE article_code = ? AND warehouse = ?",
                page.stream().map(s -> new Object[] {s.onHand(), s.available(), s.erpModified(), s.articleCode(),
                        s.warehouse()}).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (updated[i] == 0) {
                Stock s = page.get(i);
                inserts.add(new Object[] {s.articleCode(), s.warehouse(), s.onHand(), s.available(), s.erpModified()});
            }
        }
        if (!inserts.isEmpty()) {
            template.batchUpdate("INSERT INTO article_stock (article_code, warehouse, on_hand, available, erp_modified) "
                    + "VALUES (?, ?, ?, ?, ?)", inserts);
        }
    }

    /** Updates the hub customers these ERP customers are; ERP customers the hub never saw are not copied. */
    public int refreshCustomers(List<ErpCustomer> page) {
        if (page.isEmpty()) {
            return 0;
        }
        var now = Timestamps.of(Instant.now());
        int[] updated = template.batchUpdate("UPDATE customer SET payment_code = ?, price_list = ?, "
                        + "vat_number = COALESCE(?, vat_number), fiscal_code = COALESCE(?, fiscal_code), "
                        + "pec = COALESCE(?, pec), sdi_code = COALESCE(?, sdi_code), erp_modified = ?, updated_at = ? "
                        + "WHERE erp_code = ?",
                page.stream().map(c -> new Object[] {c.paymentCode(), c.priceList(), c.vatNumber(), c.fiscalCode(),
                        c.pec(), c.sdiCode(), c.erpModified(), now, c.erpCode()}).toList(),
                new int[] {Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR});
        int count = 0;
        for (int n : updated) {
            count += n > 0 ? 1 : 0;
        }
        return count;
    }

    /** Replaces one lookup table with what the ERP has now. */
    public int replaceLookups(String kind, List<Lookup> rows, long runId) {
        for (Lookup row : rows) {
            int updated = jdbc.sql("UPDATE erp_lookup SET description = ?, data = ?, parent_code = ?, seen_run = ? "
                            + "WHERE kind = ? AND code = ?")
                    .params(row.description(), row.data(), row.parentCode(), runId, kind, row.code()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO erp_lookup (kind, code, description, data, parent_code, seen_run) "
                                + "VALUES (?, ?, ?, ?, ?, ?)")
                        .params(kind, row.code(), row.description(), row.data(), row.parentCode(), runId).update();
            }
        }
        jdbc.sql("DELETE FROM erp_lookup WHERE kind = ? AND seen_run <> ?").params(kind, runId).update();
        return rows.size();
    }

    public Optional<BigDecimal> price(String articleCode, int priceList) {
        return jdbc.sql("SELECT price FROM article_price WHERE article_code = ? AND price_list = ?")
                .params(articleCode, priceList).query(BigDecimal.class).optional();
    }

    public Optional<BigDecimal> available(String articleCode, int warehouse) {
        return jdbc.sql("SELECT available FROM article_stock WHERE article_code = ? AND warehouse = ?")
                .params(articleCode, warehouse).query(BigDecimal.class).optional();
    }

    public long articleCount(String erpState) {
        return jdbc.sql("SELECT COUNT(*) FROM article WHERE erp_state = ?").param(erpState).query(Long.class).single();
    }

    // ----------------------------------------------------------------------------------- watermarks

    /** The ERP time up to which a resource was read by the last successful delta or full sync. */
    public Optional<String> watermark(String resource) {
        return jdbc.sql("SELECT stamp FROM erp_watermark WHERE resource = ?").param(resource).query(String.class)
                .optional();
    }

    /** Moves the watermarks forward; called only when the whole sync succeeded. */
    public void saveWatermarks(Map<String, String> stamps, long runId) {
        var now = Timestamps.of(Instant.now());
        stamps.forEach((resource, stamp) -> {
            int updated = jdbc.sql("UPDATE erp_watermark SET stamp = ?, run_id = ?, updated_at = ? WHERE resource = ?")
                    .params(stamp, runId, now, resource).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO erp_watermark (resource, stamp, run_id, updated_at) VALUES (?, ?, ?, ?)")
                        .params(resource, stamp, runId, now).update();
            }
        });
    }
}
