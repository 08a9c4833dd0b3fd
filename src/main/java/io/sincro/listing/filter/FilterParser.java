package io.sincro.listing.filter;

import io.sincro.listing.filter.FilterField.Ref;
import io.sincro.listing.filter.FilterField.Type;
import io.sincro.listing.filter.FilterLexer.Kind;
import io.sincro.listing.filter.FilterLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent parser of the filter language (README "Article filters"):
 * <pre>
 * filter    := orExpr | empty
 * orExpr    := andExpr (OR andExpr)*
 * andExpr   := notExpr (AND notExpr)*
 * notExpr   := NOT notExpr | '(' orExpr ')' | condition
 * condition := field op value | field IN '(' value (',' value)* ')' | field BETWEEN value AND value
 *            | field IS [NOT] EMPTY | booleanField
 * </pre>
 * Types are checked here, so a filter that parses can always be evaluated.
 */
final class FilterParser {

    /** Words of the language that cannot start a condition: naming them where a field goes is no "unknown field". */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("and", "or", "e", "o", "in", "between",
            "tra", "is", "contains", "contiene", "starts", "inizia", "with", "con", "empty", "vuoto", "true", "false",
            "vero", "falso");

    /** Nesting of parentheses and NOTs allowed: deeper filters are no one's intent and would exhaust the stack. */
    static final int MAX_DEPTH = 50;

