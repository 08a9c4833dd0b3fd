package io.sincro.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates search filters on rows the way MySQL evaluates the WHERE clause Magento builds: a missing
 * attribute is SQL NULL (matching only {@code null}), numbers compare as numbers, text compares
 * case-insensitively (utf8 general collation), dates compare as their UTC {@code yyyy-MM-dd HH:mm:ss}
 * strings, and a date-only operand means midnight.
 */
final class FieldMatcher {

    private static final Set<String> CONDITIONS = Set.of("eq", "neq", "gt", "gteq", "moreq", "lt", "lteq", "in",
            "nin", "like", "nlike", "from", "to", "null", "notnull", "finset", "nfinset");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private FieldMatcher() {
    }

    /** Rejects a condition type Magento's SQL condition builder does not know, with a 400. */
    static void checkCondition(String condition) {
        if (!CONDITIONS.contains(condition)) {
            throw MagentoErrors.badRequest("Invalid condition type \"" + condition + "\" in the search criteria.");
        }
    }

    /** True when the row satisfies at least one filter of the group (filters in a group are ORed). */
    static boolean matchesGroup(ObjectNode row, SearchCriteria.FilterGroup group) {
        return predicates(group.filters()).stream().anyMatch(predicate -> predicate.test(row));
    }

    /** One predicate per filter, except that a {@code from} and a {@code to} on the same field form one range. */
    private static List<Predicate<ObjectNode>> predicates(List<SearchCriteria.Filter> filters) {
        List<SearchCriteria.Filter> pending = new ArrayList<>(filters);
        List<Predicate<ObjectNode>> predicates = new ArrayList<>();
        while (!pending.isEmpty()) {
            SearchCriteria.Filter filter = pending.remove(0);
            SearchCriteria.Filter partner = rangePartner(filter, pending);
            if (partner != null) {
                pending.remove(partner);
                predicates.add(row -> matches(row, filter) && matches(row, partner));
            } else {
                predicates.add(row -> matches(row, filter));
            }
        }
        return predicates;
    }

    private static SearchCriteria.Filter rangePartner(SearchCriteria.Filter filter, List<SearchCriteria.Filter> others) {
        String wanted = switch (filter.condition()) {
            case "from" -> "to";
            case "to" -> "from";
            default -> null;
        };
        return others.stream()
                .filter(other -> other.condition().equals(wanted) && other.field().equals(filter.field()))
                .findFirst().orElse(null);
    }

    static boolean matches(ObjectNode row, SearchCriteria.Filter filter) {
        JsonNode value = scalar(row.get(filter.field()));
        String condition = filter.condition();
        if (condition.equals("null")) {
            return value == null;
        }
        if (condition.equals("notnull")) {
            return value != null;
        }
        return value != null && compareCondition(value, condition, filter.value());
    }

    private static boolean compareCondition(JsonNode value, String condition, String operand) {
        return switch (condition) {
            case "eq" -> compare(value, operand) == 0;
            case "neq" -> compare(value, operand) != 0;
            case "gt" -> compare(value, operand) > 0;
            case "gteq", "moreq", "from" -> compare(value, operand) >= 0;
            case "lt" -> compare(value, operand) < 0;
            case "lteq", "to" -> compare(value, operand) <= 0;
            case "in" -> list(operand).stream().anyMatch(item -> compare(value, item) == 0);
            case "nin" -> list(operand).stream().noneMatch(item -> compare(value, item) == 0);
            case "like" -> like(value.asText(), operand);
            case "nlike" -> !like(value.asText(), operand);
            case "finset" -> list(value.asText()).stream().anyMatch(item -> item.equalsIgnoreCase(operand));
            case "nfinset" -> list(value.asText()).stream().noneMatch(item -> item.equalsIgnoreCase(operand));
            default -> throw new IllegalStateException(condition);
        };
    }

    /** Objects and arrays are not columns: for the search they are NULL, like a missing attribute. */
    private static JsonNode scalar(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.asList(commaSeparated.split(",", -1));
    }

    /** SQL comparison of a column value with a filter operand. */
    static int compare(JsonNode value, String operand) {
        BigDecimal number = number(value);
        if (number != null) {
            try {
                return number.compareTo(new BigDecimal(operand.trim()));
            } catch (NumberFormatException notNumeric) {
                return compareText(value.asText(), operand);
            }
        }
        String text = value.asText();
        if (DATE_TIME.matcher(text).matches() && DATE_ONLY.matcher(operand).matches()) {
            return compareText(text, operand + " 00:00:00");
        }
        return compareText(text, operand);
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }

    private static int compareText(String left, String right) {
        return left.toLowerCase(Locale.ROOT).compareTo(right.toLowerCase(Locale.ROOT));
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character, backslash escapes; case-insensitive. */
    static boolean like(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(text).matches();
    }

    /**
     * ORDER BY the sort orders (MySQL puts NULL first ascending, last descending), then by the id
     * ascending so that equal values come back in a stable order page after page.
     */
    static Comparator<ObjectNode> ordering(List<SearchCriteria.SortOrder> sortOrders, String idField) {
        Comparator<ObjectNode> ordering = (a, b) -> 0;
        for (SearchCriteria.SortOrder sort : sortOrders) {
            Comparator<ObjectNode> byField = (a, b) -> compareValues(scalar(a.get(sort.field())),
                    scalar(b.get(sort.field())));
            ordering = ordering.thenComparing(sort.ascending() ? byField : byField.reversed());
        }
        return ordering.thenComparing((a, b) -> compareValues(a.get(idField), b.get(idField)));
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        BigDecimal left = number(a);
        BigDecimal right = number(b);
        if (left != null && right != null) {
            return left.compareTo(right);
        }
        return compareText(a.asText(), b.asText());
    }
}
