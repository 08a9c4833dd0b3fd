package io.sincro.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One way out of the hub to a system it calls (a shop, the ERP's WebAPI): every request goes through a
 * route of its own ({@code direct:<route>} to a camel-http endpoint), so each call is an exchange of that
 * route — in its route metrics, with the endpoint's connect and response timeouts — and the route is listed
 * with the others. One endpoint per route, whatever the address: the whole URL travels in
 * {@code CamelHttpUri}, so there is one HTTP client and one pool of connections, reused from call to call.
 *
 * <p>The answer comes back whatever its status ({@code throwExceptionOnFailure=false}): the caller decides
 * what a status means, as it did before the calls went through Camel; it carries the response's headers only
 * ({@code copyHeaders=false}), never the request's credentials. The HTTP client neither follows a
 * redirect (the request carries credentials meant for that address only), nor retries on its own (a 429
 * or a 503 is the caller's to honour, a write is never sent twice behind the caller's back), nor keeps
 * cookies (each call stands alone). A kept-alive connection is checked before it is used again: the far end
 * may have closed it meanwhile (its keep-alive timeout, a restart), and a request sent on it would fail
 * with no answer — for a write, an unknown outcome. The route has no error handler: a failure to connect or a timeout
 * reaches the caller as the {@link IOException} it is, and nothing logs the exchange, whose headers hold
 * the credentials.
 */
public final class OutboundHttp {

    /** A request: the method, the whole URL already encoded (path and query as they are to be sent), headers, body (null: none). */
    public record Request(String method, String url, Map<String, String> headers, String body) {
    }

    /** An answer of any status: the body as text (UTF-8) and the response headers (names case-insensitive). */
    public record Response(int status, String body, Map<String, Object> headers) {

        public Optional<String> header(String name) {
            for (Map.Entry<String, Object> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name) && h.getValue() != null) {
                    Object value = h.getValue();
                    return Optional.of(value instanceof Iterable<?> many ? String.valueOf(many.iterator().next())
                            : value.toString());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * How many calls the far end serves at once (the ERP's pool of services): a call holds one of its places
     * from the moment its request goes out on a connection ready for it (opened, or checked after a rest) until
     * its answer arrives, and waits for a free place just before that. What the hub does around a call (the
     * exchange, the connection's check, reading the answer's body) takes no place, so no place stays idle
     * while a call is being prepared or read.
     */
    public static final class CallLimit {

        private final java.util.concurrent.Semaphore places;

        private CallLimit(int places) {
            // not fair: a call ready now takes a place given back now, without waking a waiting thread first
            this.places = new java.util.concurrent.Semaphore(places, false);
        }

        /** At most {@code places} calls in flight at once. */
        public static CallLimit of(int places) {
            if (places < 1) {
                throw new IllegalArgumentException("at least one call at a time, not " + places);
            }
            return new CallLimit(places);
        }

        /** The places free now. */
        public int free() {
            return places.availablePermits();
        }

        void enter() {
            places.acquireUninterruptibly();
        }

        void leave() {
            places.release();
        }
    }

    private final ProducerTemplate producer;
    private final Endpoint entry;
    private final String route;

    /**
     * Adds the route {@code route} to {@code camel} (started with the context, or at once when it runs), with
     * no limit on the calls in flight.
     *
     * @param connectTimeout  how long a connection may take to open
     * @param responseTimeout how long the answer may take once the request is sent
     */
    public OutboundHttp(CamelContext camel, String route, Duration connectTimeout, Duration responseTimeout) {
        this(camel, route, connectTimeout, responseTimeout, null);
    }

    /**
     * As above, with at most as many calls in flight as {@code limit} has places (null: no limit).
     */
    public OutboundHttp(CamelContext camel, String route, Duration connectTimeout, Duration responseTimeout,
            CallLimit limit) {
        this.route = route;
        String configurer = route + "-http-client";
        camel.getRegistry().bind(configurer, HttpClientConfigurer.class, new StandAlone(limit));
        String uri = "http://" + route + "?throwExceptionOnFailure=false&followRedirects=false&copyHeaders=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + responseTimeout.toMillis()
                + "&httpClientConfigurer=#" + configurer;
        HttpEndpoint endpoint = camel.getEndpoint(uri, HttpEndpoint.class);
        if (endpoint.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager connections) {
            connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofMilliseconds(connectTimeout.toMillis()))
                    .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS).build());
        }
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:" + route).routeId(route)
                            .errorHandler(noErrorHandler())
                            .to(endpoint).id(route + "-call");
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the route " + route, e);
        }
        this.entry = camel.getEndpoint("direct:" + route);
        this.producer = camel.createProducerTemplate();
    }

    /** The route's id (and its {@code direct:} name). */
    public String route() {
        return route;
    }

    /**
     * Sends one request and returns the answer, whatever its status.
     *
     * @throws IOException when no answer came: the address cannot be reached, the connection broke, or the
     *         answer took longer than the response timeout ({@link java.net.SocketTimeoutException})
     */
    public Response send(Request request) throws IOException {
        Exchange done;
        try {
            done = producer.send(entry, exchange -> {
                Message in = exchange.getIn();
                in.setHeader(Exchange.HTTP_METHOD, request.method().toUpperCase(Locale.ROOT));
                in.setHeader(Exchange.HTTP_URI, request.url());
                request.headers().forEach(in::setHeader);
                if (request.body() != null) {
                    in.setBody(request.body().getBytes(StandardCharsets.UTF_8));
                }
            });
        } catch (CamelExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        }
        if (done.getException() != null) {
            throw failure(done.getException());
        }
        Message answer = done.getMessage();
        byte[] body = answer.getBody(byte[].class);
        return new Response(answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                body == null ? "" : new String(body, StandardCharsets.UTF_8), answer.getHeaders());
    }

    private static IOException failure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(e);
    }

    /**
     * What the HTTP client does on its own, turned off: no retries (Apache HttpClient repeats an idempotent
     * request after an I/O error and honours 429/503 itself by default), no cookies. With a {@link CallLimit},
     * a step of the client's chain between the connection (leased, checked, opened) and the exchange on it holds
     * a place for the time the request and its answer's head take.
     */
    static final class StandAlone implements HttpClientConfigurer {

        private final CallLimit limit;

        StandAlone(CallLimit limit) {
            this.limit = limit;
        }

        @Override
        public void configureHttpClient(org.apache.hc.client5.http.impl.classic.HttpClientBuilder builder) {
            builder.disableAutomaticRetries().disableCookieManagement();
            if (limit != null) {
                builder.addExecInterceptorAfter(org.apache.hc.client5.http.impl.ChainElement.CONNECT.name(),
                        "sincro-call-limit", (request, scope, chain) -> {
                            limit.enter();
                            try {
                                return chain.proceed(request, scope);
                            } finally {
                                limit.leave();
                            }
                        });
            }
        }
    }
}
