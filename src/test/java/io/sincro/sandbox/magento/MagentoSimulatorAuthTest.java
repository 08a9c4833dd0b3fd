package io.sincro.sandbox.magento;

import static io.sincro.sandbox.magento.MagentoTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Integration authentication: OAuth 1.0a HMAC-SHA256 always, the access token as Bearer only when allowed. */
class MagentoSimulatorAuthTest {

    private static final String ORDERS = "/rest/it/V1/orders";
    private static final Map<String, String> SEARCH = query(
            "searchCriteria[filter_groups][0][filters][0][field]", "created_at",
            "searchCriteria[filter_groups][0][filters][0][value]", "2024-05-01 00:00:00",
            "searchCriteria[filter_groups][0][filters][0][condition_type]", "gteq",
            "searchCriteria[pageSize]", "5");
    private static final String UNAUTHORIZED =
            "{\"message\":\"The consumer isn't authorized to access %resources.\","
                    + "\"parameters\":{\"resources\":\"Magento_Sales::actions_view\"}}";

    private MagentoSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void bearerTokenIsAcceptedOnlyWhenTheShopAllowsIt() {
        MagentoTestClient.Response allowed = bearer(true, "at-token-456");
        assertThat(allowed.status()).isEqualTo(200);
        simulator.close();

        MagentoTestClient.Response disabled = bearer(false, "at-token-456");
        assertThat(disabled.status()).isEqualTo(401);
        assertThat(disabled.body().toString()).isEqualTo(UNAUTHORIZED);
        simulator.close();

        assertThat(bearer(true, "wrong-token").status()).isEqualTo(401);
    }

    @Test
    void correctlySignedOAuthRequestIsAcceptedAndMisSignedOnesAreRefused() {
        MagentoTestClient client = start();
        assertThat(client.get(ORDERS, SEARCH).status()).isEqualTo(200);

        String header = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(), Instant.now(), "HMAC-SHA256");
        String other = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(), Instant.now(), "HMAC-SHA256");
        String tampered = header.replaceFirst("oauth_signature=\"[^\"]*\"", signatureOf(other));
        MagentoTestClient.Response refused = client.getWithAuthorization(ORDERS, SEARCH, tampered);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().toString()).isEqualTo(UNAUTHORIZED);

        Map<String, String> otherQuery = query("searchCriteria[pageSize]", "6");
        String signedForOtherQuery = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(), Instant.now(),
                "HMAC-SHA256");
        assertThat(client.getWithAuthorization(ORDERS, otherQuery, signedForOtherQuery).status()).isEqualTo(401);
    }

    @Test
    void reusedNonceIsRefused() {
        MagentoTestClient client = start();
        String header = client.oauthHeader("GET", ORDERS, SEARCH, "nonce-used-twice", Instant.now(), "HMAC-SHA256");
        assertThat(client.getWithAuthorization(ORDERS, SEARCH, header).status()).isEqualTo(200);
        assertThat(client.getWithAuthorization(ORDERS, SEARCH, header).status()).isEqualTo(401);
    }

    @Test
    void staleTimestampOtherSignatureMethodAndWrongSecretsAreRefused() {
        MagentoTestClient client = start();
        String stale = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(),
                Instant.now().minusSeconds(601 + 60), "HMAC-SHA256");
        assertThat(client.getWithAuthorization(ORDERS, SEARCH, stale).status()).isEqualTo(401);

        String sha1 = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(), Instant.now(), "HMAC-SHA1");
        assertThat(client.getWithAuthorization(ORDERS, SEARCH, sha1).status()).isEqualTo(401);

        MagentoTestClient wrongSecret = new MagentoTestClient(simulator, new MagentoSimulator.Credentials(
                "ck-sandbox-123", "another secret", "at-token-456", "ats-secret~789", false));
        assertThat(wrongSecret.get(ORDERS, SEARCH).status()).isEqualTo(401);

        assertThat(client.getWithAuthorization(ORDERS, SEARCH, null).status()).isEqualTo(401);
    }

    @Test
    void signatureCoversQueryValuesSentWithPlusOrPercentTwentyForSpaces() {
        MagentoTestClient client = start();
        String header = client.oauthHeader("GET", ORDERS, SEARCH, MagentoTestClient.nonce(), Instant.now(), "HMAC-SHA256");
        String url = client.url(ORDERS, SEARCH);
        assertThat(url).contains("2024-05-01+00%3A00%3A00");
        String percentTwenty = url.substring(simulator.baseUrl().length() + ORDERS.length() + 1).replace("+", "%20");
        MagentoTestClient.Response response = client.getWithAuthorization(ORDERS + "?" + percentTwenty, Map.of(), header);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/search_criteria/filter_groups/0/filters/0/value").asText())
                .isEqualTo("2024-05-01 00:00:00");
    }

    private static String signatureOf(String header) {
        Matcher matcher = Pattern.compile("oauth_signature=\"[^\"]*\"").matcher(header);
        assertThat(matcher.find()).isTrue();
        return Matcher.quoteReplacement(matcher.group());
    }

    private MagentoTestClient.Response bearer(boolean allowed, String token) {
        MagentoSimulator.Credentials credentials = new MagentoSimulator.Credentials("ck-sandbox-123",
                "cs-secret&with/odd chars", "at-token-456", "ats-secret~789", allowed);
        simulator = MagentoSimulator.start(0, "it", credentials, SandboxShop.generate(7, 20, Instant.now()));
        return new MagentoTestClient(simulator, credentials).getWithAuthorization(ORDERS, SEARCH, "Bearer " + token);
    }

    private MagentoTestClient start() {
        simulator = MagentoSimulator.start(0, "it", MagentoTestClient.CREDENTIALS,
                SandboxShop.generate(7, 20, Instant.now()));
        return new MagentoTestClient(simulator, MagentoTestClient.CREDENTIALS);
    }
}
