package io.sincro.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** People who log in (form login, then a session): a name, a password hash and one role. */
@Repository
public class HubUsers implements UserDetailsService {

    public record HubUser(String username, Role role, Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    public HubUsers(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public HubUser create(String username, String password, Role role, String createdBy) {
        try {
            jdbc.sql("INSERT INTO hub_user (username, password_hash, role, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                    .params(username, passwords.encode(password), role.name(), ApiKeys.utc(Instant.now()), createdBy)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("a user named '" + username + "' exists already");
        }
        return get(username).orElseThrow();
    }

    public Optional<HubUser> get(String username) {
        return jdbc.sql("SELECT * FROM hub_user WHERE username = ?").param(username).query(this::map).optional();
    }

    public List<HubUser> list() {
        return jdbc.sql("SELECT * FROM hub_user ORDER BY username").query(this::map).list();
    }

    /** @return false when there was no such user */
    public boolean delete(String username) {
        return jdbc.sql("DELETE FROM hub_user WHERE username = ?").param(username).update() > 0;
    }

    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM hub_user").query(Long.class).single() > 0;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Row(String username, String hash, Role role) {
        }
        Row row = jdbc.sql("SELECT username, password_hash, role FROM hub_user WHERE username = ?").param(username)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                .optional().orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(row.username()).password(row.hash()).authorities(row.role().authority()).build();
    }

    private HubUser map(ResultSet rs, int row) throws SQLException {
        return new HubUser(rs.getString("username"), Role.valueOf(rs.getString("role")),
                ApiKeys.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
