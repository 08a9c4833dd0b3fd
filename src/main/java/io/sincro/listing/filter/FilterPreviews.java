package io.sincro.listing.filter;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** How many and which articles of the catalogue a filter matches, before a merchant saves it in a rule. */
@Component
public class FilterPreviews {

    /** One matching article as the preview lists it. */
    public record MatchingArticle(String code, String description) {
    }

    /** @param matches every matching article; {@code articles} only the first {@code limit} of them, by code */
    public record FilterPreview(String filter, List<String> fieldsUsed, long matches, List<MatchingArticle> articles) {
    }

    private final ArticleFactsReader reader;

    public FilterPreviews(ArticleFactsReader reader) {
        this.reader = reader;
    }

    public FilterPreview preview(ArticleFilter filter, int limit) {
        List<MatchingArticle> first = new ArrayList<>(Math.min(limit, 100));
        long[] matches = {0};
        reader.forEach(article -> {
            if (filter.matches(article)) {
                if (matches[0]++ < limit) {
                    first.add(new MatchingArticle(article.code(), article.description()));
                }
            }
        });
        return new FilterPreview(filter.text(), List.copyOf(filter.fieldsUsed()), matches[0], first);
    }
}
