package io.sincro.erp;

import java.time.Instant;

/**
 * The ERP login guard as every node shares it ({@link ErpLoginGuard}): whether the ERP refused the hub's
 * login (when, on which node, with the ERP's message), the fingerprint of the credentials it was given, and
 * the generation (one more each time the guard is lifted). Kept by the store; the ERP side only reads and
 * sets it through this.
 */
public interface ErpLoginRecord {

    record State(String fingerprint, String salt, Instant refusedAt, String refusedNode, String refusedMessage,
            long generation, Instant liftedAt, String liftedBecause) {

        public boolean refused() {
            return refusedAt != null;
        }
    }

    State read();

    /** The name of this node, as refusals it records name it. */
    String node();

    /** The first salt wins: nodes starting together fingerprint alike. */
    void saltIfNone(String salt);

    /**
     * Records the refusal unless one is recorded already.
     *
     * @return true for the refusal that set the guard (it alone tells the operators)
     */
    boolean refuse(Instant at, String node, String message);

    /** Lifts the guard (if set) and starts a new generation: each node's next call is a probe. */
    void lift(Instant at, String because);

    /** New credentials: their fingerprint, and the guard lifted for them. */
    void credentialsChanged(String fingerprint, Instant at, String because);
}
