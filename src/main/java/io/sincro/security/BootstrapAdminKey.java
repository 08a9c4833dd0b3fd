package io.sincro.security;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first start: with no API key and no user in the store nobody could ever get in, so an ADMIN key
 * named {@code bootstrap-admin} is made — the one in {@code sincro.security.bootstrap-admin-key}
 * ({@code SINCRO_BOOTSTRAP_ADMIN_KEY}) when set, else a random one, printed once to the console
 * (standard output, not the log file, so it does not stay in log archives). Later starts change nothing.
 */
@Component
@Order(0)
public class BootstrapAdminKey implements ApplicationRunner {

    static final String NAME = "bootstrap-admin";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdminKey.class);

    private final ApiKeys keys;
    private final HubUsers users;
    private final SecurityProperties properties;
    private final PrintStream console;

    public BootstrapAdminKey(ApiKeys keys, HubUsers users, SecurityProperties properties) {
        this.keys = keys;
        this.users = users;
        this.properties = properties;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.bootstrapAdminKey();
        if (configured != null && !configured.isBlank() && configured.trim().length() < 16) {
            throw new IllegalStateException("sincro.security.bootstrap-admin-key (SINCRO_BOOTSTRAP_ADMIN_KEY) is "
                    + "too short to be a key: use at least 16 characters, e.g. the output of openssl rand -hex 32");
        }
        if (keys.any() || users.any()) {
            return;
        }
        ApiKeys.NewKey made;
        try {
            made = configured != null && !configured.isBlank()
                    ? keys.store(NAME, Role.ADMIN, configured.trim(), "first start")
                    : keys.create(NAME, Role.ADMIN, "first start");
        } catch (IllegalArgumentException madeByAnotherNode) {
            // several nodes started together on an empty store: the key's unique name let one of them make it
            return;
        }
        if (configured != null && !configured.isBlank()) {
            LOG.info("First start: the ADMIN key '{}' is the one set in sincro.security.bootstrap-admin-key", NAME);
        } else {
            LOG.warn("First start: an ADMIN key '{}' was made and printed once on the console; it is not kept "
                    + "anywhere readable. Use it to make your own keys and users (POST /api/keys, POST /api/users), "
                    + "then revoke it (DELETE /api/keys/{})", NAME, made.key().id());
            console.println();
            console.println("=== Sincro: first start. The ADMIN API key (shown this once, keep it safe): ===");
            console.println(made.value());
            console.println("=== send it as the header  X-API-Key: <key>  ===");
            console.println();
        }
    }
}
