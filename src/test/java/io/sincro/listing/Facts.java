package io.sincro.listing;

import io.sincro.listing.filter.ArticleFacts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An article as the tests describe it: availability in warehouse 1, price in list 1. */
record Facts(String code, String description, String category, BigDecimal stock, BigDecimal listPrice,
        boolean published) implements ArticleFacts {

    static Facts of(String code, String description, int stock, String price) {
        return new Facts(code, description, "SHOES", BigDecimal.valueOf(stock), new BigDecimal(price), true);
    }

    Facts withDescription(String newDescription) {
        return new Facts(code, newDescription, category, stock, listPrice, published);
    }

    Facts withStock(int newStock) {
        return new Facts(code, description, category, BigDecimal.valueOf(newStock), listPrice, published);
    }

    Facts withPrice(String newPrice) {
        return new Facts(code, description, category, stock, new BigDecimal(newPrice), published);
    }

    Facts unpublished() {
        return new Facts(code, description, category, stock, listPrice, false);
    }

    @Override
    public List<String> categoryPath() {
        return List.of(category);
    }

    @Override
    public String primaryCategory() {
        return category;
    }

    @Override
    public BigDecimal available(int warehouse) {
        return warehouse == 1 ? stock : null;
    }

    @Override
    public BigDecimal price(int priceList) {
        return priceList == 1 ? listPrice : null;
    }

    @Override
    public boolean offer() {
        return false;
    }

    @Override
    public boolean isNew() {
        return false;
    }

    @Override
    public boolean endOfSeries() {
        return false;
    }

    @Override
    public String attribute(String name) {
        return null;
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
