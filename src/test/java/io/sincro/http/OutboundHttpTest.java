package io.sincro.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the hub's way out does with a request and its answer, over real HTTP. */
class OutboundHttpTest {

    static final WireMockServer server = new WireMockServer(options().dynamicPort());
    static final OutboundHttp http;

    static {
        server.start();
        http = new OutboundHttp(TestHttp.camel(), "outbound-test", Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private String url(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    @Test
    void eachCallIsAnExchangeOfItsRoute() throws Exception {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        NotifyBuilder done = new NotifyBuilder(TestHttp.camel()).fromRoute("outbound-test").whenDone(2).create();

        http.send(new OutboundHttp.Request("GET", url("/a"), Map.of(), null));
        http.send(new OutboundHttp.Request("GET", url("/b"), Map.of(), null));

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theEncodedPathAndQueryAreSentAsGivenWithTheHeadersAndTheBody() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201).withHeader("Location", "/x/7")));

        OutboundHttp.Response answer = http.send(new OutboundHttp.Request("POST",
                url("/rest/V1/products/A%2FB%20C?searchCriteria%5BpageSize%5D=5&q=a%2Bb"),
                Map.of("Authorization", "Bearer t0ken", "Content-Type", "application/json", "User-Agent", "Sincro-Hub"),
                "{\"name\":\"Caffè\"}"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("location")).contains("/x/7");
        server.verify(postRequestedFor(urlEqualTo("/rest/V1/products/A%2FB%20C?searchCriteria%5BpageSize%5D=5&q=a%2Bb"))
                .withHeader("Authorization", equalTo("Bearer t0ken"))
                .withHeader("User-Agent", equalTo("Sincro-Hub"))
                .withRequestBody(equalTo("{\"name\":\"Caffè\"}")));
    }

    @Test
    void anErrorStatusIsAnAnswerAndItsHeadersAreTheResponsesOnly() throws Exception {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")
                .withBody("busy")));

        OutboundHttp.Response answer = http.send(new OutboundHttp.Request("GET", url("/busy"),
                Map.of("Authorization", "Passepartout c2VjcmV0"), null));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("busy");
        assertThat(answer.header("Retry-After")).contains("3");
        assertThat(answer.header("Authorization")).isEmpty();
        // the caller honours Retry-After: the HTTP client does not repeat the request on its own
        server.verify(1, getRequestedFor(urlEqualTo("/busy")));
    }

    @Test
    void aRedirectIsReturnedNotFollowed() throws Exception {
        server.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(302).withHeader("Location", url("/new"))));

        assertThat(http.send(new OutboundHttp.Request("GET", url("/old"), Map.of(), null)).status()).isEqualTo(302);
        server.verify(0, getRequestedFor(urlEqualTo("/new")));
    }

    @Test
    void noCookieIsKeptFromOneCallToTheNext() throws Exception {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Set-Cookie", "PHPSESSID=abc; Path=/")));

        http.send(new OutboundHttp.Request("GET", url("/first"), Map.of(), null));
        http.send(new OutboundHttp.Request("GET", url("/second"), Map.of(), null));

        server.verify(anyRequestedFor(urlEqualTo("/second")).withHeader("Cookie", absent()));
    }

    @Test
    void anAnswerSlowerThanTheResponseTimeoutIsATimeout() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(8000)));

        assertThatThrownBy(() -> http.send(new OutboundHttp.Request("GET", url("/slow"), Map.of(), null)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aKeptAliveConnectionTheOtherEndClosedIsNotUsedAgain() throws Exception {
        WireMockServer first = new WireMockServer(options().dynamicPort());
        first.start();
        int port = first.port();
        first.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
        assertThat(http.send(new OutboundHttp.Request("POST", "http://localhost:" + port + "/a", Map.of(), "{}"))
                .status()).isEqualTo(201);
        first.stop(); // closes the connection the client keeps for the next call
        WireMockServer second = new WireMockServer(options().port(port));
        second.start();
        try {
            second.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
            // a write sent on the dead connection would have no answer: an unknown outcome
            assertThat(http.send(new OutboundHttp.Request("POST", "http://localhost:" + port + "/b", Map.of(), "{}"))
                    .status()).isEqualTo(201);
        } finally {
            second.stop();
        }
    }

    @Test
    void anAddressWithNothingListeningIsAnIoFailure() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> http.send(new OutboundHttp.Request("GET", "http://localhost:" + closed + "/", Map.of(),
                null))).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aLimitedRouteHoldsAPlaceOnlyWhileACallIsOnTheWire() {
        OutboundHttp.CallLimit limit = OutboundHttp.CallLimit.of(2);
        OutboundHttp limited = new OutboundHttp(TestHttp.camel(), "outbound-limited-test", Duration.ofSeconds(5),
                Duration.ofSeconds(3), limit);
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(400)));
        server.stubFor(get(urlEqualTo("/fast")).willReturn(aResponse().withStatus(200)));

        java.util.concurrent.CompletableFuture<Integer> slow = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> send(limited, "/slow"));
        // the slow call holds one place while its answer is awaited; a second call passes through the other one
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> limit.free() == 1);
        assertThat(send(limited, "/fast")).isEqualTo(200);
        assertThat(limit.free()).isEqualTo(1);
        assertThat(slow.join()).isEqualTo(200);
        assertThat(limit.free()).isEqualTo(2);
    }

    @Test
    void aLimitedRouteNeverHasMoreCallsInFlightThanItsPlaces() {
        OutboundHttp.CallLimit limit = OutboundHttp.CallLimit.of(2);
        OutboundHttp limited = new OutboundHttp(TestHttp.camel(), "outbound-limited-cap-test", Duration.ofSeconds(5),
                Duration.ofSeconds(3), limit);
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(150)));

        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.CompletableFuture<Integer>> calls = java.util.stream.IntStream
                    .range(0, 6).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> send(limited, "/c" + i), callers))
                    .toList();
            calls.forEach(call -> assertThat(call.join()).isEqualTo(200));
        } finally {
            callers.shutdown();
        }

        // six calls of 150 ms, two at a time: the last answer comes three rounds after the first request
        java.util.List<java.util.Date> arrivals = server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate()).sorted().toList();
        assertThat(arrivals).hasSize(6);
        assertThat(arrivals.get(2).getTime() - arrivals.get(0).getTime()).isGreaterThanOrEqualTo(140);
        assertThat(arrivals.get(4).getTime() - arrivals.get(2).getTime()).isGreaterThanOrEqualTo(140);
        assertThat(limit.free()).isEqualTo(2);
    }

    @Test
    void aCallThatFailsGivesItsPlaceBack() throws Exception {
        OutboundHttp.CallLimit limit = OutboundHttp.CallLimit.of(1);
        OutboundHttp limited = new OutboundHttp(TestHttp.camel(), "outbound-limited-failure-test",
                Duration.ofSeconds(5), Duration.ofMillis(300), limit);
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> limited.send(new OutboundHttp.Request("GET", url("/late"), Map.of(), null)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(limit.free()).isEqualTo(1);
        assertThatThrownBy(() -> limited.send(new OutboundHttp.Request("GET", "http://localhost:" + closed + "/",
                Map.of(), null))).isInstanceOf(java.net.ConnectException.class);
        assertThat(limit.free()).isEqualTo(1);
    }

    private int send(OutboundHttp through, String path) {
        try {
            return through.send(new OutboundHttp.Request("GET", url(path), Map.of(), null)).status();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
