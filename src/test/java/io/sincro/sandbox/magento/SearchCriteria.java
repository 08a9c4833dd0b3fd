package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code searchCriteria[...]} query string, parsed the way Magento's REST input processor does:
 * keys may be snake_case or camelCase ({@code filter_groups}/{@code filterGroups},
 * {@code condition_type}/{@code conditionType}, {@code sortOrders}/{@code sort_orders},
 * {@code pageSize}/{@code page_size}, {@code currentPage}/{@code current_page}); array indexes keep
 * the order they first appear in, like PHP arrays; unknown keys are ignored.
 */
final class SearchCriteria {

    /** The input limit Magento applies when "Enable Input Limits" is on (default maximum page size). */
    static final int MAX_PAGE_SIZE = 300;

    record Filter(String field, String value, String conditionType) {
        /** The condition, {@code eq} when none was given. */
        String condition() {
            return conditionType == null || conditionType.isEmpty() ? "eq" : conditionType.toLowerCase(Locale.ROOT);
        }
    }

    record FilterGroup(List<Filter> filters) {
    }

    record SortOrder(String field, String direction) {
        /** Magento sorts DESC when no direction is given. */
        boolean ascending() {
            return "ASC".equals(direction);
        }
    }

    private final List<FilterGroup> filterGroups;
    private final List<SortOrder> sortOrders;
    private final Integer pageSize;
    private final Integer currentPage;

    private SearchCriteria(List<FilterGroup> filterGroups, List<SortOrder> sortOrders, Integer pageSize,
            Integer currentPage) {
        this.filterGroups = filterGroups;
        this.sortOrders = sortOrders;
        this.pageSize = pageSize;
        this.currentPage = currentPage;
    }

    /**
     * Parses the criteria from decoded query parameters. Throws a 400 MagentoException when there is
     * no searchCriteria at all, when a number is not a number, or when pageSize exceeds the input limit.
     */
    static SearchCriteria parse(List<QueryParams.Param> params) {
        Parser parser = new Parser();
        for (QueryParams.Param param : params) {
            List<String> path = keyPath(param.name());
            if (!path.isEmpty() && path.get(0).equals("search_criteria")) {
                parser.accept(path.subList(1, path.size()), param.value());
            }
        }
        if (!parser.present) {
            throw MagentoErrors.requiredField("searchCriteria");
        }
        return parser.build();
    }

    /** The requested page, or null when absent or not a number; used to target injected faults. */
    static Integer currentPageOf(String rawQuery) {
        try {
            for (QueryParams.Param param : QueryParams.parse(rawQuery)) {
                if (keyPath(param.name()).equals(List.of("search_criteria", "current_page"))) {
                    return Integer.valueOf(param.value().trim());
                }
            }
        } catch (IllegalArgumentException notANumberOrMalformed) {
            return null;
        }
        return null;
    }

    List<FilterGroup> filterGroups() {
        return filterGroups;
    }

    /** The sort orders; empty when none were given. */
    List<SortOrder> sortOrders() {
        return sortOrders == null ? List.of() : sortOrders;
    }

    /** The page size, or null when absent (then every match is returned). */
    Integer pageSize() {
        return pageSize;
    }

    /** The 1-based page, 1 when absent or below 1. */
    int effectivePage() {
        return currentPage == null || currentPage < 1 ? 1 : currentPage;
    }

    /** The {@code search_criteria} echo of the response; absent inputs are left out, as Magento does. */
    ObjectNode echo() {
        ObjectNode echo = Json.object();
        ArrayNode groups = echo.putArray("filter_groups");
        for (FilterGroup group : filterGroups) {
            ArrayNode filters = groups.addObject().putArray("filters");
            for (Filter filter : group.filters()) {
                ObjectNode node = filters.addObject().put("field", filter.field()).put("value", filter.value());
                if (filter.conditionType() != null) {
                    node.put("condition_type", filter.conditionType());
                }
            }
        }
        if (sortOrders != null) {
            ArrayNode sorts = echo.putArray("sort_orders");
            sortOrders.forEach(sort -> {
                ObjectNode node = sorts.addObject().put("field", sort.field());
                if (sort.direction() != null) {
                    node.put("direction", sort.direction());
                }
            });
        }
        if (pageSize != null) {
            echo.put("page_size", pageSize);
        }
        if (currentPage != null) {
            echo.put("current_page", currentPage);
        }
        return echo;
    }

