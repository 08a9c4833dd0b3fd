package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The service pool, down/up, latency, answers withheld after commit. */
class ErpSimulatorFaultTest extends AbstractErpSimulatorTest {

    private static final String CLIENTI = "/risorse/clienti";
    private static final String ORDINI = "/risorse/documenti/ordini-clienti";

    @Test
    void theUserPoolAdmitsFiveRequestsAtOnceAndRefusesTheOthersWith3002() {
        assertThat(get(CLIENTI).status()).isEqualTo(200);
        simulator.resetConcurrencyStats();
        // long enough for all ten to arrive while the first five are still being served, on a slow machine too
        simulator.latency(Duration.ofMillis(1000));

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 10)
                .mapToObj(i -> http.sendAsync(request("GET", CLIENTI, null, authorization(), COORDINATES).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Answer> answers = calls.stream().map(CompletableFuture::join).map(AbstractErpSimulatorTest::answer)
                .toList();

        List<Answer> served = answers.stream().filter(a -> a.status() == 200).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(simulator.maxObservedConcurrency()).isEqualTo(5);
        assertThat(served).hasSizeGreaterThanOrEqualTo(5);
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.detail()).isEqualTo("3002 - pool servizi esaurito");
        });
        assertThat(simulator.callCount()).isEqualTo(11);

        simulator.resetConcurrencyStats();
        assertThat(simulator.maxObservedConcurrency()).isZero();
    }

    @Test
    void downRefusesConnectionsAndUpServesAgainOnTheSamePort() throws Exception {
        String baseUrl = simulator.baseUrl();
        assertThat(get(CLIENTI).status()).isEqualTo(200);

        simulator.down(true);
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = request("GET", CLIENTI, null, authorization(), COORDINATES).build();
        assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        simulator.down(false);
        assertThat(simulator.baseUrl()).isEqualTo(baseUrl);
        assertThat(fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(get(CLIENTI).status()).isEqualTo(200);
        assertThat(simulator.callCount()).isEqualTo(3);
    }

    @Test
    void resetFaultsBringsTheWebapiUp() {
        simulator.down(true);
        simulator.resetFaults();

        assertThat(get(CLIENTI).status()).isEqualTo(200);
    }

    @Test
    void latencyIsAddedToEveryRequest() {
        simulator.latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThat(get(CLIENTI).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aWithheldAnswerLeavesTheClientTimingOutWhileTheOrderIsCommitted() {
        prepareOrderData();
        simulator.stallFor(Duration.ofSeconds(30));
        simulator.timeoutAfterCommit("documenti/ordini-clienti", 1);

        HttpRequest create = request("POST", ORDINI, orderBody("#100"), authorization(), COORDINATES)
                .timeout(Duration.ofMillis(700)).build();
        assertThatThrownBy(() -> http.send(create, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(simulator.orders()).hasSize(1));
        Answer found = post(ORDINI + "/ricerca",
                "{\"filtri\":[{\"campo\":\"nota\",\"condizione\":\"contiene\",\"valore\":\"#100\"}]}");
        assertThat(found.body().get("dati")).hasSize(1);
        assertThat(simulator.requests()).anySatisfy(r -> assertThat(r.status()).isEqualTo(408));
    }

    @Test
    void aWithheldAnswerEndsIn408AndOnlyTheArmedNumberOfCreatesAreWithheld() {
        prepareOrderData();
        simulator.stallFor(Duration.ofMillis(100));
        simulator.timeoutAfterCommit("clienti", 1);

        Answer withheld = post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Bar Nuovo\"}");
        assertThat(withheld.status()).isEqualTo(408);
        assertThat(withheld.body().at("/error/response-code").asInt()).isEqualTo(408);
        assertThat(withheld.header("Location")).isNull();
        assertThat(simulator.customers()).extracting(c -> c.get("codice").asText()).contains("501.00002");

        assertThat(post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Altro\"}").status()).isEqualTo(201);
        assertThat(post(ORDINI, orderBody("#1")).status()).isEqualTo(201);
    }

    @Test
    void aCreateRefusedByValidationDoesNotConsumeTheWithheldAnswer() {
        prepareOrderData();
        simulator.stallFor(Duration.ofMillis(50));
        simulator.timeoutAfterCommit("documenti/ordini-clienti", 1);

        assertThat(post(ORDINI, orderBody("#1").replace("CAF-1KG", "NOPE")).status()).isEqualTo(400);
        assertThat(post(ORDINI, orderBody("#1")).status()).isEqualTo(408);
        assertThat(simulator.orders()).hasSize(1);
    }

    private void prepareOrderData() {
        addCustomer("501.00001", "Bar Sport");
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
    }

    private static String orderBody(String note) {
        return """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001","nota":"%s",
                 "id_riga":[[1,0]],"tp_riga":[[1,"R"]],"codice_articolo":[[1,"CAF-1KG"]],"quantita":[[1,2]],
                 "cod_iva":[[1,"22"]]}""".formatted(note);
    }
}
