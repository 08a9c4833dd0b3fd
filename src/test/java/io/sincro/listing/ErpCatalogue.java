package io.sincro.listing;

import io.sincro.store.ErpMirror;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The listing tests' catalogue: articles written as an ERP sync writes them (journal included), their codes
 * under a test's own prefix so that tests sharing a store do not see each other's articles.
 */
record ErpCatalogue(ErpMirror mirror, String prefix) {

    /** Articles by code (without the prefix) and description, each with one price and one stock figure. */
    void write(Map<String, String> descriptions, int available, String price) {
        List<ErpMirror.ErpArticle> articles = new ArrayList<>();
        List<ErpMirror.Price> prices = new ArrayList<>();
        List<ErpMirror.Stock> stock = new ArrayList<>();
        new TreeMap<>(descriptions).forEach((code, description) -> {
            articles.add(article(code, description));
            prices.add(new ErpMirror.Price(prefix + code, 1, new BigDecimal(price)));
            stock.add(stock(code, available));
        });
        mirror.upsertArticles(articles, 1);
        mirror.upsertPrices(prices);
        mirror.upsertStock(stock);
    }

    ErpMirror.ErpArticle article(String code, String description) {
        return new ErpMirror.ErpArticle(prefix + code, description, "22", "pz", "SHOES", null);
    }

    ErpMirror.Stock stock(String code, int available) {
        return new ErpMirror.Stock(prefix + code, 1, BigDecimal.valueOf(available), BigDecimal.valueOf(available), null);
    }
}
