package io.sincro.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every change and manual trigger made through the API: who, what, on what, when, and how it ended. */
@Repository
public class AuditLog {

    /**
     * @param principal {@code key:<name>}, {@code user:<name>} or {@code oidc:<name>}
     * @param operation the API operation's id ({@code sync-orders}), or method and path when it has none
     * @param target the id in the path ({@code shop-it} in {@code /api/accounts/shop-it/sync/orders}), if any
     * @param status the HTTP status answered
     */
    public record AuditEvent(long id, Instant at, String principal, String method, String operation, String path,
            String target, int status) {
    }

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String principal, String method, String operation, String path, String target, int status) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, principal, http_method, operation, path, target, status) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(ApiKeys.utc(Instant.now()), cut(principal, 200), method, cut(operation, 200), cut(path, 1000),
                        cut(target, 200), status)
                .update();
    }

    /** Newest first. */
    public List<AuditEvent> find(String principal, Instant since, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (principal != null) {
            sql.append(" AND principal = ?");
            params.add(principal);
        }
        if (since != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(ApiKeys.utc(since));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit).append(" OFFSET ").append(offset);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    private AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), ApiKeys.instant(rs, "occurred_at"), rs.getString("principal"),
                rs.getString("http_method"), rs.getString("operation"), rs.getString("path"), rs.getString("target"),
                rs.getInt("status"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
