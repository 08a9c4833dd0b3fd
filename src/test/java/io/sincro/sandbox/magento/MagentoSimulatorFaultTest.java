package io.sincro.sandbox.magento;

import static io.sincro.sandbox.magento.MagentoTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection: page failures, rate limits, customer failures, blanket failures, latency, the request log. */
class MagentoSimulatorFaultTest {

    private static final String ORDERS = "/rest/default/V1/orders";

    private MagentoSimulator simulator;
    private MagentoTestClient client;

    @BeforeEach
    void start() {
        simulator = MagentoSimulator.start(0, "default", MagentoTestClient.CREDENTIALS,
                SandboxShop.generate(3, 120, Instant.parse("2024-05-14T09:20:41Z")));
        client = new MagentoTestClient(simulator, MagentoTestClient.CREDENTIALS);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void failOrderPageFailsOnlyThatPageForTheGivenNumberOfRequests() {
        simulator.failOrderPage(2, 2, 503);

        assertThat(client.get(ORDERS, page(1)).status()).isEqualTo(200);
        MagentoTestClient.Response first = client.get(ORDERS, page(2));
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body().toString()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(client.get(ORDERS, page(2)).status()).isEqualTo(503);
        MagentoTestClient.Response third = client.get(ORDERS, page(2));
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.body().get("items")).hasSize(50);

        assertThat(simulator.requests()).extracting(MagentoSimulator.RecordedRequest::currentPage)
                .containsExactly(1, 2, 2, 2);
        assertThat(simulator.requests()).extracting(MagentoSimulator.RecordedRequest::status)
                .containsExactly(200, 503, 503, 200);
    }

    @Test
    void failOrderListCallCountsListCallsFromArmingWhateverTheirPage() {
        simulator.failOrderListCall(2, 2, 502);

        assertThat(client.get(ORDERS, page(1)).status()).isEqualTo(200);
        assertThat(client.get("/rest/default/V1/orders/1000", Map.of()).status()).isEqualTo(200);
        assertThat(client.get(ORDERS, page(2)).status()).isEqualTo(502);
        assertThat(client.get(ORDERS, page(1)).status()).isEqualTo(502);
        assertThat(client.get(ORDERS, page(2)).status()).isEqualTo(200);
        assertThat(client.get(ORDERS, page(2)).status()).isEqualTo(200);
    }

    @Test
    void internalErrorCarriesAMaskedReportId() {
        simulator.failOrderPage(1, 1, 500);
        MagentoTestClient.Response response = client.get(ORDERS, query("searchCriteria[pageSize]", "10"));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().get("message").asText())
                .matches("Internal Error\\. Details are available in Magento log file\\. Report ID: webapi-[0-9a-f]{13}");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterThenLetsRequestsThrough() {
        simulator.rateLimit(2, 7);

        MagentoTestClient.Response limited = client.get("/rest/default/V1/orders/1000", Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(limited.body().toString()).isEqualTo("{\"message\":\"Too Many Requests\",\"trace\":null}");
        assertThat(client.get("/rest/default/V1/customers/1", Map.of()).status()).isEqualTo(429);
        assertThat(client.get("/rest/default/V1/orders/1000", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void failCustomerFailsOnlyThatCustomer() {
        simulator.failCustomer(2, 1, 500);

        assertThat(client.get("/rest/default/V1/customers/1", Map.of()).status()).isEqualTo(200);
        assertThat(client.get("/rest/default/V1/customers/2", Map.of()).status()).isEqualTo(500);
        assertThat(client.get("/rest/default/V1/customers/2", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void failAllRequestsWith401GivesTheRealUnauthorizedBodyEvenToAValidSignature() {
        simulator.failAllRequests(1, 401);

        MagentoTestClient.Response refused = client.get(ORDERS, page(1));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().toString()).isEqualTo("{\"message\":\"The consumer isn't authorized to access "
                + "%resources.\",\"parameters\":{\"resources\":\"Magento_Sales::actions_view\"}}");
        assertThat(client.get(ORDERS, page(1)).status()).isEqualTo(200);
    }

    @Test
    void resetFaultsClearsArmedFaults() {
        simulator.failAllRequests(5, 503);
        simulator.legacyPaging(true);
        simulator.resetFaults();

        assertThat(client.get(ORDERS, page(9)).status()).isEqualTo(200);
        assertThat(client.get(ORDERS, page(9)).body().get("items")).isEmpty();
    }

    @Test
    void everyRequestIsRecordedIncludingRefusedOnesAndTheLogCanBeCleared() {
        client.getWithAuthorization(ORDERS, page(1), null);
        client.get("/rest/default/V1/orders/1001", Map.of());

        List<MagentoSimulator.RecordedRequest> requests = simulator.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).status()).isEqualTo(401);
        assertThat(requests.get(0).authorization()).isNull();
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).path()).isEqualTo(ORDERS);
        assertThat(requests.get(0).rawQuery()).contains("searchCriteria%5BcurrentPage%5D=1");
        assertThat(requests.get(1).path()).isEqualTo("/rest/default/V1/orders/1001");
        assertThat(requests.get(1).authorization()).startsWith("OAuth ");
        assertThat(requests.get(1).currentPage()).isNull();

        simulator.clearRequests();
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void latencyIsAddedToEveryRequest() {
        simulator.latency(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertThat(client.get("/rest/default/V1/orders/1000", Map.of()).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private static Map<String, String> page(int page) {
        return query("searchCriteria[pageSize]", "50", "searchCriteria[currentPage]", Integer.toString(page));
    }
}
