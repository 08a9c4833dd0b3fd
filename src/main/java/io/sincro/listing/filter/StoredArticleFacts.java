package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The facts of one article as the hub keeps them; also handy to build facts in tests. */
public record StoredArticleFacts(String code, String description, String category, List<String> categoryPath,
        String primaryCategory, Map<Integer, BigDecimal> stock, boolean published, Map<Integer, BigDecimal> prices,
        boolean offer, boolean isNew, boolean endOfSeries, Map<String, String> attributes) implements ArticleFacts {

    public StoredArticleFacts {
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
        stock = stock == null ? Map.of() : Map.copyOf(stock);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        // Attribute names are matched ignoring case, as the filter's text comparisons are.
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (name != null && value != null) {
                    byName.put(name, value);
                }
            });
        }
        attributes = Collections.unmodifiableMap(byName);
    }

    @Override
    public BigDecimal available(int warehouse) {
        return stock.getOrDefault(warehouse, BigDecimal.ZERO);
    }

    @Override
    public BigDecimal price(int priceList) {
        return prices.get(priceList);
    }

    @Override
    public String attribute(String name) {
        return attributes.get(name);
    }
}
