package io.sincro.store;

import io.sincro.erp.ErpLoginRecord;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ERP login guard as stored, in table {@code erp_login} (one row), shared by every node. */
@Repository
public class StoredErpLogin implements ErpLoginRecord {

    private final JdbcClient jdbc;
    private final HubNodes nodes;

    public StoredErpLogin(JdbcClient jdbc, HubNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    @Override
    public String node() {
        return nodes.node();
    }

    @Override
    public State read() {
        return jdbc.sql("SELECT * FROM erp_login WHERE id = 1")
                .query((rs, n) -> new State(rs.getString("fingerprint"), rs.getString("salt"),
                        Timestamps.read(rs, "refused_at"), rs.getString("refused_node"), rs.getString("refused_message"),
                        rs.getLong("generation"), Timestamps.read(rs, "lifted_at"), rs.getString("lifted_because")))
                .single();
    }

    /** The first salt wins: nodes starting together fingerprint alike. */
    @Override
    public void saltIfNone(String salt) {
        jdbc.sql("UPDATE erp_login SET salt = ? WHERE id = 1 AND salt IS NULL").param(salt).update();
    }

    /**
     * Records the refusal unless one is recorded already.
     *
     * @return true for the refusal that set the guard (it alone tells the operators)
     */
    @Override
    public boolean refuse(Instant at, String node, String message) {
        return jdbc.sql("UPDATE erp_login SET refused_at = ?, refused_node = ?, refused_message = ? "
                        + "WHERE id = 1 AND refused_at IS NULL")
                .params(Timestamps.of(at), node, message.length() > 2000 ? message.substring(0, 2000) : message)
                .update() == 1;
    }

    /** Lifts the guard (if set) and starts a new generation: each node's next call is a probe. */
    @Override
    public void lift(Instant at, String because) {
        jdbc.sql("UPDATE erp_login SET refused_at = NULL, refused_node = NULL, refused_message = NULL, "
                        + "generation = generation + 1, lifted_at = ?, lifted_because = ? WHERE id = 1")
                .params(Timestamps.of(at), because).update();
    }

    /** New credentials: their fingerprint, and the guard lifted for them. */
    @Override
    public void credentialsChanged(String fingerprint, Instant at, String because) {
        jdbc.sql("UPDATE erp_login SET fingerprint = ?, refused_at = NULL, refused_node = NULL, refused_message = NULL, "
                        + "generation = generation + 1, lifted_at = ?, lifted_because = ? WHERE id = 1")
                .params(fingerprint, Timestamps.of(at), because).update();
    }
}
