package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sincro.EmbeddedPostgresDatabase;
import io.sincro.HubClient;
import io.sincro.HubNode;
import io.sincro.TestSecrets;
import io.sincro.TestShops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shops' secrets in the files of a real HSQLDB file store, as an operator running the hub with its
 * defaults would have them: sealed from the first write under a key file the hub creates, no open copy
 * left once a value stored open is sealed, owner-only files; a PostgreSQL store without a key refused
 * at start; a key rotated with {@code sincro.secrets.previous-key}.
 */
class SecretsInStoreFilesTest {

    static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path directory;

    @Test
    void withoutAKeyTheHubCreatesAnOwnerOnlyKeyFileAndNoSecretEverReachesTheFilesOpen() throws IOException {
        Path data = directory.resolve("data");
        try (HubNode hub = HubNode.start(hsqldb(data, ""))) {
            create(hub.client(), "sealed-file", TestSecrets.SEALED_FILE_TOKEN);
            assertThat(stored(hub, "sealed-file")).startsWith("v1:");
            assertThat(Files.getPosixFilePermissions(data.resolve("sincro.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(data)) {
                assertThat(files.filter(Files::isRegularFile).toList()).allSatisfy(file ->
                        assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                                .doesNotContainAnyElementsOf(GROUP_OR_OTHERS));
            }
        }

        assertThat(filesHolding(data, TestSecrets.SEALED_FILE_TOKEN)).isEmpty();

        try (HubNode again = HubNode.start(hsqldb(data, ""))) {
            assertThat(again.client().get("/api/accounts/sealed-file").body().path("credentials")
                    .path("accessTokenSet").asBoolean()).as("the key file is read at the next start").isTrue();
            assertThat(again.bean(ShopAccounts.class).find("sealed-file").orElseThrow().credentials().accessToken())
                    .isEqualTo(TestSecrets.SEALED_FILE_TOKEN);
        }
    }

    @Test
    void aSecretStoredOpenIsSealedAtStartAndTheStoreIsCompactedSoNoOpenCopyRemains() throws IOException {
        Path data = directory.resolve("legacy");
        try (HubNode hub = HubNode.start(hsqldb(data, ""))) {
            create(hub.client(), "legacy", "placeholder-token");
            JdbcClient jdbc = hub.bean(JdbcClient.class);
            // as a hub from before sealing left it: the value open, and written through into the files
            jdbc.sql("UPDATE shop_account SET access_token = ? WHERE id = 'legacy'")
                    .param(TestSecrets.OPEN_LEGACY_TOKEN).update();
            jdbc.sql("CHECKPOINT").update();
        }
        assertThat(filesHolding(data, TestSecrets.OPEN_LEGACY_TOKEN)).as("the open copy is in the files").isNotEmpty();

        try (HubNode hub = HubNode.start(hsqldb(data, ""))) {
            assertThat(stored(hub, "legacy")).startsWith("v1:");
            assertThat(hub.bean(ShopAccounts.class).find("legacy").orElseThrow().credentials().accessToken())
                    .isEqualTo(TestSecrets.OPEN_LEGACY_TOKEN);
            assertThat(filesHolding(data, TestSecrets.OPEN_LEGACY_TOKEN))
                    .as("while the hub runs: no old row left in the data file's free space, nor in its log").isEmpty();
        }

        assertThat(filesHolding(data, TestSecrets.OPEN_LEGACY_TOKEN)).as("sealed and compacted away").isEmpty();
    }

    @Test
    void aPreviousKeyOpensWhatItSealedAndTheHubSealsItAgainUnderTheNewKey() {
        Path data = directory.resolve("rotation");
        String oldKey = TestShops.secretsKey();
        String newKey = TestShops.secretsKey();
        try (HubNode hub = HubNode.start(hsqldb(data, oldKey))) {
            create(hub.client(), "rotated", TestSecrets.ROTATED_TOKEN);
        }

        Map<String, String> rotating = hsqldb(data, newKey);
        rotating.put("sincro.secrets.previous-key", oldKey);
        String resealed;
        try (HubNode hub = HubNode.start(rotating)) {
            resealed = stored(hub, "rotated");
        }
        assertThat(new SecretsAtRest(newKey).open(resealed)).isEqualTo(TestSecrets.ROTATED_TOKEN);
        assertThatThrownBy(() -> new SecretsAtRest(oldKey).open(resealed)).hasMessageContaining("another key");

        try (HubNode hub = HubNode.start(hsqldb(data, newKey))) {
            assertThat(hub.bean(ShopAccounts.class).find("rotated").orElseThrow().credentials().accessToken())
                    .as("the old key is no longer needed").isEqualTo(TestSecrets.ROTATED_TOKEN);
        }
    }

    @Test
    void aPostgresStoreWithoutAKeyIsRefusedAtStartWithTheFix() throws IOException {
        try (EmbeddedPostgresDatabase postgres = EmbeddedPostgresDatabase.start()) {
            Map<String, String> properties = new HashMap<>();
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            properties.put("sincro.secrets.key", "");
            assertThatThrownBy(() -> HubNode.start(properties).close()).satisfies(e -> assertThat(rootMessage(e))
                    .contains("sincro.secrets.key is not set").contains("PostgreSQL")
                    .contains("openssl rand -base64 32"));
        }
    }

    static Map<String, String> hsqldb(Path data, String key) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:hsqldb:file:" + data.resolve("sincro")
                + ";sql.syntax_pgs=true;hsqldb.default_table_type=cached;hsqldb.tx=mvcc;shutdown=true");
        properties.put("sincro.secrets.key", key);
        return properties;
    }

    static void create(HubClient hub, String id, String token) {
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", id, "name", "Shop " + id,
                "baseUrl", "https://shop.example.it", "credentials", Map.of("mode", "BEARER", "accessToken", token)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    static String stored(HubNode hub, String id) {
        return hub.bean(JdbcClient.class).sql("SELECT access_token FROM shop_account WHERE id = ?").param(id)
                .query(String.class).single();
    }

    /** Every file under the store's folder whose bytes hold the text. */
    static List<Path> filesHolding(Path folder, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    holding.add(file);
                }
            }
        }
        return holding;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String rootMessage(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
