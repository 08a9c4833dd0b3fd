package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.HubClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes API keys and users through the API, as an ADMIN would. */
final class Keys {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Keys() {
    }

    /** A new key of this role; its value. */
    static String of(HubClient admin, String role) {
        return made(admin, role).path("key").asText();
    }

    static com.fasterxml.jackson.databind.JsonNode made(HubClient admin, String role) {
        HubClient.Response made = admin.post("/api/keys", Map.of("name", role.toLowerCase() + "-"
                + SEQUENCE.incrementAndGet() + "-" + System.nanoTime(), "role", role));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.body();
    }

    /** A new user of this role; its name (the password is {@link #PASSWORD}). */
    static String user(HubClient admin, String role) {
        String name = "user-" + role.toLowerCase() + "-" + SEQUENCE.incrementAndGet();
        HubClient.Response made = admin.post("/api/users", Map.of("username", name, "password", PASSWORD,
                "role", role));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return name;
    }

    static final String PASSWORD = "correct horse battery";
}
