package io.sincro.shop.prestashop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.ErpDocumentSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.PrestaShopSettings;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopProperties;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A PrestaShop webservice on real HTTP for the connector's tests (WireMock): answers stubbed per resource,
 * in the shapes of shop-apis B4 (JSON with string scalars, {@code []} for an empty list, the error
 * envelope), every request recorded with its decoded query.
 */
final class PrestaShopWebservice implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A webservice key as the back office makes them: 32 letters and digits. */
    static final String KEY = "ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    PrestaShopWebservice() {
        server.start();
        // the configurations of a fresh install, Italian clock and euro
        configurations(Map.of("PS_OS_CHEQUE", "1", "PS_OS_PAYMENT", "2", "PS_OS_PREPARATION", "3", "PS_OS_SHIPPING", "4",
                "PS_OS_CANCELED", "6", "PS_OS_BANKWIRE", "10", "PS_OS_WS_PAYMENT", "11", "PS_OS_COD_VALIDATION", "13",
                "PS_TIMEZONE", "Europe/Rome", "PS_CURRENCY_DEFAULT", "1"));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    ShopAccount account() {
        return account(PrestaShopSettings.defaults(), ErpDocumentSettings.defaults(), 50, null);
    }

    ShopAccount account(PrestaShopSettings prestashop, ErpDocumentSettings erp, int pageSize, CatalogueSettings catalogue) {
        AccountSettings settings = new AccountSettings(null, false, null, Map.of("ps_wirepayment", "BB"),
                Map.of("3", "DHL"), null, null, pageSize, null, erp, null, null, catalogue, prestashop);
        return new ShopAccount("ps-it", "PrestaShop IT", Platform.PRESTASHOP, baseUrl(), "default",
                new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, null, null, KEY, null), settings, null);
    }

    static PrestaShopClient client() {
        return new PrestaShopClient(JSON,
                new ShopProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(2), true));
    }

    void configurations(Map<String, String> values) {
        StringBuilder rows = new StringBuilder();
        values.forEach((name, value) -> rows.append(rows.isEmpty() ? "" : ",")
                .append("{\"name\":\"").append(name).append("\",\"value\":\"").append(value).append("\",\"id_shop\":\"\"}"));
        stub(get(urlPathEqualTo("/api/configurations")), 200, "{\"configurations\":[" + rows + "]}");
    }

    /** Answers GET {@code /api/<resource>} (any query) with this JSON. */
    void answer(String resource, String json) {
        stub(get(urlPathEqualTo("/api/" + resource)), 200, json);
    }

    void stub(MappingBuilder request, int status, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", body.startsWith("<") ? "text/xml;charset=utf-8" : "application/json")
                .withBody(body)));
    }

    void stubAny(String path, int status, String body) {
        stub(any(urlPathEqualTo(path)), status, body);
    }

    List<LoggedRequest> requests() {
        List<LoggedRequest> oldestFirst = new java.util.ArrayList<>(server.getAllServeEvents().stream()
                .map(e -> e.getRequest()).toList());
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    List<LoggedRequest> requests(String method, String path) {
        return requests().stream().filter(r -> r.getMethod().getName().equals(method) && r.getUrl().split("\\?")[0]
                .equals(path)).toList();
    }

    /** The decoded value of one query parameter of a request. */
    static String query(LoggedRequest request, String name) {
        String raw = request.getUrl().contains("?") ? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "";
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