    private final List<Token> tokens;
    private int next;
    private int depth;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static FilterNode parse(String text) throws FilterSyntaxException {
        FilterParser parser = new FilterParser(FilterLexer.tokens(text));
        FilterNode root = parser.orExpr();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            if (end.kind() == Kind.CLOSE) {
                throw new FilterSyntaxException(end.position(), "AND, OR or the end of the filter",
                        "')' closes no '('");
            }
            throw new FilterSyntaxException(end.position(), "AND, OR or the end of the filter");
        }
        return root;
    }

    private FilterNode orExpr() throws FilterSyntaxException {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(andExpr());
        while (peek().isWord("or", "o")) {
            next++;
            parts.add(andExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new FilterNode.Or(parts.toArray(FilterNode[]::new));
    }

    private FilterNode andExpr() throws FilterSyntaxException {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(notExpr());
        while (peek().isWord("and", "e")) {
            next++;
            parts.add(notExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new FilterNode.And(parts.toArray(FilterNode[]::new));
    }

    private FilterNode notExpr() throws FilterSyntaxException {
        Token token = peek();
        boolean nests = token.isWord("not", "non") || token.kind() == Kind.OPEN;
        if (nests && ++depth > MAX_DEPTH) {
            throw new FilterSyntaxException(token.position(), "at most " + MAX_DEPTH + " nested parentheses and NOTs");
        }
        try {
            return nests ? nested(token) : condition();
        } finally {
            if (nests) {
                depth--;
            }
        }
    }

    private FilterNode nested(Token token) throws FilterSyntaxException {
        if (token.isWord("not", "non")) {
            next++;
            return new FilterNode.Not(notExpr());
        }
        next++;
        FilterNode inner = orExpr();
        Token close = peek();
        if (close.kind() != Kind.CLOSE) {
            throw new FilterSyntaxException(close.position(), "AND, OR or ')' to close the '(' at " + token.position());
        }
        next++;
        return inner;
    }

    private FilterNode condition() throws FilterSyntaxException {
        Token token = peek();
        if (token.kind() == Kind.END) {
            throw new FilterSyntaxException(token.position(), "a condition" + after());
        }
        FilterField field = token.kind() == Kind.WORD ? FilterField.byWord(token.value()) : null;
        if (field == null) {
            if (token.kind() == Kind.WORD && !KEYWORDS.contains(token.value().toLowerCase(java.util.Locale.ROOT))) {
                throw new FilterSyntaxException(token.position(), "a field: " + FilterField.LIST,
                        "unknown field '" + token.source() + "'; the fields are " + FilterField.LIST);
            }
            throw new FilterSyntaxException(token.position(), "a field, NOT or '('" + after());
        }
        next++;
        Ref ref = fieldRef(field, token);
        return comparison(ref);
    }

    private Ref fieldRef(FilterField field, Token name) throws FilterSyntaxException {
        if (field.index == FilterField.Index.NONE) {
            return new Ref(field, 0, null);
        }
        String what = field.index.what;
        Token open = peek();
        if (open.kind() != Kind.OPEN_BRACKET) {
            throw new FilterSyntaxException(open.position(), "'[' and " + what + " after '" + name.source() + "'");
        }
        next++;
        Token inside = peek();
        Ref ref;
        if (field.index == FilterField.Index.NAME) {
            if (inside.kind() != Kind.TEXT || inside.value().isBlank()) {
                throw new FilterSyntaxException(inside.position(), what + " after '['");
            }
            ref = new Ref(field, 0, inside.value());
        } else {
            if (inside.kind() != Kind.NUMBER || !isWholeNonNegative(inside.number())) {
                throw new FilterSyntaxException(inside.position(), what + " (a whole number) after '['");
            }
            ref = new Ref(field, inside.number().intValueExact(), null);
        }
        next++;
        Token close = peek();
        if (close.kind() != Kind.CLOSE_BRACKET) {
            throw new FilterSyntaxException(close.position(), "']' after " + what);
        }
        next++;
        return ref;
    }

    private static boolean isWholeNonNegative(BigDecimal number) {
        return number.signum() >= 0 && number.scale() <= 0 && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    private FilterNode comparison(Ref ref) throws FilterSyntaxException {
        Token opToken = peek();
        int opStart = opToken.position();
        String opSource = opToken.source();
        FilterOperator op = null;
        if (opToken.kind() == Kind.OPERATOR) {
            op = FilterOperator.bySymbol(opToken.value());
            next++;
        } else if (opToken.isWord("contains", "contiene")) {
            op = FilterOperator.CONTAINS;
            next++;
        } else if (opToken.isWord("starts", "inizia")) {
            next++;
            String second = opToken.isWord("starts") ? "with" : "con";
            Token with = peek();
            if (!with.isWord(second)) {
                throw new FilterSyntaxException(with.position(), second.toUpperCase() + " after '" + opSource + "'");
            }
            next++;
            op = FilterOperator.STARTS_WITH;
            opSource = opSource + " " + with.source();
        } else if (opToken.isWord("in")) {
            op = FilterOperator.IN;
            next++;
        } else if (opToken.isWord("between", "tra")) {
            op = FilterOperator.BETWEEN;
            next++;
        } else if (opToken.isWord("is")) {
            next++;
            Token word = peek();
            boolean negated = word.isWord("not", "non");
            if (negated) {
                next++;
                word = peek();
            }
            if (!word.isWord("empty", "vuoto")) {
                throw new FilterSyntaxException(word.position(),
                        "EMPTY after '" + (negated ? tokens.get(next - 1).source() : opSource) + "'");
            }
            next++;
            op = negated ? FilterOperator.NOT_EMPTY : FilterOperator.EMPTY;
            opSource = opSource + (negated ? " not" : "") + " " + word.source();
        } else if (opToken.isWord("vuoto")) {
            op = FilterOperator.EMPTY;
            next++;
        } else if (opToken.isWord("non") && tokens.get(next + 1).isWord("vuoto")) {
            op = FilterOperator.NOT_EMPTY;
            opSource = opSource + " " + tokens.get(next + 1).source();
            next += 2;
        }
        Type type = ref.field().type;
        if (op == null) {
            if (type == Type.BOOLEAN) {
                return new FilterNode.FlagCondition(ref, true);
            }
            throw new FilterSyntaxException(opToken.position(), "an operator (" + type.operators + ") after " + ref);
        }
        if (!type.allows(op)) {
            throw new FilterSyntaxException(opStart, "one of " + type.operators,
                    "'" + opSource + "' does not apply to the " + type.label + " field " + ref);
        }
        return switch (op) {
            case EMPTY, NOT_EMPTY -> new FilterNode.TextCondition(ref, op, new String[0]);
            case IN -> in(ref);
            case BETWEEN -> between(ref);
            default -> single(ref, op);
        };
    }

    private FilterNode single(Ref ref, FilterOperator op) throws FilterSyntaxException {
        Token value = value(ref);
        return switch (ref.field().type) {
            case TEXT -> new FilterNode.TextCondition(ref, op, new String[] {value.value()});
            case NUMBER -> new FilterNode.NumberCondition(ref, op, new BigDecimal[] {value.number()});
            case BOOLEAN -> new FilterNode.FlagCondition(ref, (op == FilterOperator.EQ) == isTrue(value));
        };
    }

    private FilterNode in(Ref ref) throws FilterSyntaxException {
        Token open = peek();
        if (open.kind() != Kind.OPEN) {
            throw new FilterSyntaxException(open.position(), "'(' and a list of values" + after());
        }
        next++;
        List<Token> values = new ArrayList<>();
        while (true) {
            values.add(value(ref));
            Token separator = peek();
            if (separator.kind() == Kind.CLOSE) {
                next++;
                break;
            }
            if (separator.kind() != Kind.COMMA) {
                throw new FilterSyntaxException(separator.position(), "',' or ')' after a value of the list");
            }
            next++;
        }
        if (ref.field().type == Type.TEXT) {
            return new FilterNode.TextCondition(ref, FilterOperator.IN, values.stream().map(Token::value).toArray(String[]::new));
        }
        return new FilterNode.NumberCondition(ref, FilterOperator.IN,
                values.stream().map(Token::number).toArray(BigDecimal[]::new));
    }

    private FilterNode between(Ref ref) throws FilterSyntaxException {
        Token low = value(ref);
        Token and = peek();
        if (!and.isWord("and", "e")) {
            throw new FilterSyntaxException(and.position(), "AND between the two values of BETWEEN");
        }
        next++;
        Token high = value(ref);
        if (low.number().compareTo(high.number()) > 0) {
            throw new FilterSyntaxException(low.position(), "a first value not above the second",
                    "the first value of BETWEEN (" + low.source() + ") is above the second (" + high.source() + ")");
        }
        return new FilterNode.NumberCondition(ref, FilterOperator.BETWEEN, new BigDecimal[] {low.number(), high.number()});
    }

    /** The next token as a value of the field's type. */
    private Token value(Ref ref) throws FilterSyntaxException {
        Token token = peek();
        Type type = ref.field().type;
        boolean valueLike = token.kind() == Kind.TEXT || token.kind() == Kind.NUMBER || token.kind() == Kind.WORD;
        if (!valueLike) {
            throw new FilterSyntaxException(token.position(), "a value" + after());
        }
        boolean fits = switch (type) {
            case TEXT -> token.kind() == Kind.TEXT;
            case NUMBER -> token.kind() == Kind.NUMBER;
            case BOOLEAN -> token.isWord("true", "false", "vero", "falso");
        };
        if (!fits) {
            String wanted = switch (type) {
                case TEXT -> "a text in quotes";
                case NUMBER -> "a number";
                case BOOLEAN -> "true or false";
            };
            throw new FilterSyntaxException(token.position(), wanted + " for the " + type.label + " field " + ref);
        }
        next++;
        return token;
    }

    private static boolean isTrue(Token token) {
        return token.isWord("true", "vero");
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** " after 'x'" naming the token before the current one, for messages. */
    private String after() {
        return next == 0 ? "" : " after '" + tokens.get(next - 1).source() + "'";
    }
}
