package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.List;

/** What an article filter can ask of an article. Text values may be null when the ERP has none. */
public interface ArticleFacts {

    String code();

    String description();

    /** The code of the article's own (leaf) category, or null. */
    String category();

    /** The category codes from the root down to {@link #category()}; empty when the article has no category. */
    List<String> categoryPath();

    String primaryCategory();

    /** The quantity available in the warehouse; zero when the hub knows no stock there. */
    BigDecimal available(int warehouse);

    boolean published();

    /** The article's price in the price list, or null when the list has no price for it. */
    BigDecimal price(int priceList);

    boolean offer();

    boolean isNew();

    boolean endOfSeries();

    /** The value of a pulled attribute (name matched ignoring case), or null when absent. */
    String attribute(String name);
}
