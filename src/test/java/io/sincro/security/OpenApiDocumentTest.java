package io.sincro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.HubClient;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The OpenAPI document passes a validator and says how to authenticate and which role each call needs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theDocumentIsValidAndDeclaresTheSecuritySchemes() {
        HubClient.Response document = new HubClient(port).get("/api/openapi.json");
        assertThat(document.status()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.text(), null, options);

        assertThat(result.getMessages()).as("validator messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        assertThat(schemes.get("apiKey").getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(schemes.get("apiKey").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(schemes.get("apiKey").getName()).isEqualTo("X-API-Key");
        assertThat(schemes.get("session").getIn()).isEqualTo(SecurityScheme.In.COOKIE);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                assertThat(operation.getSecurity()).as(method + " " + path)
                        .anySatisfy(requirement -> assertThat(requirement).containsKey("apiKey"))));
        assertThat(operation(api, "/api/accounts/{id}/sync/orders", PathItem.HttpMethod.POST).getSummary())
                .endsWith("Role: OPERATOR.");
        assertThat(operation(api, "/api/accounts", PathItem.HttpMethod.POST).getSummary()).endsWith("Role: ADMIN.");
        assertThat(operation(api, "/api/runs", PathItem.HttpMethod.GET).getSummary()).endsWith("Role: VIEWER.");
    }

    @Test
    void eachOperationDeclaresTheStatusCodesItAnswersAndTimesAreHhMmStrings() {
        OpenAPI api = new OpenAPIV3Parser().readContents(new HubClient(port).get("/api/openapi.json").text(), null,
                new ParseOptions()).getOpenAPI();

        assertThat(operation(api, "/api/accounts", PathItem.HttpMethod.POST).getResponses())
                .containsKeys("201", "400", "409", "413", "415").doesNotContainKey("200");
        assertThat(operation(api, "/api/accounts/{id}/sync/orders", PathItem.HttpMethod.POST).getResponses())
                .containsKeys("202", "404", "409").doesNotContainKey("200");
        assertThat(operation(api, "/api/erp/sync/{kind}", PathItem.HttpMethod.POST).getResponses())
                .containsKeys("202", "409");
        assertThat(operation(api, "/api/orders", PathItem.HttpMethod.POST).getResponses()).containsKeys("201", "202");
        assertThat(operation(api, "/api/accounts/{id}", PathItem.HttpMethod.DELETE).getResponses())
                .containsKeys("204", "404", "409");
        assertThat(operation(api, "/api/runs/{id}", PathItem.HttpMethod.GET).getResponses()).containsKeys("200", "404");
        var schedule = api.getComponents().getSchemas().entrySet().stream()
                .filter(s -> s.getValue().getProperties() != null && s.getValue().getProperties().containsKey("windowStart"))
                .findFirst().orElseThrow().getValue();
        for (String time : java.util.List.of("at", "windowStart", "windowEnd")) {
            io.swagger.v3.oas.models.media.Schema<?> property = (io.swagger.v3.oas.models.media.Schema<?>) schedule
                    .getProperties().get(time);
            assertThat(property.getType()).as(time).isEqualTo("string");
            assertThat("08:30").matches(property.getPattern());
            assertThat("8:30:00").doesNotMatch(property.getPattern());
        }
    }

    @Test
    void theDocumentNamesTheServerItWasReadFromAndTheFormatsOfTimesAndZones() {
        OpenAPI api = new OpenAPIV3Parser().readContents(new HubClient(port).get("/api/openapi.json").text(), null,
                new ParseOptions()).getOpenAPI();

        assertThat(api.getServers()).isNotEmpty();
        assertThat(api.getServers().get(0).getUrl()).isEqualTo("http://127.0.0.1:" + port);
        HubClient.Response proxied = new HubClient(port).send("GET", "/api/openapi.json", null, null,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "hub.example.it"));
        assertThat(proxied.body().path("servers").get(0).path("url").asText()).isEqualTo("https://hub.example.it");
        java.util.List<String> wrong = new java.util.ArrayList<>();
        api.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getProperties() == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, io.swagger.v3.oas.models.media.Schema<?>> properties =
                    (Map<String, io.swagger.v3.oas.models.media.Schema<?>>) (Map<?, ?>) schema.getProperties();
            properties.forEach((property, p) -> {
                if (property.matches(".*At|since|watermark(From|To)|orderWatermark") && !"date-time".equals(p.getFormat())) {
                    wrong.add(name + "." + property + " is not a date-time");
                }
                if (property.equals("zone") && (p.getDescription() == null || !p.getDescription().contains("IANA"))) {
                    wrong.add(name + "." + property + " does not say it is an IANA zone");
                }
            });
        });
        assertThat(wrong).isEmpty();
        var run = api.getComponents().getSchemas().get("SyncRun");
        assertThat(run.getProperties()).containsKeys("progress", "startedAt", "requestedKind");
        assertThat(operation(api, "/api/orders/{id}/retry", PathItem.HttpMethod.POST).getResponses())
                .containsKeys("200", "404", "409");
        assertThat(operation(api, "/api/orders", PathItem.HttpMethod.GET).getParameters())
                .extracting(io.swagger.v3.oas.models.parameters.Parameter::getName)
                .contains("number", "erpKey", "customer", "state", "account");
    }

    private static Operation operation(OpenAPI api, String path, PathItem.HttpMethod method) {
        return api.getPaths().get(path).readOperationsMap().get(method);
    }
}
