package io.sincro.sandbox.erp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The WebAPI's {@code Authorization} check: {@code Passepartout <base64(user:password)>}, optionally a second
 * base64 block (the OS login, ignored here) and, on the cloud, {@code Dominio=<domain>} (key case-insensitive).
 *
 * <p>Failed logins of the configured user (right user name, wrong password or domain) are counted; after
 * {@value #LOCK_AFTER} in a row the user is locked and every call answers 401 "utente bloccato" until an
 * administrator unlocks it. A successful login resets the count. A header that names no user or another user
 * is refused without counting: it cannot lock an account it does not name.
 */
final class ErpAuthenticator {

    static final int LOCK_AFTER = 3;

    private record Parsed(String user, String password, String domain) {
    }

    private final ErpSimulator.Credentials credentials;
    private int consecutiveFailures;
    private boolean locked;
    private int attempts;
    private int failures;

    ErpAuthenticator(ErpSimulator.Credentials credentials) {
        this.credentials = credentials;
    }

    /** The authenticated user, or a 401 ErpException. */
    synchronized String authenticate(String header) {
        attempts++;
        if (locked) {
            failures++;
            throw ErpErrors.userLocked();
        }
        Parsed parsed = parse(header);
        if (parsed == null || !parsed.user().equalsIgnoreCase(credentials.user())) {
            failures++;
            throw ErpErrors.unauthorized();
        }
        boolean passwordOk = MessageDigest.isEqual(parsed.password().getBytes(StandardCharsets.UTF_8),
                credentials.password().getBytes(StandardCharsets.UTF_8));
        boolean domainOk = credentials.domain() == null
                || parsed.domain() != null && parsed.domain().equalsIgnoreCase(credentials.domain());
        if (!passwordOk || !domainOk) {
            failures++;
            consecutiveFailures++;
            if (consecutiveFailures >= LOCK_AFTER) {
                locked = true;
            }
            throw ErpErrors.unauthorized();
        }
        consecutiveFailures = 0;
        return credentials.user();
    }

    /** An answer the test injected in place of the login check still counts as an attempt, refused when 401. */
    synchronized void injected(int status) {
        attempts++;
        if (status == 401) {
            failures++;
        }
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized boolean locked() {
        return locked;
    }

    synchronized void unlock() {
        locked = false;
        consecutiveFailures = 0;
    }

    private static Parsed parse(String header) {
        if (header == null) {
            return null;
        }
        String[] tokens = header.trim().split("\\s+");
        if (tokens.length < 2 || !tokens[0].equalsIgnoreCase("Passepartout")) {
            return null;
        }
        String domain = null;
        List<String> blocks = new ArrayList<>();
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].regionMatches(true, 0, "Dominio=", 0, 8)) {
                if (domain != null) {
                    return null;
                }
                domain = tokens[i].substring(8);
            } else {
                blocks.add(tokens[i]);
            }
        }
        if (blocks.isEmpty() || blocks.size() > 2) {
            return null;
        }
        String login = decode(blocks.get(0));
        if (login == null || login.indexOf(':') < 0 || blocks.size() == 2 && decode(blocks.get(1)) == null) {
            return null;
        }
        int colon = login.indexOf(':');
        return new Parsed(login.substring(0, colon), login.substring(colon + 1), domain);
    }

    private static String decode(String block) {
        try {
            return new String(Base64.getDecoder().decode(block), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
