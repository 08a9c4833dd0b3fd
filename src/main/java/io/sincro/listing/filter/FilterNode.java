package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tree a filter is parsed into, evaluated in Java: a filter is merchant input, so it never reaches
 * a script or SQL engine. Evaluation allocates nothing: values are compared as they come.
 */
sealed interface FilterNode {

    boolean test(ArticleFacts article);

    void collectFields(Set<String> into);

    /** The canonical text of the node: parsing it again gives the same tree. */
    @Override
    String toString();

    static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    record And(FilterNode[] parts) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            for (FilterNode part : parts) {
                if (!part.test(article)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void collectFields(Set<String> into) {
            for (FilterNode part : parts) {
                part.collectFields(into);
            }
        }

        @Override
        public String toString() {
            return Stream.of(parts).map(FilterNode::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    record Or(FilterNode[] parts) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            for (FilterNode part : parts) {
                if (part.test(article)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void collectFields(Set<String> into) {
            for (FilterNode part : parts) {
                part.collectFields(into);
            }
        }

        @Override
        public String toString() {
            return Stream.of(parts).map(FilterNode::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    record Not(FilterNode part) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            return !part.test(article);
        }

        @Override
        public void collectFields(Set<String> into) {
            part.collectFields(into);
        }

        @Override
        public String toString() {
            return "NOT " + part;
        }
    }

    /**
     * A condition on a text field, compared ignoring case. {@code category =} and {@code category IN}
     * also match the sub-categories of the named ones (any code on the article's category path).
     */
    record TextCondition(FilterField.Ref field, FilterOperator op, String[] values) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            boolean wholeTree = field.field() == FilterField.CATEGORY;
            return switch (op) {
                case EQ, IN -> wholeTree ? onPath(article.categoryPath()) : equalsAny(field.text(article));
                case NE -> !(wholeTree ? onPath(article.categoryPath()) : equalsAny(field.text(article)));
                case CONTAINS -> contains(field.text(article), values[0]);
                case STARTS_WITH -> {
                    String value = field.text(article);
                    yield value != null && value.regionMatches(true, 0, values[0], 0, values[0].length());
                }
                case EMPTY -> isEmpty(field.text(article));
                case NOT_EMPTY -> !isEmpty(field.text(article));
                default -> throw new IllegalStateException(op + " on a text field");
            };
        }

        private boolean onPath(List<String> path) {
            for (int i = 0; i < path.size(); i++) {
                if (equalsAny(path.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private boolean equalsAny(String value) {
            if (value == null) {
                return false;
            }
            for (String wanted : values) {
                if (value.equalsIgnoreCase(wanted)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean contains(String value, String part) {
            if (value == null) {
                return false;
            }
            for (int from = 0, last = value.length() - part.length(); from <= last; from++) {
                if (value.regionMatches(true, from, part, 0, part.length())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isEmpty(String value) {
            return value == null || value.isBlank();
        }

        @Override
        public void collectFields(Set<String> into) {
            into.add(field.used());
        }

        @Override
        public String toString() {
            return switch (op) {
                case IN -> field + " IN " + Stream.of(values).map(FilterNode::quote).collect(Collectors.joining(", ", "(", ")"));
                case EMPTY, NOT_EMPTY -> field + " " + op.symbol;
                default -> field + " " + op.symbol + " " + quote(values[0]);
            };
        }
    }

    /**
     * A condition on a number field, compared by value (5 = 5.00). A price list without a price for
     * the article satisfies no comparison but "!=".
     */
    record NumberCondition(FilterField.Ref field, FilterOperator op, BigDecimal[] values) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            BigDecimal value = field.number(article);
            if (value == null) {
                return op == FilterOperator.NE;
            }
            return switch (op) {
                case EQ -> value.compareTo(values[0]) == 0;
                case NE -> value.compareTo(values[0]) != 0;
                case LT -> value.compareTo(values[0]) < 0;
                case LE -> value.compareTo(values[0]) <= 0;
                case GT -> value.compareTo(values[0]) > 0;
                case GE -> value.compareTo(values[0]) >= 0;
                case BETWEEN -> value.compareTo(values[0]) >= 0 && value.compareTo(values[1]) <= 0;
                case IN -> {
                    for (BigDecimal wanted : values) {
                        if (value.compareTo(wanted) == 0) {
                            yield true;
                        }
                    }
                    yield false;
                }
                default -> throw new IllegalStateException(op + " on a number field");
            };
        }

        @Override
        public void collectFields(Set<String> into) {
            into.add(field.used());
        }

        @Override
        public String toString() {
            return switch (op) {
                case IN -> field + " IN " + Stream.of(values).map(BigDecimal::toPlainString)
                        .collect(Collectors.joining(", ", "(", ")"));
                case BETWEEN -> field + " BETWEEN " + values[0].toPlainString() + " AND " + values[1].toPlainString();
                default -> field + " " + op.symbol + " " + values[0].toPlainString();
            };
        }
    }

    /** A condition on a true/false field; a bare field reads as "= true". */
    record FlagCondition(FilterField.Ref field, boolean wanted) implements FilterNode {
        @Override
        public boolean test(ArticleFacts article) {
            return field.flag(article) == wanted;
        }

        @Override
        public void collectFields(Set<String> into) {
            into.add(field.used());
        }

        @Override
        public String toString() {
            return field + " = " + wanted;
        }
    }
}
