package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.HubClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** An answer of the hub carries its own headers only: nothing the request sent comes back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ResponseHeadersTest {

    static final Map<String, String> PROBES = Map.of(
            "Authorization", "Basic c2VjcmV0OnBhc3N3b3Jk",
            "Cookie", "tracking=secret-cookie-value",
            "X-Probe-Echo", "echo-me",
            "X-Forwarded-For", "10.9.8.7");

    @LocalServerPort
    int port;

    @Test
    void noRequestHeaderIsEchoedInAnAnswer() {
        HubClient hub = new HubClient(port);

        assertNoEcho(hub.send("GET", "/api/accounts", null, null, PROBES), 200);
        assertNoEcho(hub.send("GET", "/api/accounts/no-such-account", null, null, PROBES), 404);
        assertNoEcho(hub.send("POST", "/api/erp/sync/partial", "application/json", "", PROBES), 202);
        assertNoEcho(hub.send("GET", "/api/openapi.json", null, null, PROBES), 200);
    }

    private static void assertNoEcho(HubClient.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        Map<String, java.util.List<String>> headers = response.headers().map();
        assertThat(headers.keySet()).as("headers of the answer")
                .noneMatch(name -> name.equalsIgnoreCase("X-API-Key") || name.equalsIgnoreCase("Authorization")
                        || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("X-Probe-Echo")
                        || name.equalsIgnoreCase("X-Forwarded-For") || name.equalsIgnoreCase("Accept")
                        || name.equalsIgnoreCase("User-Agent"));
        assertThat(headers.toString()).doesNotContain(HubClient.ADMIN_KEY).doesNotContain("secret-cookie-value")
                .doesNotContain("c2VjcmV0OnBhc3N3b3Jk").doesNotContain("echo-me");
    }
}
