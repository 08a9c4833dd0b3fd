package io.sincro.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The API keys of machine clients. A key is shown once, when it is made; the store keeps its SHA-256
 * only (a key carries 256 random bits, so no slow hash is needed to resist guessing). Every request
 * reads the store, so a revoked key is refused at once, on every node.
 */
@Repository
public class ApiKeys {

    /** Sent as {@code X-API-Key: <key>}. */
    public static final String HEADER = "X-API-Key";

    /** {@code lastUsedAt} is written at most this often per key, so reading the API does not mean a write each time. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public record ApiKey(long id, String name, Role role, String prefix, Instant createdAt, String createdBy,
            Instant lastUsedAt, Instant revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A key just made: the only time its value is known. */
    public record NewKey(ApiKey key, String value) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new random key: {@code snc_} and 43 Base64url characters. */
    public NewKey create(String name, Role role, String createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return store(name, role, "snc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), createdBy);
    }

    /** A key whose value the operator chose (the bootstrap key from configuration). */
    public NewKey store(String name, Role role, String value, String createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO api_key (name, role, key_hash, key_prefix, created_at, created_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(name, role.name(), hash(value), prefix(value), utc(Instant.now()), createdBy)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("an API key named '" + name + "' exists already (revoked keys keep "
                    + "their names for the audit log): choose another name");
        }
        return new NewKey(get(keys.getKey().longValue()).orElseThrow(), value);
    }

    /** The active key with this value, its last use noted; empty for an unknown or revoked key. */
    public Optional<ApiKey> authenticate(String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> key = jdbc.sql("SELECT * FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash(value)).query(this::map).optional();
        key.ifPresent(this::noteUse);
        return key;
    }

    private void noteUse(ApiKey key) {
        Instant now = Instant.now();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                    .params(utc(now), key.id(), utc(now.minus(LAST_USED_RESOLUTION))).update();
        }
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM api_key ORDER BY id").query(this::map).list();
    }

    public Optional<ApiKey> get(long id) {
        return jdbc.sql("SELECT * FROM api_key WHERE id = ?").param(id).query(this::map).optional();
    }

    /** @return false when there is no such key; revoking a revoked key changes nothing */
    public boolean revoke(long id) {
        jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(Instant.now()), id).update();
        return get(id).isPresent();
    }

    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single() > 0;
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefix(String value) {
        return value.substring(0, Math.min(8, value.length()));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("key_prefix"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }
}
