package io.sincro.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sincro.TestShops;
import io.sincro.erp.WebApiClient;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.shop.ShopHttp;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In the hub, the shops' and the ERP's calls are exchanges of the routes {@code shop-http} and
 * {@code erp-http}: listed with the other routes, counted in the route metrics — and, with the HTTP
 * client's and camel-http's debug logging on, their credentials are in no log line.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.apache.hc.client5.http=DEBUG", "logging.level.org.apache.camel.component.http=DEBUG"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OutboundRoutesTest {

    static final ErpSimulator erp = TestShops.startErp();
    static final WireMockServer shop = new WireMockServer(options().dynamicPort());

    static {
        shop.start();
        shop.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
    }

    @AfterAll
    static void stopOutsideWorld() {
        erp.close();
        shop.stop();
    }

    @Autowired
    CamelContext camel;
    @Autowired
    WebApiClient webApi;
    @Autowired
    ShopHttp shopHttp;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double exchanges(String route) {
        io.micrometer.core.instrument.Meter meter = meters.find("camel.exchanges.total").tag("routeId", route).meter();
        assertThat(meter).as("camel.exchanges.total of " + route).isNotNull();
        double total = 0;
        for (io.micrometer.core.instrument.Measurement m : meter.measure()) {
            total += m.getValue();
        }
        return total;
    }

    @Test
    void theCallsAreExchangesOfTheirRoutesInTheMetricsAndTheirCredentialsInNoLog(CapturedOutput output)
            throws Exception {
        assertThat(camel.getRoute("shop-http")).isNotNull();
        assertThat(camel.getRoute("erp-http")).isNotNull();

        webApi.read("clienti", "501.00001");
        shopHttp.send("Magento test", "GET", "http://127.0.0.1:" + shop.port() + "/rest/V1/orders",
                Map.of("Authorization", "Bearer shop-secret-t0ken"), null);

        // what /actuator/prometheus shows as camel_exchanges_total{routeId="erp-http",…}
        assertThat(exchanges("erp-http")).isPositive();
        assertThat(exchanges("shop-http")).isPositive();
        String erpToken = java.util.Base64.getEncoder().encodeToString((TestShops.ERP_USER.user() + ":"
                + TestShops.ERP_USER.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(output.getAll()).contains("/rest/V1/orders") // camel-http's debug line: the logging is on
                .doesNotContain("shop-secret-t0ken")
                .doesNotContain(erpToken);
    }
}
