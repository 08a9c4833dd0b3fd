package io.sincro.shop;

import io.sincro.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How every shop connector calls its shop: through the Camel route {@code shop-http} (camel-http, timeouts
 * {@code sincro.shop.connect-timeout} and {@code sincro.shop.read-timeout}), after the {@link OutboundGuard}
 * has allowed the address — the check comes before any connection is opened. The connector signs the request
 * and reads the answer; this class only carries it.
 */
@Component
public class ShopHttp {

    /** The route every shop call goes through, and the id of its metrics. */
    public static final String ROUTE = "shop-http";

    private final OutboundHttp http;
    private final OutboundGuard guard;

    @Autowired
    public ShopHttp(CamelContext camel, ShopProperties properties) {
        this(camel, ROUTE, properties);
    }

    /** A transport with a route of another name: for a second client in the same Camel context (tests). */
    public ShopHttp(CamelContext camel, String route, ShopProperties properties) {
        this.http = new OutboundHttp(camel, route, properties.connectTimeout(), properties.readTimeout());
        this.guard = new OutboundGuard(properties.allowPrivateAddresses());
    }

    /**
     * Sends one request to a shop and returns its answer, whatever the status.
     *
     * @param shop    how messages name the shop, e.g. "Magento shop-it"
     * @param method  GET, POST, PUT, PATCH, DELETE
     * @param url     the whole URL, encoded as it is to be sent (and as it was signed)
     * @param headers the request's headers (credentials included: they are never logged)
     * @param body    the body, or null for none
     * @throws ShopException.Rejected when the address may not be called (nothing was sent);
     *         {@link ShopException.Unavailable} when its host cannot be resolved
     * @throws IOException when the shop gave no answer (unreachable, connection broken, timed out)
     */
    public OutboundHttp.Response send(String shop, String method, String url, Map<String, String> headers, String body)
            throws IOException {
        guard.check(shop, URI.create(url));
        return http.send(new OutboundHttp.Request(method, url, headers, body));
    }

    /** {@code base} with this query, names and values percent-encoded (a space as {@code %20}, never {@code +}). */
    public static String withQuery(String base, Map<String, String> query) {
        if (query.isEmpty()) {
            return base;
        }
        return base + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
