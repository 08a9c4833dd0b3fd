package io.sincro.erp;

/**
 * A WebAPI call that failed, with a message an operator can act on. The subclass says what may be
 * done about it: never retry a refused login, back off when the pool is busy, search before
 * retrying a create whose outcome is unknown, give up on a request the ERP rejected.
 */
public class ErpException extends RuntimeException {

    private final String code;

    public ErpException(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The WebAPI error code (e.g. 6001), or the HTTP status when there was none. */
    public String code() {
        return code;
    }

    /** Credentials or domain refused (401 / 2002): retrying could lock the ERP user. */
    public static class Unauthorized extends ErpException {
        public Unauthorized(String message, String code) {
            super(message, code, null);
        }
    }

    /**
     * Not sent: the ERP refused the hub's login earlier and every ERP call is stopped (the login guard)
     * until the credentials change or an operator retries. Nothing was done.
     */
    public static class LoginStopped extends Unauthorized {
        public LoginStopped(String message) {
            super(message, "login-guard");
        }
    }

    /** The ERP cannot be reached or its pool stayed busy: try again later, nothing was done. */
    public static class Unavailable extends ErpException {
        public Unavailable(String message, String code, Throwable cause) {
            super(message, code, cause);
        }
    }

    /** No answer in time (408, read timeout): the call may or may not have been carried out. */
    public static class Uncertain extends ErpException {
        public Uncertain(String message, String code, Throwable cause) {
            super(message, code, cause);
        }
    }

    /** The ERP refused the request itself (e.g. 6001 with its reason): the same request fails again. */
    public static class Rejected extends ErpException {
        public Rejected(String message, String code) {
            super(message, code, null);
        }
    }
}
