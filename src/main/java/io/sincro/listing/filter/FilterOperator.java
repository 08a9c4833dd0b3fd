package io.sincro.listing.filter;

/** The comparison a condition makes, written as the canonical form of a filter shows it. */
enum FilterOperator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    CONTAINS("CONTAINS"), STARTS_WITH("STARTS WITH"), IN("IN"), BETWEEN("BETWEEN"),
    EMPTY("IS EMPTY"), NOT_EMPTY("IS NOT EMPTY");

    final String symbol;

    FilterOperator(String symbol) {
        this.symbol = symbol;
    }

    static FilterOperator bySymbol(String symbol) {
        return switch (symbol) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException(symbol);
        };
    }
}
