package io.sincro.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Messages that failed after every redelivery, kept with their cause until replayed. */
@Repository
public class DeadLetters {

    public enum State { OPEN, REPLAYED, REPLAY_FAILED }

    public record DeadLetter(long id, String routeId, String replayUri, String payloadType, String payload,
            String properties, String cause, String causeType, int attempts, String accountId, Long runId,
            State state, Instant failedAt, Instant replayedAt, int replayCount, String replayOutcome) {
    }

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String routeId, String replayUri, String payloadType, String payload, String properties,
            String cause, String causeType, int attempts, String accountId, Long runId) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dead_letter (route_id, replay_uri, payload_type, payload, properties, cause, cause_type, "
                        + "attempts, account_id, run_id, state, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(routeId, replayUri, payloadType, payload, properties, truncate(cause), causeType, attempts,
                        accountId, runId, Timestamps.of(Instant.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<DeadLetter> list(State state, String accountId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dead_letter WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.name());
        }
        if (accountId != null) {
            sql.append(" AND account_id = ?");
            params.add(accountId);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, limit));
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    public Optional<DeadLetter> get(long id) {
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = ?").param(id).query(this::map).optional();
    }

    public void replayed(long id, boolean succeeded, String outcome) {
        jdbc.sql("UPDATE dead_letter SET state = ?, replayed_at = ?, replay_count = replay_count + 1, "
                        + "replay_outcome = ? WHERE id = ?")
                .params((succeeded ? State.REPLAYED : State.REPLAY_FAILED).name(), Timestamps.of(Instant.now()),
                        truncate(outcome), id)
                .update();
    }

    private DeadLetter map(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("route_id"), rs.getString("replay_uri"),
                rs.getString("payload_type"), rs.getString("payload"), rs.getString("properties"),
                rs.getString("cause"), rs.getString("cause_type"), rs.getInt("attempts"), rs.getString("account_id"),
                rs.getObject("run_id", Long.class), State.valueOf(rs.getString("state")),
                Timestamps.read(rs, "failed_at"), Timestamps.read(rs, "replayed_at"), rs.getInt("replay_count"),
                rs.getString("replay_outcome"));
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 4000 ? value : value.substring(0, 4000);
    }
}
