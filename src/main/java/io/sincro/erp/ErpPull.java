package io.sincro.erp;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * Pulls from the ERP what the hub keeps of it: the lookup tables, the articles with the prices of the
 * configured price lists, their stock in the configured warehouses, and the commercial data of the
 * customers the hub knows. Each read streams page by page ({@code next}), as values, to the flow that
 * keeps them (the ERP port never writes the store), so memory holds one page whatever the catalogue's
 * size. With {@code since} (an ERP time) only what changed from then on is read; without, everything.
 */
@Component
public class ErpPull {

    public static final String ARTICLES = "articoli";
    public static final String STOCK = "progressivi-articoli";
    public static final String CUSTOMERS = "clienti";

    /** The lookup table of the product groups, the hub's article categories (a tree: each names its parent). */
    public static final String CATEGORIES = "categories";

    /** The lookup tables: hub name → WebAPI resource. */
    public static final Map<String, String> LOOKUPS = lookups();

    /** What one pull read and wrote, and the ERP time it started at (the next watermark). */
    public record Pulled(int read, int written, String erpTime) {
        public Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("read", read);
            counts.put("written", written);
            return counts;
        }
    }

    /**
     * An ERP article as read.
     *
     * @param published  the ERP offers it (neither cancelled nor pre-cancelled)
     * @param attributes the configured ERP fields with a value, by field name
     */
    public record Article(String code, String description, String vatCode, String unit, String category,
            String erpModified, boolean published, Map<String, String> attributes) {
    }

    /** An article's price in one of the configured price lists. */
    public record Price(String articleCode, int priceList, BigDecimal price) {
    }

    /** An article's stock in one configured warehouse, summed over its locations and lots. */
    public record Stock(String articleCode, int warehouse, BigDecimal onHand, BigDecimal available,
            String erpModified) {
    }

    /** The ERP's commercial and fiscal data of a customer, keyed by its ERP code. */
    public record Customer(String erpCode, Integer paymentCode, Integer priceList, String vatNumber,
            String fiscalCode, String pec, String sdiCode, String erpModified) {
    }

    /** A row of a lookup table; {@code parentCode} is set where the table is a tree (product groups). */
    public record Lookup(String kind, String code, String description, String data, String parentCode) {
    }

    private final WebApiClient erp;
    private final ErpSyncProperties settings;

    private final ErpArticleProperties articleSettings;

    public ErpPull(WebApiClient erp, ErpSyncProperties settings, ErpArticleProperties articleSettings) {
        this.erp = erp;
        this.settings = settings;
        this.articleSettings = articleSettings;
    }

    private static Map<String, String> lookups() {
        Map<String, String> lookups = new LinkedHashMap<>();
        lookups.put("payment-terms", "dati-generali/pagamenti");
        lookups.put("price-lists", "dati-generali/listini");
        lookups.put("currencies", "dati-generali/valute");
        lookups.put("vat-exemptions", "dati-generali/esenzioni-iva");
        lookups.put("warehouses", "dati-generali/magazzini");
        lookups.put(CATEGORIES, "dati-generali/gruppi-merceologici");
        return java.util.Collections.unmodifiableMap(lookups);
    }

    /**
     * Every lookup table, whole each time (they are small, and a delta sync always refreshes them), each
     * handed whole to {@code replace} (which answers how many rows it kept). A table the ERP does not offer
     * is reported as such and the others go on; the hub keeps what it had.
     */
    public Map<String, Object> lookupTables(ToIntBiFunction<String, List<Lookup>> replace) {
        Map<String, Object> counts = new LinkedHashMap<>();
        LOOKUPS.forEach((kind, resource) -> {
            List<Lookup> rows = new ArrayList<>();
            try {
                erp.pages(resource, List.of(), List.of(), settings.pageSize(), (page, at) -> page.forEach(record -> {
                    String code = firstText(record, "id", "codice", "sigla");
                    if (code != null) {
                        // A product group names its parent in cod_grp_merc ("Codice padre").
                        String parent = kind.equals(CATEGORIES) ? text(record, "cod_grp_merc") : null;
                        rows.add(new Lookup(kind, code, firstText(record, "descrizione", "descr", "nome"),
                                record.toString(), code.equals(parent) ? null : parent));
                    }
                }));
            } catch (ErpException.Rejected notOffered) {
                counts.put(kind, "not available: " + notOffered.getMessage());
                return;
            }
            counts.put(kind, replace.applyAsInt(kind, rows));
        });
        return counts;
    }

    /** The articles (and their prices in the configured lists), each page handed to {@code store}. */
    public Pulled articles(String since, BiConsumer<List<Article>, List<Price>> store) {
        List<String> fields = new ArrayList<>(List.of("codice", "descrizione", "alq_iva", "um_principale",
                "cod_grp_merc", "prz_listino", "gest_annullato", "gest_precanc", "data_ult_mod"));
        articleSettings.attributes().stream().filter(name -> !fields.contains(name)).forEach(fields::add);
        AtomicInteger read = new AtomicInteger();
        String time = erp.pages(ARTICLES, since == null ? List.of() : List.of(ErpFilter.since("data_ult_mod", since)),
                fields, settings.pageSize(), (page, at) -> {
                    List<Article> articles = new ArrayList<>(page.size());
                    List<Price> prices = new ArrayList<>();
                    for (JsonNode record : page) {
                        String code = text(record, "codice");
                        if (code == null) {
                            continue;
                        }
                        articles.add(new Article(code, truncate(orEmpty(text(record, "descrizione")), 200),
                                vatCode(text(record, "alq_iva")), orDefault(text(record, "um_principale"), "pz"),
                                text(record, "cod_grp_merc"), text(record, "data_ult_mod"), published(record),
                                attributes(record)));
                        for (JsonNode pair : record.path("prz_listino")) {
                            int list = pair.path(0).asInt();
                            if (settings.priceLists().contains(list) && pair.size() >= 2 && !pair.get(1).isNull()) {
                                prices.add(new Price(code, list, decimal(pair.get(1).asText())));
                            }
                        }
                    }
                    store.accept(articles, prices);
                    read.addAndGet(articles.size());
                });
        return new Pulled(read.get(), read.get(), time);
    }

    /**
     * Availability per configured warehouse from the stock progressives: on hand is inventory plus loads minus
     * unloads; available is on hand less what open customer orders have committed. The WebAPI offers the
     * progressives of all articles only as a list ({@code GET progressivi-articoli}: no {@code ricerca}, so no
     * filter by warehouse nor by date) answered in columns, one record per article, warehouse, location and lot:
     * the hub reads the whole list page by page, adds up an article's locations and lots per warehouse, keeps the
     * configured warehouses, and on a delta writes only the progressives moved on or after the watermark's day
     * ({@code dt_mod_ult_doc}).
     */
    public Pulled stock(String since, Consumer<List<Stock>> store) {
        String sinceDay = since == null ? null : since.substring(0, Math.min(8, since.length()));
        StockPages pages = new StockPages(sinceDay, store);
        String time = erp.pages(STOCK, List.of(), List.of("cod_articolo", "id_magazzino", "qta_inventario",
                "qta_carico", "qta_scarico", "qta_ord_imp", "dt_mod_ult_doc"), settings.pageSize(),
                (page, at) -> pages.add(page));
        pages.flush(true);
        return new Pulled(pages.read, pages.written, time);
    }

    /**
     * Progressives of one article and warehouse, summed over its locations and lots. Records come sorted by
     * article; an article's last records may continue on the next page, so they wait for it.
     */
    private final class StockPages {
        private final String sinceDay;
        private final Map<String, Stock> pending = new LinkedHashMap<>();
        private final Map<String, Boolean> moved = new java.util.HashMap<>();
        int read;
        int written;

        private final Consumer<List<Stock>> store;

        StockPages(String sinceDay, Consumer<List<Stock>> store) {
            this.sinceDay = sinceDay;
            this.store = store;
        }

        void add(JsonNode page) {
            String lastArticle = null;
            for (JsonNode record : page) {
                String code = text(record, "cod_articolo");
                int warehouse = record.path("id_magazzino").asInt(0);
                if (code == null || !settings.warehouses().contains(warehouse)) {
                    continue;
                }
                if (lastArticle != null && !lastArticle.equals(code)) {
                    flush(false, code);
                }
                lastArticle = code;
                BigDecimal onHand = decimal(text(record, "qta_inventario")).add(decimal(text(record, "qta_carico")))
                        .subtract(decimal(text(record, "qta_scarico")));
                BigDecimal available = onHand.subtract(decimal(text(record, "qta_ord_imp")));
                String changed = text(record, "dt_mod_ult_doc");
                String key = code + "\u0000" + warehouse;
                pending.merge(key, new Stock(code, warehouse, onHand, available, changed),
                        (a, b) -> new Stock(code, warehouse, a.onHand().add(b.onHand()),
                                a.available().add(b.available()), later(a.erpModified(), b.erpModified())));
                moved.merge(key, sinceDay == null || (changed != null && changed.compareTo(sinceDay) >= 0),
                        Boolean::logicalOr);
            }
        }

        void flush(boolean all) {
            flush(all, null);
        }

        /** Writes what is complete: every article but {@code keep} (the one still being read), or all at the end. */
        private void flush(boolean all, String keep) {
            List<Stock> ready = new ArrayList<>();
            pending.entrySet().removeIf(entry -> {
                if (!all && entry.getValue().articleCode().equals(keep)) {
                    return false;
                }
                read++;
                if (Boolean.TRUE.equals(moved.remove(entry.getKey()))) {
                    ready.add(entry.getValue());
                }
                return true;
            });
            if (!ready.isEmpty()) {
                store.accept(ready);
                written += ready.size();
            }
        }
    }

    private static String later(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    /** The ERP's data of customers, each page handed to {@code refresh}, which answers how many it updated. */
    public Pulled customers(String since, ToIntFunction<List<Customer>> refresh) {
        AtomicInteger read = new AtomicInteger();
        AtomicInteger updated = new AtomicInteger();
        String time = erp.pages(CUSTOMERS, since == null ? List.of() : List.of(ErpFilter.since("data_ult_mod", since)),
                List.of("codice", "cod_pagamento", "cod_listino", "partita_iva", "codice_fiscale", "pec", "codice_sdi",
                        "data_ult_mod"), settings.pageSize(), (page, at) -> {
                    List<Customer> customers = new ArrayList<>(page.size());
                    for (JsonNode record : page) {
                        String code = text(record, "codice");
                        if (code != null) {
                            customers.add(new Customer(code, integer(record, "cod_pagamento"),
                                    integer(record, "cod_listino"), text(record, "partita_iva"),
                                    text(record, "codice_fiscale"), text(record, "pec"), text(record, "codice_sdi"),
                                    text(record, "data_ult_mod")));
                        }
                    }
                    read.addAndGet(customers.size());
                    updated.addAndGet(refresh.applyAsInt(customers));
                });
        return new Pulled(read.get(), updated.get(), time);
    }

    /** An article is offered unless the ERP marks it cancelled or pre-cancelled ("S"). */
    private static boolean published(JsonNode record) {
        return !"S".equalsIgnoreCase(text(record, "gest_annullato")) && !"S".equalsIgnoreCase(text(record, "gest_precanc"));
    }

    /** The configured fields with a scalar, non-blank value (an array field has no single value to compare). */
    private Map<String, String> attributes(JsonNode record) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : articleSettings.attributes()) {
            String value = text(record, name);
            if (value != null) {
                attributes.put(name, truncate(value, 400));
            }
        }
        return attributes;
    }

    /** The VAT as the hub writes it: the ERP may read back {@code " 22,0"} for 22. */
    static String vatCode(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim().replace(',', '.');
        try {
            return new BigDecimal(trimmed).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return trimmed;
        }
    }

    private static String firstText(JsonNode record, String... fields) {
        for (String field : fields) {
            String value = text(record, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isMissingNode() || value.isNull() || value.isContainerNode() || value.asText().isBlank() ? null
                : value.asText().trim();
    }

    private static Integer integer(JsonNode record, String field) {
        String value = text(record, field);
        try {
            return value == null ? null : new BigDecimal(value).intValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
