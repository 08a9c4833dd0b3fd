package io.sincro.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.erp.ErpProperties;
import io.sincro.erp.WebApiClient;
import io.sincro.shop.ShopHttp;
import io.sincro.shop.ShopProperties;
import io.sincro.shop.magento.MagentoClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel routes a client built outside the hub (a test of the client alone) sends its requests through:
 * one Camel context for the test JVM, one route per client, as the hub has one per client.
 */
public final class TestHttp {

    private static final AtomicInteger ROUTES = new AtomicInteger();
    private static final CamelContext CAMEL = start();

    private TestHttp() {
    }

    private static CamelContext start() {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        return camel;
    }

    /** The Camel context of the clients made here. */
    public static CamelContext camel() {
        return CAMEL;
    }

    /** A shop transport with these timeouts and this address policy. */
    public static ShopHttp shop(ShopProperties properties) {
        return new ShopHttp(CAMEL, "shop-http-" + ROUTES.incrementAndGet(), properties);
    }

    /** The ERP transport of a client with these properties. */
    public static OutboundHttp erp(ErpProperties properties) {
        return WebApiClient.transport(CAMEL, "erp-http-" + ROUTES.incrementAndGet(), properties);
    }

    /** A Magento client on its own, its calls through a route of this context. */
    public static MagentoClient magento(ObjectMapper json, ShopProperties properties) {
        return new MagentoClient(json, properties, shop(properties));
    }

    /** A WebAPI client on its own (no login guard), its calls through a route of this context. */
    public static WebApiClient webApi(ErpProperties properties, ObjectMapper json) {
        return new WebApiClient(properties, json, erp(properties));
    }
}
