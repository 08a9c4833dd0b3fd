package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a WebAPI simulator per test and talks to it over real HTTP with java.net.http, writing the
 * Passepartout headers itself (independently of the simulator's parser).
 */
abstract class AbstractErpSimulatorTest {

    static final String COMPANY = "SIN";
    static final ErpSimulator.Credentials CREDENTIALS = new ErpSimulator.Credentials("WEBAPI1", "pa:ss w0rd", null);
    static final String COORDINATES = "Azienda=SIN Anno=2026 Magazzino=1";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One answer: status, raw body, parsed body (null when empty), headers. */
    record Answer(int status, String raw, JsonNode body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String detail() {
            return body == null ? null : body.path("error").path("response-detail").asText(null);
        }
    }

    protected ErpSimulator simulator;
    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startSimulator() {
        simulator = ErpSimulator.start(0, COMPANY, CREDENTIALS, 5);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    static String passepartout(String user, String password) {
        return "Passepartout " + base64(user + ":" + password);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String authorization() {
        return passepartout(CREDENTIALS.user(), CREDENTIALS.password());
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer get(String path) {
        return call("GET", path, null, authorization(), COORDINATES);
    }

    Answer post(String path, String body) {
        return call("POST", path, body, authorization(), COORDINATES);
    }

    Answer put(String path, String body) {
        return call("PUT", path, body, authorization(), COORDINATES);
    }

    /** {@code path} is relative to {@link ErpSimulator#baseUrl()}, e.g. {@code /risorse/clienti}. */
    Answer call(String method, String path, String body, String authorization, String coordinates) {
        try {
            HttpResponse<String> response = http.send(request(method, path, body, authorization, coordinates).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String method, String path, String body, String authorization, String coordinates) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (coordinates != null) {
            request.header("Coordinate-Gestionale", coordinates);
        }
        return request;
    }

    static Answer answer(HttpResponse<String> response) {
        String raw = response.body();
        return new Answer(response.statusCode(), raw, raw == null || raw.isEmpty() ? null : json(raw),
                response.headers());
    }

    /**
     * The stock progressives as the WebAPI lists them ({@code GET progressivi-articoli}, in columns: each field
     * a list of {@code [record_index, value]}), turned into one object per record, of the articles and
     * warehouse asked for (the list has no filters: the caller picks).
     */
    java.util.List<JsonNode> progressives(String article, Integer warehouse) {
        Answer list = get("/risorse/progressivi-articoli");
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        assertThat(list.body().has("dati")).as("columnar, not dati").isFalse();
        java.util.Map<Integer, ObjectNode> records = new java.util.TreeMap<>();
        list.body().properties().forEach(column -> {
            if (column.getValue().isArray()) {
                column.getValue().forEach(tuple -> records.computeIfAbsent(tuple.get(0).asInt(),
                        index -> MAPPER.createObjectNode()).set(column.getKey(), tuple.get(1)));
            }
        });
        return records.values().stream()
                .filter(r -> article == null || article.equals(r.path("cod_articolo").asText()))
                .filter(r -> warehouse == null || warehouse == r.path("id_magazzino").asInt())
                .map(JsonNode.class::cast).toList();
    }

    /** The key at the end of a Location header: {@code /webapi/risorse/clienti/501.00001} → {@code 501.00001}. */
    static String keyOf(Answer created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void addCustomer(String code, String name) {
        simulator.addCustomer(MAPPER.createObjectNode().put("codice", code).put("ragione_sociale", name));
    }
}