    /** {@code searchCriteria[filterGroups][0][filters][1][field]} → [search_criteria, filter_groups, 0, filters, 1, field]. */
    static List<String> keyPath(String name) {
        List<String> path = new ArrayList<>();
        int open = name.indexOf('[');
        path.add(snakeCase(open < 0 ? name : name.substring(0, open)));
        while (open >= 0) {
            int close = name.indexOf(']', open);
            if (close < 0) {
                break;
            }
            path.add(snakeCase(name.substring(open + 1, close)));
            open = name.indexOf('[', close);
        }
        return path;
    }

    private static String snakeCase(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw MagentoErrors.invalidType(value, "int");
        }
    }

    /** Collects the bracketed keys into ordered maps, then builds the criteria. */
    private static final class Parser {
        private final Map<String, Map<String, Map<String, String>>> groups = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> sorts = new LinkedHashMap<>();
        private boolean present;
        private boolean sortsPresent;
        private Integer pageSize;
        private Integer currentPage;

        void accept(List<String> path, String value) {
            present = true;
            if (path.equals(List.of("page_size"))) {
                pageSize = integer(value);
            } else if (path.equals(List.of("current_page"))) {
                currentPage = integer(value);
            } else if (path.size() == 5 && path.get(0).equals("filter_groups") && path.get(2).equals("filters")) {
                groups.computeIfAbsent(path.get(1), g -> new LinkedHashMap<>())
                        .computeIfAbsent(path.get(3), f -> new LinkedHashMap<>())
                        .put(path.get(4), value);
            } else if (path.size() == 3 && path.get(0).equals("sort_orders")) {
                sortsPresent = true;
                sorts.computeIfAbsent(path.get(1), s -> new LinkedHashMap<>()).put(path.get(2), value);
            }
        }

        SearchCriteria build() {
            if (pageSize != null && pageSize > MAX_PAGE_SIZE) {
                throw MagentoErrors.badRequest("Maximum SearchCriteria pageSize is " + MAX_PAGE_SIZE);
            }
            List<FilterGroup> filterGroups = new ArrayList<>();
            groups.values().forEach(filters -> filterGroups.add(new FilterGroup(
                    filters.values().stream().map(Parser::filter).toList())));
            List<SortOrder> sortOrders = sortsPresent ? sorts.values().stream().map(Parser::sortOrder).toList() : null;
            return new SearchCriteria(filterGroups, sortOrders, pageSize, currentPage);
        }

        private static Filter filter(Map<String, String> keys) {
            String field = keys.get("field");
            if (field == null || field.isBlank()) {
                throw MagentoErrors.requiredField("field");
            }
            String value = keys.getOrDefault("value", "");
            Filter filter = new Filter(field, value, keys.get("condition_type"));
            FieldMatcher.checkCondition(filter.condition());
            return filter;
        }

        private static SortOrder sortOrder(Map<String, String> keys) {
            String field = keys.get("field");
            if (field == null || field.isBlank()) {
                throw MagentoErrors.requiredField("field");
            }
            String direction = keys.get("direction");
            if (direction == null || direction.isEmpty()) {
                return new SortOrder(field, null);
            }
            String normalized = direction.toUpperCase(Locale.ROOT);
            if (!normalized.equals("ASC") && !normalized.equals("DESC")) {
                throw MagentoErrors.badRequest("The sort order \"" + direction
                        + "\" is invalid. Select a different sort order.");
            }
            return new SortOrder(field, normalized);
        }
    }
}
