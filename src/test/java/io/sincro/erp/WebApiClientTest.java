package io.sincro.erp;

import io.sincro.http.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.sandbox.erp.ErpSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebAPI client against the ERP simulator over real HTTP. */
class WebApiClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private ErpSimulator erp;
    private WebApiClient client;

    @BeforeEach
    void start() {
        erp = ErpSimulator.start(0, "SIN", new ErpSimulator.Credentials("webapi", "s3cret", null), 5);
        client = client("s3cret", 5, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        erp.close();
    }

    private WebApiClient client(String password, int maxCalls, Duration readTimeout) {
        return TestHttp.webApi(new ErpProperties(erp.baseUrl(), "webapi", password, null, "SIN", null, 2026, 1,
                maxCalls, Duration.ofSeconds(2), readTimeout, 3, Duration.ofMillis(50)), json);
    }

    private ObjectNode customer(String name) {
        ObjectNode c = json.createObjectNode();
        c.put("codice", "501.AUTO");
        c.put("ragione_sociale", name);
        c.put("email", name.toLowerCase().replace(' ', '.') + "@example.it");
        return c;
    }

    @Test
    void aCreatedCustomerGetsItsAutomaticCodeFromTheLocationHeader() {
        String first = client.create("clienti", customer("Rossi Srl"));
        String second = client.create("clienti", customer("Bianchi Spa"));

        assertThat(first).isEqualTo("501.00001");
        assertThat(second).isEqualTo("501.00002");
        assertThat(client.read("clienti", "501.00002")).hasValueSatisfying(
                c -> assertThat(c.path("ragione_sociale").asText()).isEqualTo("Bianchi Spa"));
        assertThat(client.read("clienti", "501.09999")).isEmpty();
    }

    @Test
    void everyCallCarriesTheAuthorizationSchemeAndTheCoordinates() {
        // the simulator answers 401 without the Passepartout scheme and 400 (1001) without coordinates
        assertThat(client.read("clienti", "501.00001")).isEmpty();

        assertThat(erp.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(404));
        WebApiClient otherCompany = TestHttp.webApi(new ErpProperties(erp.baseUrl(), "webapi", "s3cret", null, "XYZ",
                null, 2026, 1, 5, Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Duration.ofMillis(50)), json);
        assertThatThrownBy(() -> otherCompany.read("clienti", "501.00001")).isInstanceOf(ErpException.Rejected.class)
                .hasMessageContaining("(1001)");
        assertThat(WebApiClient.authorization(new ErpProperties(erp.baseUrl(), "webapi", "s3cret", "demo", "SIN",
                null, null, null, 5, null, null, 0, null)))
                .isEqualTo("Passepartout d2ViYXBpOnMzY3JldA== Dominio=demo");
    }

    @Test
    void aRejectedCreateSaysTheErpsReason() {
        ObjectNode article = json.createObjectNode();
        article.put("codice", "NEW-01");
        article.put("descrizione", "Nuovo articolo");

        assertThatThrownBy(() -> client.create("articoli", article))
                .isInstanceOf(ErpException.Rejected.class)
                .hasMessageContaining("Aliquota iva obbligatoria")
                .hasMessageContaining("(6001)");
    }

    @Test
    void aRefusedLoginIsNeverRetried() {
        WebApiClient wrong = client("wrong", 5, Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrong.read("clienti", "501.00001")).isInstanceOf(ErpException.Unauthorized.class)
                .hasMessageContaining("will not retry");
        assertThat(erp.requests()).hasSize(1);
        assertThat(erp.userLocked()).isFalse();
    }

    @Test
    void aBusyPoolIsRetriedWithBackoff() {
        erp.failNext(2, 503);

        assertThat(client.create("clienti", customer("Verdi Snc"))).isEqualTo("501.00001");
        assertThat(erp.requests()).extracting(ErpSimulator.RecordedRequest::status).containsExactly(503, 503, 201);
    }

    @Test
    void theClientNeverSendsMoreCallsThanThePoolAllows() {
        erp.latency(Duration.ofMillis(100));
        erp.resetConcurrencyStats();

        List<CompletableFuture<Optional<JsonNode>>> calls = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.read("clienti", "501.0000" + (i % 9))))
                .toList();
        calls.forEach(CompletableFuture::join);

        assertThat(erp.maxObservedConcurrency()).isLessThanOrEqualTo(5).isGreaterThan(1);
        assertThat(erp.requests()).allSatisfy(r -> assertThat(r.status()).isNotEqualTo(503));
    }

    @Test
    void aSearchFollowsNextAcrossPages() {
        IntStream.range(0, 620).forEach(i -> erp.addCustomer(json.createObjectNode()
                .put("codice", String.format("501.%05d", i + 1)).put("ragione_sociale", "Cliente " + i)
                .put("email", "cliente" + i + "@example.it")));

        List<JsonNode> found = client.search("clienti", List.of(ErpFilter.contains("ragione_sociale", "cliente")));

        assertThat(found).hasSize(620);
        assertThat(erp.requests().stream().filter(r -> r.path().endsWith("/ricerca")).count()).isGreaterThan(1);
    }

    @Test
    void aCreateThatTimedOutAfterCommittingIsFoundNotSentAgain() {
        WebApiClient impatient = client("s3cret", 5, Duration.ofMillis(500));
        erp.stallFor(Duration.ofSeconds(2));
        erp.timeoutAfterCommit("clienti", 1);
        ObjectNode customer = customer("Neri Srl");

        String code = impatient.createOnce("clienti", customer, () -> impatient
                .search("clienti", List.of(ErpFilter.equal("email", "neri.srl@example.it"))).stream()
                .map(c -> c.path("codice").asText()).findFirst());

        assertThat(code).isEqualTo("501.00001");
        assertThat(erp.customers()).hasSize(1);
    }

    @Test
    void anUnreachableErpIsUnavailable() {
        erp.down(true);

        assertThatThrownBy(() -> client.read("clienti", "501.00001")).isInstanceOf(ErpException.Unavailable.class)
                .hasMessageContaining("cannot be reached");
        erp.down(false);
        assertThat(client.read("clienti", "501.00001")).isEmpty();
    }

    @Test
    void codesWithSpacesSlashesAndPlusesReadTheirOwnRecord() {
        erp.addArticle("A B", "con spazio", "22");
        erp.addArticle("A+B", "con più", "22");
        erp.addArticle("A/B", "con barra", "22");
        erp.addArticle("AB", "semplice", "22");

        // a space sent as '+' would name "A+B", which the WebAPI reads as a two-part key
        assertThat(client.read("articoli", "A B")).hasValueSatisfying(
                a -> assertThat(a.path("descrizione").asText()).isEqualTo("con spazio"));
        assertThat(client.read("articoli", "A+B")).hasValueSatisfying(
                a -> assertThat(a.path("descrizione").asText()).isEqualTo("con più"));
        assertThat(client.read("articoli", "A/B")).hasValueSatisfying(
                a -> assertThat(a.path("descrizione").asText()).isEqualTo("con barra"));
        assertThat(client.read("articoli", "AB")).hasValueSatisfying(
                a -> assertThat(a.path("descrizione").asText()).isEqualTo("semplice"));
        assertThat(erp.requests()).extracting(r -> r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()))
                .containsExactly("/webapi/risorse/articoli/412042?encoding=hex",
                        "/webapi/risorse/articoli/412b42?encoding=hex", "/webapi/risorse/articoli/412f42?encoding=hex",
                        "/webapi/risorse/articoli/AB");
    }

    @Test
    void keysAreJoinedWithPlusAndHexEncodedPartByPartWhenAPartNeedsIt() {
        assertThat(WebApiClient.keyPath(List.of("OC", "1", "7"))).isEqualTo("OC+1+7");
        assertThat(WebApiClient.keyPath(List.of("501.00001"))).isEqualTo("501.00001");
        assertThat(WebApiClient.keyPath(List.of("A B", "1"))).isEqualTo("412042+31?encoding=hex");
        assertThat(WebApiClient.keyOf("/webapi/risorse/articoli/412042+31?encoding=hex")).isEqualTo("A B+1");
        assertThat(WebApiClient.keyOf("/webapi/risorse/documenti/ordini-clienti/OC+1+541")).isEqualTo("OC+1+541");
    }

    @Test
    void theStockListIsReadInColumnsAndItsSearchDoesNotExist() {
        erp.addArticle("CAF-1KG", "Caffè", "22");
        erp.addArticle("ZUC-1KG", "Zucchero", "10");
        erp.setStock("CAF-1KG", 1, new java.math.BigDecimal("10"), new java.math.BigDecimal("2"),
                java.math.BigDecimal.ONE);
        erp.setStock("ZUC-1KG", 2, new java.math.BigDecimal("4"), java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO);
        List<JsonNode> records = new java.util.ArrayList<>();

        client.pages("progressivi-articoli", List.of(), List.of("cod_articolo", "id_magazzino", "qta_inventario",
                "qta_scarico"), 1, (page, at) -> page.forEach(records::add));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("cod_articolo").asText()).isEqualTo("CAF-1KG");
        assertThat(records.get(0).path("qta_scarico").decimalValue()).isEqualByComparingTo("1");
        assertThat(records.get(1).path("id_magazzino").asInt()).isEqualTo(2);
        assertThat(records.get(1).has("qta_scarico")).as("zero values are not sent").isFalse();
        assertThatThrownBy(() -> client.search("progressivi-articoli", List.of(ErpFilter.equal("id_magazzino", 1))))
                .isInstanceOf(ErpException.Rejected.class).hasMessageContaining("404");
    }
}
