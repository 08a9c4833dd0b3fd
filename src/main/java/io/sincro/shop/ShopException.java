package io.sincro.shop;

/**
 * A shop call that failed, with a message an operator can act on. The subclasses tell the error
 * handling what to do: retry, or stop at once.
 */
public class ShopException extends RuntimeException {

    private final int status;

    public ShopException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the shop answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The shop refused our credentials: retrying cannot help and may lock the user out. */
    public static class Unauthorized extends ShopException {
        public Unauthorized(String message, int status) {
            super(message, status, null);
        }
    }

    /** The shop is down, overloaded or unreachable: worth retrying with backoff. */
    public static class Unavailable extends ShopException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }

    /** The shop cannot answer now and may have said for how long (its Retry-After; null when it did not). */
    public static class Busy extends Unavailable {
        private final transient java.time.Duration retryAfter;

        public Busy(String message, int status, java.time.Duration retryAfter) {
            super(message, status, null);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The shop rejected the request itself (4xx): a retry gets the same answer. */
    public static class Rejected extends ShopException {
        public Rejected(String message, int status) {
            super(message, status, null);
        }
    }
}
