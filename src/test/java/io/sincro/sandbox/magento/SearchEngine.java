package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Runs a {@link SearchCriteria} over rows like a Magento repository getList(): AND between filter
 * groups, OR inside a group, ORDER BY, then LIMIT/OFFSET, answering the search-results envelope
 * {@code {items, search_criteria, total_count}}.
 */
final class SearchEngine {

    private SearchEngine() {
    }

    /**
     * @param idField      the primary key, the final tie-breaker of the ordering
     * @param legacyPaging true for the pre-2.4 collection behaviour: a page past the end returns the last page
     */
    static ObjectNode search(List<ObjectNode> rows, SearchCriteria criteria, String idField, boolean legacyPaging) {
        List<ObjectNode> matches = rows.stream()
                .filter(row -> criteria.filterGroups().stream().allMatch(g -> FieldMatcher.matchesGroup(row, g)))
                .sorted(FieldMatcher.ordering(criteria.sortOrders(), idField))
                .toList();
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        page(matches, criteria, legacyPaging).forEach(items::add);
        result.set("search_criteria", criteria.echo());
        result.put("total_count", matches.size());
        return result;
    }

    /** Without a page size every match is returned (input limits do not impose a default here). */
    private static List<ObjectNode> page(List<ObjectNode> matches, SearchCriteria criteria, boolean legacyPaging) {
        Integer pageSize = criteria.pageSize();
        if (pageSize == null || pageSize <= 0) {
            return matches;
        }
        int lastPage = Math.max(1, (matches.size() + pageSize - 1) / pageSize);
        int page = criteria.effectivePage();
        if (page > lastPage) {
            if (!legacyPaging) {
                return List.of();
            }
            page = lastPage;
        }
        int from = (page - 1) * pageSize;
        return matches.subList(Math.min(from, matches.size()), Math.min(from + pageSize, matches.size()));
    }
}
