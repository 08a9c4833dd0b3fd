package io.sincro.listing.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An article filter of a sales rule, as the merchant wrote it (README "Article filters"), compiled once
 * into a tree evaluated in Java. Immutable and thread-safe: one instance serves every evaluation.
 */
public final class ArticleFilter {

    private static final ArticleFilter ALL = new ArticleFilter("", null);

    private final String text;
    private final FilterNode root;
    private final Set<String> fieldsUsed;

    private ArticleFilter(String text, FilterNode root) {
        this.text = text;
        this.root = root;
        Set<String> fields = new LinkedHashSet<>();
        if (root != null) {
            root.collectFields(fields);
        }
        this.fieldsUsed = Collections.unmodifiableSet(fields);
    }

    /** Parses a filter; an empty (or blank, or null) text is the filter that matches every article. */
    public static ArticleFilter parse(String text) throws FilterSyntaxException {
        if (text == null || text.isBlank()) {
            return text == null || text.isEmpty() ? ALL : new ArticleFilter(text, null);
        }
        return new ArticleFilter(text, FilterParser.parse(text));
    }

    /** The empty filter: matches every article. */
    public static ArticleFilter all() {
        return ALL;
    }

    public boolean matches(ArticleFacts article) {
        return root == null || root.test(article);
    }

    /**
     * The fields the filter reads: "code", "description", "category", "primaryCategory", "published",
     * "offer", "new", "endOfSeries", "available" (any warehouse), "price" (any list), and
     * "attribute:NAME" for each attribute named. A change to an article's other fields cannot change
     * whether it matches.
     */
    public Set<String> fieldsUsed() {
        return fieldsUsed;
    }

    /** The filter as the merchant wrote it. */
    public String text() {
        return text;
    }

    /**
     * The parsed tree in canonical form (keywords upper-case, texts in double quotes, AND and OR
     * groups in parentheses); empty for the filter that matches everything.
     */
    public String canonical() {
        return root == null ? "" : root.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
