package io.sincro.listing.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Cuts a filter's text into tokens, each with its character offset for error messages. */
final class FilterLexer {

    enum Kind { WORD, TEXT, NUMBER, OPERATOR, OPEN, CLOSE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, END }

    /**
     * One token: {@code value} is the word, the unquoted text, or the canonical operator; {@code source}
     * is the token as written (quoted in messages).
     */
    record Token(Kind kind, int position, String value, String source, BigDecimal number) {

        boolean isWord(String... words) {
            if (kind != Kind.WORD) {
                return false;
            }
            for (String word : words) {
                if (value.equalsIgnoreCase(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private FilterLexer() {
    }

    static List<Token> tokens(String text) throws FilterSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(Kind.WORD, start, word, word, null));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                i++;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    if (i >= n || !Character.isDigit(text.charAt(i))) {
                        throw new FilterSyntaxException(i, "a digit after the decimal point");
                    }
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                String number = text.substring(start, i);
                tokens.add(new Token(Kind.NUMBER, start, number, number, new BigDecimal(number)));
            } else if (c == '"' || c == '\'') {
                // A quote inside a text is written twice: 'l''acqua'.
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new FilterSyntaxException(n, "a closing " + c + " to end the text opened at " + start);
                    }
                    char d = text.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && text.charAt(i + 1) == c) {
                            value.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.TEXT, start, value.toString(), text.substring(start, i), null));
            } else {
                i = punctuation(text, i, tokens);
            }
        }
        tokens.add(new Token(Kind.END, n, "", "", null));
        return tokens;
    }

    private static int punctuation(String text, int i, List<Token> tokens) throws FilterSyntaxException {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        String operator = switch (c) {
            case '=' -> next == '=' ? "==" : "=";
            case '!' -> next == '=' ? "!=" : null;
            case '<' -> next == '=' ? "<=" : next == '>' ? "<>" : "<";
            case '>' -> next == '=' ? ">=" : ">";
            case '≠' -> "≠";
            case '≤' -> "≤";
            case '≥' -> "≥";
            default -> null;
        };
        if (operator != null) {
            String canonical = switch (operator) {
                case "==" -> "=";
                case "<>", "≠" -> "!=";
                case "≤" -> "<=";
                case "≥" -> ">=";
                default -> operator;
            };
            tokens.add(new Token(Kind.OPERATOR, i, canonical, operator, null));
            return i + operator.length();
        }
        Kind kind = switch (c) {
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            case '[' -> Kind.OPEN_BRACKET;
            case ']' -> Kind.CLOSE_BRACKET;
            case ',' -> Kind.COMMA;
            default -> null;
        };
        if (kind == null) {
            if (c == '!') {
                throw new FilterSyntaxException(i + 1, "'=' after '!'");
            }
            throw new FilterSyntaxException(i, "a field, value, operator or parenthesis",
                    "unexpected character '" + c + "'");
        }
        tokens.add(new Token(kind, i, String.valueOf(c), String.valueOf(c), null));
        return i + 1;
    }
}
