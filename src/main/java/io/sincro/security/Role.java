package io.sincro.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a principal may do. Each role includes the ones below it: ADMIN ⊃ OPERATOR ⊃ VIEWER (the
 * hierarchy is declared once, in {@link SecurityConfiguration#roleHierarchy()}).
 */
public enum Role {
    /** reads accounts, runs, orders, dead letters, schedules, the quota and the OpenAPI document */
    VIEWER,
    /** also starts syncs, replays dead letters, sets and resets schedules, posts storefront orders */
    OPERATOR,
    /** also changes accounts and their credentials, manages API keys and users, reads the audit log */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a name stands for (any case, with or without the {@code ROLE_} prefix), if any. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String plain = name.trim().toUpperCase(Locale.ROOT);
        if (plain.startsWith("ROLE_")) {
            plain = plain.substring(5);
        }
        for (Role role : values()) {
            if (role.name().equals(plain)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
