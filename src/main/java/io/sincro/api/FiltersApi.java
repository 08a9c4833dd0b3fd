package io.sincro.api;

import io.sincro.listing.filter.ArticleFilter;
import io.sincro.listing.filter.FilterPreviews;
import io.sincro.listing.filter.FilterSyntaxException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Article filters: the preview of what a filter matches, with the place of a mistake in it. */
@Component("filtersApi")
public class FiltersApi {

    static final int DEFAULT_LIMIT = 50;

    /**
     * @param filter the filter text (README "Article filters"); empty matches every article
     * @param limit  how many matching articles to list (the count covers them all)
     */
    public record PreviewRequest(@NotNull @Size(max = 10_000) String filter, @Min(0) @Max(1000) Integer limit) {
    }

    private final FilterPreviews previews;
    private final RequestChecks checks;

    public FiltersApi(FilterPreviews previews, RequestChecks checks) {
        this.previews = previews;
        this.checks = checks;
    }

    public FilterPreviews.FilterPreview preview(PreviewRequest request) {
        checks.valid(request, "");
        ArticleFilter filter;
        try {
            filter = ArticleFilter.parse(request.filter());
        } catch (FilterSyntaxException wrong) {
            throw syntaxProblem(wrong);
        }
        return previews.preview(filter, request.limit() == null ? DEFAULT_LIMIT : request.limit());
    }

    /** 422: the request is well formed, but the filter in it cannot be read; errors[0] says where and what. */
    static ApiProblem syntaxProblem(FilterSyntaxException wrong) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", "filter");
        error.put("message", wrong.getMessage());
        error.put("position", wrong.position());
        error.put("expected", wrong.expected());
        return new ApiProblem(422, "urn:sincro:problem:filter-syntax", "The filter cannot be read",
                "filter " + wrong.getMessage(), List.of()).with("errors", List.of(error));
    }
}
