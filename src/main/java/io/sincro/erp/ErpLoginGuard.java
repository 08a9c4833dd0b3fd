package io.sincro.erp;

import jakarta.annotation.PostConstruct;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the hub from locking its ERP user. The WebAPI locks a user after a few failed logins (only an
 * ERP administrator can unlock it), and every call carries the login: so after ONE refused login (401
 * or error 2002) every ERP call of every flow, on every node, stops. The refusal is kept in the store
 * with its time, node and the ERP's message, and told once ({@link Refused}). Only new credentials
 * (their fingerprint differs at a node's start; the password itself is never stored) or an operator's
 * retry lift it. After a lift, and at each node's start, a node's first call goes alone (a probe): a
 * wrong password costs one failed login, not one per call slot.
 */
@Component
public class ErpLoginGuard {

    private static final Logger log = LoggerFactory.getLogger(ErpLoginGuard.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Rome"));

    /** The ERP refused the hub's login and every ERP call stopped: told once, by the node that saw it. */
    public record Refused(Instant at, String node, String message) {
    }

    private final ErpLoginRecord record;
    private final ErpProperties properties;
    private final ApplicationEventPublisher events;
    /** The generation whose login this node has seen accepted; -1 before its first accepted call. */
    private volatile long verifiedGeneration = -1;
    /** The guard as last read from the store, not refused; null when it must be read before the next call. */
    private volatile Admitted lastRead;
    private final long recheckNanos;

    /** The stored guard let calls go in this generation, as read at that time. */
    private record Admitted(long generation, long readAtNanos) {
    }

    public ErpLoginGuard(ErpLoginRecord record, ErpProperties properties, ApplicationEventPublisher events, @Value("${sincro.erp.login-guard-recheck:1s}") Duration recheck) {
        this.record = record;
        this.properties = properties;
        this.events = events;
        this.recheckNanos = recheck.toNanos();
    }

    /** New credentials lift the guard: the ERP refused other ones. */
    @PostConstruct
    void compareCredentials() {
        if (!properties.configured()) {
            return;
        }
        record.saltIfNone(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
        ErpLoginRecord.State state = record.read();
        String fingerprint = fingerprint(properties, state.salt());
        if (!fingerprint.equals(state.fingerprint())) {
            String because = state.fingerprint() == null ? "first start with ERP credentials"
                    : "node " + record.node() + " started with other ERP credentials";
            record.credentialsChanged(fingerprint, Instant.now(), because);
            if (state.refused()) {
                log.warn("The ERP refused the hub's login at {}; {}: ERP calls may go again, the first one alone",
                        TIME.format(state.refusedAt()), because);
            }
        }
    }

    /**
     * Before every ERP call: the generation it is made in.
     *
     * @throws ErpException.LoginStopped when the ERP refused the hub's login
     */
    public long admit() {
        // Reading the store before every call was a query per ERP call. Once this node's login is accepted,
        // the stored guard is read again at most every recheck (1 s): a refusal seen here stops this node's
        // calls at once (refused() forgets the last read), and one seen on another node is a refusal this
        // node's next call would get too, so the re-check adds no failed login beyond those in flight. A node
        // not yet verified in this generation (at start, after a lift) reads it before every call.
        Admitted last = lastRead;
        if (last != null && last.generation() == verifiedGeneration
                && System.nanoTime() - last.readAtNanos() < recheckNanos) {
            return last.generation();
        }
        long readAt = System.nanoTime();
        ErpLoginRecord.State state = record.read();
        if (state.refused()) {
            verifiedGeneration = -1;
            lastRead = null;
            throw new ErpException.LoginStopped(stoppedBecause(state));
        }
        lastRead = new Admitted(state.generation(), readAt);
        return state.generation();
    }

    /** False until this node has seen a login accepted in this generation: its calls then go one at a time. */
    public boolean verified(long generation) {
        return verifiedGeneration == generation;
    }

    public void accepted(long generation) {
        verifiedGeneration = generation;
    }

    /** The ERP refused the login: every ERP call stops, here and on every node. */
    public void refused(String message) {
        verifiedGeneration = -1;
        lastRead = null;
        Instant at = Instant.now();
        if (record.refuse(at, record.node(), message)) {
            log.error("The ERP refused the hub's login; every ERP call is stopped until the ERP credentials change "
                    + "or an operator retries (POST /api/erp/login/retry): {}", message);
            events.publishEvent(new Refused(at, record.node(), message));
        }
    }

    /** An operator's "try again": the next call (one, alone) tells whether the ERP accepts the login now. */
    public void lift(String because) {
        verifiedGeneration = -1;
        lastRead = null;
        record.lift(Instant.now(), because);
        log.warn("ERP login guard lifted ({}): the next ERP call is a probe", because);
    }

    public ErpLoginRecord.State state() {
        return record.read();
    }

    /** The reason every pending item shows while the guard is set. */
    public static String stoppedBecause(ErpLoginRecord.State state) {
        return "the ERP refused the hub's login at " + TIME.format(state.refusedAt()) + " (node " + state.refusedNode()
                + "): every ERP call is stopped, so that failed logins do not lock the ERP user, until the ERP "
                + "credentials change or an operator retries (POST /api/erp/login/retry). The ERP said: "
                + state.refusedMessage();
    }

    /** PBKDF2 of what identifies the login (URL, user, password, domain): tells a change, reveals nothing. */
    static String fingerprint(ErpProperties properties, String salt) {
        String login = properties.baseUrl() + "\n" + properties.user() + "\n" + properties.password() + "\n"
                + properties.domain();
        try {
            PBEKeySpec spec = new PBEKeySpec(login.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 100_000, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return "pbkdf2-sha256:" + HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        }
    }
}
