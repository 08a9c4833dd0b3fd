package io.sincro.listing.filter;

/**
 * A filter the merchant wrote that cannot be read: where (a 0-based character offset in the text) and
 * what was expected there, so the editor can point at it.
 */
public class FilterSyntaxException extends Exception {

    private final int position;
    private final String expected;
    private final String reason;

    /** A token was missing or wrong: the message reads "at 14: expected a value after '>='". */
    public FilterSyntaxException(int position, String expected) {
        this(position, expected, "expected " + expected);
    }

    /** A token was there but does not fit (a type error): the reason says why, the expectation what fits. */
    public FilterSyntaxException(int position, String expected, String reason) {
        super(null, null, false, false);
        this.position = position;
        this.expected = expected;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String expected() {
        return expected;
    }

    /** The reason without its position, e.g. "expected a value after '>='". */
    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return "at " + position + ": " + reason;
    }
}
