package io.sincro.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.TestSecrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The hostile-input corpus over real HTTP: every call that takes a body × {malformed JSON, empty body,
 * wrong types, bad enums, oversized body, wrong or missing content type, control characters}, and every
 * call that takes numbers in its query × bad numbers. Each answer is a 4xx problem+json naming what is
 * wrong, none a 500, and a snapshot of the store before and after shows nothing changed.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"sincro.api.max-body-size=64KB", "sincro.api.max-order-lines=50"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadInputCorpusTest {

    static final String SHOP = "corpus-shop";
    static final String STOREFRONT = "corpus-storefront";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void accounts() {
        hub = new HubClient(port);
        if (hub.get("/api/accounts/" + SHOP).status() == 404) {
            assertThat(hub.post("/api/accounts", Map.of("id", SHOP, "name", "Corpus shop", "platform", "MAGENTO",
                    "baseUrl", "http://127.0.0.1:9", "credentials", Map.of("mode", "BEARER", "accessToken",
                            TestSecrets.CORPUS_SHOP_TOKEN), "settings", Map.of("paymentMethods", Map.of("checkmo", "1"),
                            "carriers", Map.of("flatrate", "1")))).status()).isEqualTo(201);
            assertThat(hub.post("/api/accounts", Map.of("id", STOREFRONT, "name", "Corpus storefront",
                    "platform", "STOREFRONT")).status()).isEqualTo(201);
            assertThat(hub.put("/api/accounts/" + SHOP + "/schedule", Map.of("frequency", "WEEKLY", "days",
                    List.of("MONDAY"), "at", "03:00")).status()).isEqualTo(200);
        }
    }

    /** One hostile request and the field its problem must name (null: any). */
    record Case(String name, String method, String path, String contentType, String body, int status, String field) {
    }

    @Test
    void everyHostileRequestGetsAProblemDocumentAndChangesNothing() {
        Map<String, List<String>> before = snapshot();
        List<Case> corpus = new ArrayList<>();
        Map<String, String> validBodies = new LinkedHashMap<>();
        validBodies.put("POST /api/accounts", "{\"id\":\"corpus-new\",\"name\":\"New\",\"baseUrl\":\"https://shop.example.it\","
                + "\"credentials\":{\"mode\":\"BEARER\",\"accessToken\":\"" + TestSecrets.CORPUS_NEW_TOKEN + "\"}}");
        validBodies.put("PUT /api/accounts/" + SHOP, "{\"name\":\"Renamed\",\"platform\":\"MAGENTO\","
                + "\"baseUrl\":\"http://127.0.0.1:9\",\"storeCode\":\"default\",\"settings\":{\"paymentMethods\":{},"
                + "\"carriers\":{}}}");
        validBodies.put("PATCH /api/accounts/" + SHOP, "{\"name\":\"Renamed\"}");
        validBodies.put("PUT /api/accounts/" + SHOP + "/schedule", "{\"frequency\":\"DAILY\",\"at\":\"04:00\"}");
        validBodies.put("POST /api/accounts/" + SHOP + "/schedule/preview", "{\"frequency\":\"DAILY\",\"at\":\"04:00\"}");
        validBodies.put("PUT /api/erp/schedule", "{\"frequency\":\"EVERY_N_DAYS\",\"everyDays\":7,\"at\":\"04:00\"}");
        validBodies.put("POST /api/erp/schedule/preview", "{\"frequency\":\"EVERY_N_DAYS\",\"everyDays\":7}");
        validBodies.put("POST /api/orders", order("corpus-1", "2", "10.00"));

        Map<String, String[]> wrongTypes = Map.of(
                "POST /api/accounts", new String[] {"{\"id\":\"corpus-x\",\"name\":\"X\",\"settings\":{\"pageSize\":\"many\"}}",
                        "settings.pageSize"},
                "PUT /api/accounts/" + SHOP, new String[] {"{\"name\":[1,2]}", "name"},
                "PATCH /api/accounts/" + SHOP, new String[] {"{\"settings\":{\"importStatuses\":\"pending\"}}",
                        "settings.importStatuses"},
                "PUT /api/accounts/" + SHOP + "/schedule", new String[] {"{\"frequency\":\"DAILY\",\"runsPerDay\":\"three\"}",
                        "runsPerDay"},
                "POST /api/accounts/" + SHOP + "/schedule/preview", new String[] {"{\"frequency\":\"DAILY\",\"at\":\"noon\"}",
                        "at"},
                "PUT /api/erp/schedule", new String[] {"{\"frequency\":\"EVERY_N_DAYS\",\"everyDays\":{}}", "everyDays"},
                "POST /api/erp/schedule/preview", new String[] {"{\"frequency\":\"WEEKLY\",\"days\":\"MONDAY\"}", null},
                "POST /api/orders", new String[] {"{\"accountId\":\"" + STOREFRONT + "\",\"lines\":\"none\"}", "lines"});
        Map<String, String[]> badEnums = Map.of(
                "POST /api/accounts", new String[] {"{\"id\":\"corpus-y\",\"name\":\"Y\",\"platform\":\"SHOPIFY\"}", "platform"},
                "PUT /api/accounts/" + SHOP, new String[] {"{\"name\":\"Y\",\"platform\":\"EBAY\"}", "platform"},
                "PATCH /api/accounts/" + SHOP, new String[] {"{\"credentials\":{\"mode\":\"BASIC\"}}", "mode"},
                "PUT /api/accounts/" + SHOP + "/schedule", new String[] {"{\"frequency\":\"SOMETIMES\"}", "frequency"},
                "POST /api/accounts/" + SHOP + "/schedule/preview", new String[] {"{\"frequency\":\"WEEKLY\",\"days\":[\"FUNDAY\"]}",
                        "days"},
                "PUT /api/erp/schedule", new String[] {"{\"frequency\":\"YEARLY\"}", "frequency"},
                "POST /api/erp/schedule/preview", new String[] {"{\"frequency\":\"HOURLY\",\"zone\":\"Mars/Olympus\"}", "zone"},
                "POST /api/orders", new String[] {order("corpus-2", "1", "1").replace("\"SHIPPING\"", "\"TIP\""),
                        "expenses[0].kind"});
        for (Map.Entry<String, String> call : validBodies.entrySet()) {
            String method = call.getKey().split(" ")[0];
            String path = call.getKey().split(" ")[1];
            String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
            String valid = call.getValue();
            corpus.add(new Case("malformed JSON", method, path, type, valid.substring(0, valid.length() - 3), 400, "body"));
            corpus.add(new Case("empty body", method, path, type, "", 400, "body"));
            corpus.add(new Case("blank body", method, path, type, "  \n ", 400, "body"));
            corpus.add(new Case("JSON null", method, path, type, "null", 400, "body"));
            corpus.add(new Case("an array", method, path, type, "[]", 400, "body"));
            corpus.add(new Case("wrong types", method, path, type, wrongTypes.get(call.getKey())[0], 400,
                    wrongTypes.get(call.getKey())[1]));
            corpus.add(new Case("bad enum", method, path, type, badEnums.get(call.getKey())[0], 400,
                    badEnums.get(call.getKey())[1]));
            corpus.add(new Case("oversized body", method, path, type, valid.replaceFirst("\\{",
                    "{\"padding\":\"" + "x".repeat(70_000) + "\","), 413, null));
            corpus.add(new Case("JSON without content type", method, path, null, valid, 415, null));
            corpus.add(new Case("text/plain", method, path, "text/plain", valid, 415, null));
            corpus.add(new Case("form", method, path, "application/x-www-form-urlencoded", valid, 415, null));
            corpus.add(new Case("UTF-16", method, path, type + "; charset=UTF-16", valid, 415, null));
            corpus.add(new Case("control character", method, path, type,
                    valid.replaceFirst("\\{", "{\"note\":\"a\\\\u0000b\","), 400, "note"));
            corpus.add(new Case("control character in a name", method, path, type,
                    valid.replaceFirst("\\{", "{\"x\\\\u001b[2J\":1,"), 400, null));
            corpus.add(new Case("deep nesting", method, path, type, "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}",
                    400, "body"));
        }
        // calls without a body: a body that is not JSON (a browser's "simple" cross-site POST) is refused
        for (String path : List.of("/api/accounts/" + SHOP + "/sync/orders", "/api/accounts/" + SHOP + "/sync/customers",
                "/api/erp/sync/full", "/api/erp/sync/partial", "/api/accounts/" + SHOP + "/schedule/reset",
                "/api/dead-letters/1/replay")) {
            corpus.add(new Case("form to a trigger", "POST", path, "application/x-www-form-urlencoded", "run=1", 415, null));
            corpus.add(new Case("text to a trigger", "POST", path, "text/plain", "{\"run\":1}", 415, null));
        }
        corpus.add(new Case("form to a delete", "DELETE", "/api/accounts/" + SHOP, "application/x-www-form-urlencoded",
                "confirm=yes", 415, null));
        // bad numbers, instants and enums in queries
        for (String query : List.of("/api/runs?limit=abc", "/api/runs?limit=-1", "/api/runs?limit=99999999999999999999",
                "/api/orders?limit=1e3", "/api/orders?offset=-5", "/api/orders?offset=99999999999", "/api/orders?state=LOST",
                "/api/dead-letters?limit=abc", "/api/dead-letters?state=GONE",
                "/api/accounts/" + SHOP + "/schedule/preview?count=abc",
                "/api/accounts/" + SHOP + "/schedule/preview?count=100000",
                "/api/accounts/" + SHOP + "/schedule/preview?from=%2B999999999-12-31T23:59:59Z",
                "/api/accounts/" + SHOP + "/schedule/preview?from=yesterday",
                "/api/accounts/" + SHOP + "/schedule/preview?count=0")) {
            corpus.add(new Case("query " + query, "GET", query, null, null, 400, null));
        }
        corpus.add(new Case("preview body with a huge from", "POST", "/api/erp/schedule/preview?from=%2B999999999-01-01T00:00:00Z",
                "application/json", validBodies.get("POST /api/erp/schedule/preview"), 400, "from"));

        List<String> failures = new ArrayList<>();
        for (Case c : corpus) {
            HubClient.Response answer = hub.raw(c.method(), c.path(), c.contentType(), c.body());
            String label = c.name() + ": " + c.method() + " " + c.path() + " -> " + answer.status() + " [" + answer.contentType() + "] " + answer.text();
            if (answer.status() != c.status() || !answer.contentType().startsWith("application/problem+json")
                    || answer.body() == null || answer.body().path("status").asInt() != c.status()
                    || answer.body().path("title").asText().isEmpty() || answer.body().path("detail").asText().isEmpty()
                    || answer.body().path("type").asText().isEmpty()
                    || c.field() != null && !names(answer.body(), c.field())) {
                failures.add(label.length() > 400 ? label.substring(0, 400) : label);
            }
        }
        assertThat(failures).as("hostile requests answered otherwise than expected").isEmpty();
        assertThat(snapshot()).as("no hostile request changed the store").isEqualTo(before);
    }

    @Test
    void requestsThatBreakTheRulesAreRefusedNamingEachFieldAndChangeNothing() {
        Map<String, List<String>> before = snapshot();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pageSize", -5);
        settings.put("overlapMinutes", -100);
        settings.put("importStatuses", List.of());
        settings.put("fields", Map.of("vatNumber", "nonsense", "pec", "order:extension_attributes.pec"));
        settings.put("notifyEmails", List.of("not-an-address"));
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", "corpus-rules", "name", "x".repeat(201),
                "baseUrl", "https://shop.example.it", "credentials", Map.of("mode", "BEARER", "accessToken", "t"),
                "settings", settings));
        assertThat(created.status()).as(created.text()).isEqualTo(400);
        assertThat(fields(created.body())).contains("name", "settings.pageSize", "settings.overlapMinutes",
                "settings.importStatuses", "settings.fields.vatNumber", "settings.notifyEmails[0]")
                .doesNotContain("settings.fields.pec");

        HubClient.Response patched = hub.patch("/api/accounts/" + SHOP, Map.of("settings", Map.of("pageSize", 301)));
        assertThat(patched.status()).as(patched.text()).isEqualTo(400);
        assertThat(patched.body().path("errors").get(0).path("message").asText()).contains("1 to 300");

        HubClient.Response schedule = hub.put("/api/accounts/" + SHOP + "/schedule", Map.of("frequency", "WEEKLY",
                "days", List.of("MONDAY"), "at", "07:00", "runsPerDay", 4, "dayOfMonth", 3));
        assertThat(schedule.status()).as(schedule.text()).isEqualTo(400);
        assertThat(fields(schedule.body())).containsExactly("dayOfMonth", "runsPerDay");
        assertThat(schedule.body().path("errors").get(0).path("message").asText())
                .isEqualTo("does not belong to a WEEKLY schedule (it uses days, at, zone)");

        String negative = order("corpus-negative", "-5", "-100");
        HubClient.Response order = hub.raw("POST", "/api/orders", "application/json", negative);
        assertThat(order.status()).as(order.text()).isEqualTo(400);
        assertThat(fields(order.body())).contains("lines[0].quantity", "lines[0].unitPrice");

        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"A").append(i).append("\",\"quantity\":1,\"unitPrice\":1}");
        }
        HubClient.Response tooMany = hub.raw("POST", "/api/orders", "application/json",
                order("corpus-many", "1", "1").replaceFirst("\"lines\":\\[[^]]*]", "\"lines\":[" + lines + "]"));
        assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").get(0).path("field").asText()).isEqualTo("lines");
        assertThat(tooMany.body().path("errors").get(0).path("message").asText()).contains("at most 50");

        assertThat(snapshot()).as("a refused request changes nothing").isEqualTo(before);
    }

    @Test
    void aStorefrontRowWithoutADiscountIsTakenAsNone() {
        HubClient.Response posted = hub.raw("POST", "/api/orders", "application/json", order("corpus-nodiscount", "2",
                "10.00"));
        assertThat(posted.status()).as(posted.text()).isIn(201, 202);
    }

    static String order(String id, String quantity, String price) {
        return "{\"accountId\":\"" + STOREFRONT + "\",\"shopOrderId\":\"" + id + "\",\"number\":\"" + id + "\","
                + "\"currency\":\"EUR\",\"customer\":{\"email\":\"buyer@example.it\",\"firstName\":\"Anna\","
                + "\"lastName\":\"Neri\"},\"billing\":{\"firstName\":\"Anna\",\"lastName\":\"Neri\",\"street\":\"Via Roma 1\","
                + "\"city\":\"Milano\",\"postcode\":\"20100\",\"province\":\"MI\",\"country\":\"IT\"},"
                + "\"lines\":[{\"sku\":\"SKU-1\",\"name\":\"Tazza\",\"quantity\":" + quantity + ",\"unitPrice\":" + price
                + ",\"vatRate\":22}],\"expenses\":[{\"kind\":\"SHIPPING\",\"code\":\"flatrate\",\"amount\":5,\"vatRate\":22}],"
                + "\"paymentMethod\":\"checkmo\",\"grandTotal\":30}";
    }

    static boolean names(JsonNode problem, String field) {
        return fields(problem).stream().anyMatch(f -> f.equals(field) || f.endsWith("." + field)
                || f.startsWith(field + "[") || f.startsWith(field + "."));
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /**
     * Every row of every table the API could change: not Quartz's own bookkeeping, the run locks' and nodes'
     * heartbeats, the audit log (which records each refusal, as it should) nor a key's last use.
     */
    Map<String, List<String>> snapshot() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name").query(String.class).list();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            if (table.startsWith("QRTZ_") || table.equals("RUN_LOCK") || table.equals("HUB_NODE")
                    || table.equals("AUDIT_EVENT") || table.startsWith("flyway")) {
                continue;
            }
            rows.put(table, jdbc.sql("SELECT * FROM " + table).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    if (rs.getMetaData().getColumnName(i).equals("LAST_USED_AT")) {
                        continue;
                    }
                    row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                }
                return row.toString();
            }).list().stream().sorted().toList());
        }
        return rows;
    }
}
