package io.sincro.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console's files load before anyone signs in — they hold no data — and only they: every call
 * they make still needs a principal, and nothing else of the hub opened up with them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleFilesTest {

    @LocalServerPort
    int port;

    @Test
    void theConsoleLoadsWithoutAPrincipalButItsDataDoesNot() {
        HubClient anonymous = new HubClient(port).anonymous();

        HubClient.Response page = anonymous.send("GET", "/", null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("console/app.js");
        for (String file : List.of("/console/app.js", "/console/api.js", "/console/i18n.js", "/console/dom.js",
                "/console/console.css", "/console/i18n/it.json", "/console/i18n/en.json")) {
            assertThat(anonymous.send("GET", file, null, null, Map.of("Accept", "*/*")).status()).as(file).isEqualTo(200);
        }
        assertThat(anonymous.get("/api/accounts").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/session").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/console/nothing-here.js").status()).isEqualTo(404);
    }

    @Test
    void onlyReadsOfTheConsoleAreOpen() {
        HubClient anonymous = new HubClient(port).anonymous();

        HubClient.Response post = anonymous.send("POST", "/console/app.js", "application/json", "{}", Map.of());

        assertThat(post.status()).isIn(401, 403);
    }

    @Test
    void theItalianAndEnglishBundlesSayTheSameThings() {
        HubClient anonymous = new HubClient(port).anonymous();
        JsonNode italian = anonymous.get("/console/i18n/it.json").body();
        JsonNode english = anonymous.get("/console/i18n/en.json").body();

        List<String> italianKeys = new ArrayList<>();
        italian.fieldNames().forEachRemaining(italianKeys::add);
        List<String> englishKeys = new ArrayList<>();
        english.fieldNames().forEachRemaining(englishKeys::add);

        assertThat(englishKeys).containsExactlyInAnyOrderElementsOf(italianKeys);
        assertThat(italian.path("nav.orders").asText()).isEqualTo("Ordini");
        assertThat(english.path("nav.orders").asText()).isEqualTo("Orders");
    }
}
