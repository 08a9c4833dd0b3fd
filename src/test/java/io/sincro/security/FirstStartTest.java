package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.HubClient;
import io.sincro.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A hub started for the first time with no key configured makes an ADMIN key and prints it once on
 * its console — not in its log file — and a later start prints nothing and keeps that key.
 */
class FirstStartTest {

    static final Pattern PRINTED_KEY = Pattern.compile("keep it safe\\): ===\\R(snc_[A-Za-z0-9_-]+)\\R");

    @Test
    void theFirstStartPrintsARandomAdminKeyOnceOnTheConsoleOnly() throws IOException {
        String name = "first-start-" + System.nanoTime();
        Path database = Path.of("target", name);
        Map<String, String> properties = Map.of(
                "sincro.security.bootstrap-admin-key", "",
                "spring.datasource.url", "jdbc:hsqldb:file:" + database.resolve("hub").toAbsolutePath()
                        // each commit on disk at once: the hub is killed, not stopped, between the two starts
                        + ";sql.syntax_pgs=true;hsqldb.tx=mvcc;shutdown=true;hsqldb.write_delay=false",
                "sincro.secrets.key", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        String key;
        try (HubProcess hub = HubProcess.start(name + "-a", properties)) {
            Matcher printed = PRINTED_KEY.matcher(hub.console());
            assertThat(printed.find()).as(hub.console()).isTrue();
            key = printed.group(1);
            assertThat(printed.find()).isFalse();
            HubClient admin = hub.client().as(key);

            HubClient.Response keys = admin.get("/api/keys");

            assertThat(keys.status()).as(keys.text()).isEqualTo(200);
            assertThat(keys.body().get(0).path("name").asText()).isEqualTo("bootstrap-admin");
            assertThat(keys.body().get(0).path("role").asText()).isEqualTo("ADMIN");
            assertThat(hub.client().get("/api/keys").status()).as("the test profile's key is not this hub's")
                    .isEqualTo(401);
            assertThat(Files.readString(Path.of("target", "test-logs", "hub-process-" + name + "-a-app.log")))
                    .contains("First start").doesNotContain(key);
        }
        try (HubProcess again = HubProcess.start(name + "-b", properties)) {
            assertThat(again.console()).doesNotContain("keep it safe");
            assertThat(again.client().as(key).get("/api/keys").status()).isEqualTo(200);
        }
    }
}
