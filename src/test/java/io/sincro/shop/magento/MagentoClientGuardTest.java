package io.sincro.shop.magento;

import io.sincro.http.TestHttp;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.sincro.TestSecrets;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopException;
import io.sincro.shop.ShopProperties;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Magento client refuses to do with a shop's credentials, over real HTTP: call a private
 * address (unless allowed), follow a redirect, copy an unknown server's answer into its messages, or
 * tell a refused port from an unreachable host.
 */
class MagentoClientGuardTest {

    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        elsewhere.stop();
    }

    @Test
    void loopbackLinkLocalAndPrivateAddressesAreRefusedBeforeAnyRequestUnlessAllowed() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"items\":[]}")));
        MagentoClient guarded = client(false);
        for (String base : new String[] {"http://127.0.0.1:" + server.port(), "http://localhost:" + server.port(),
                "http://10.1.2.3", "http://192.168.1.10:8080", "http://172.16.0.5", "http://169.254.169.254",
                "http://[::1]:" + server.port(), "http://100.64.0.1", "http://0.0.0.0:" + server.port()}) {
            assertThatThrownBy(() -> guarded.get(account(base), "orders", Map.of())).as(base)
                    .isInstanceOf(ShopException.Rejected.class)
                    .hasMessageContaining("loopback, link-local or private address")
                    .hasMessageNotContaining(TestSecrets.OLD_SHOP_TOKEN);
        }
        assertThat(server.getAllServeEvents()).as("nothing was sent").isEmpty();

        assertThat(client(true).get(account("http://127.0.0.1:" + server.port()), "orders", Map.of())
                .path("items").isArray()).as("sincro.shop.allow-private-addresses=true (sandbox, tests)").isTrue();
    }

    @Test
    void aRedirectIsNotFollowedSoTheCredentialsNeverReachAnotherHost() {
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/rest/default/V1/orders")));

        assertThatThrownBy(() -> client(true).get(account("http://127.0.0.1:" + server.port()), "orders", Map.of()))
                .isInstanceOf(ShopException.Rejected.class).hasMessageContaining("redirect (302)");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnknownServersAnswerIsNeverCopiedButMagentosOwnMessageIs() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
                .withBody("<html>internal admin console: db password hunter2</html>")));
        assertThatThrownBy(() -> client(true).get(account("http://127.0.0.1:" + server.port()), "orders", Map.of()))
                .isInstanceOf(ShopException.Unavailable.class).hasMessageContaining("(500)")
                .hasMessageContaining("not a Magento error").hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("admin console");

        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withBody(
                "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\",\"parameters\":{\"fieldName\":\"sku\"}}")));
        assertThatThrownBy(() -> client(true).get(account("http://127.0.0.1:" + server.port()), "orders", Map.of()))
                .isInstanceOf(ShopException.Rejected.class)
                .hasMessageContaining("(400): \"sku\" is required. Enter and try again.");
    }

    @Test
    void aClosedPortAndAnUnknownHostReadTheSameSoNoOneCanScanPortsThroughTheHub() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String refused = failure("http://127.0.0.1:" + closed);
        String unknown = failure("http://no-such-shop.invalid");

        assertThat(refused).isEqualTo("Magento guarded could not be reached at http://127.0.0.1:" + closed);
        assertThat(unknown).isEqualTo("Magento guarded could not be reached at http://no-such-shop.invalid");
    }

    @Test
    void anAccountWithoutCredentialsSendsNothing() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        ShopAccount none = new ShopAccount("guarded", "Guarded", Platform.MAGENTO, "http://127.0.0.1:" + server.port(),
                "default", new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, null, null),
                AccountSettings.defaults(), null);

        assertThatThrownBy(() -> client(true).get(none, "orders", Map.of()))
                .isInstanceOf(ShopException.Unauthorized.class).hasMessageContaining("no usable credentials");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    String failure(String base) {
        try {
            client(true).get(account(base), "orders", Map.of());
        } catch (ShopException.Unavailable e) {
            return e.getMessage();
        }
        throw new AssertionError("the call to " + base + " did not fail");
    }

    static MagentoClient client(boolean allowPrivate) {
        return TestHttp.magento(new ObjectMapper(), new ShopProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 0,
                Duration.ofSeconds(1), allowPrivate));
    }

    static ShopAccount account(String baseUrl) {
        return new ShopAccount("guarded", "Guarded", Platform.MAGENTO, baseUrl, "default",
                new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, TestSecrets.OLD_SHOP_TOKEN, null),
                AccountSettings.defaults(), null);
    }
}
