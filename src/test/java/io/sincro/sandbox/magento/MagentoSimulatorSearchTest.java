package io.sincro.sandbox.magento;

import static io.sincro.sandbox.magento.MagentoTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /V1/orders and /V1/customers/search over real HTTP: filters, sorting, paging, envelopes, 404s. */
class MagentoSimulatorSearchTest {

    private static final Instant NEWEST = Instant.parse("2024-05-14T09:20:41Z");
    private static final String ORDERS = "/rest/default/V1/orders";

    private static MagentoSimulator simulator;
    private static MagentoTestClient client;

    @BeforeAll
    static void start() {
        simulator = MagentoSimulator.start(0, "default", MagentoTestClient.CREDENTIALS,
                SandboxShop.generate(42, 250, NEWEST));
        client = new MagentoTestClient(simulator, MagentoTestClient.CREDENTIALS);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void reset() {
        simulator.resetFaults();
    }

    @Test
    void pagesOfOneHundredOverTwoHundredFiftyOrdersAreFullFullHalfThenEmpty() {
        assertPage(1, 100, 1000, 1099);
        assertPage(2, 100, 1100, 1199);
        assertPage(3, 50, 1200, 1249);
        MagentoTestClient.Response fourth = client.get(ORDERS, page(4));
        assertThat(fourth.status()).isEqualTo(200);
        assertThat(fourth.body().get("items")).isEmpty();
        assertThat(fourth.body().get("total_count").asInt()).isEqualTo(250);
    }

    @Test
    void legacyPagingRepeatsTheLastPagePastTheEnd() {
        simulator.legacyPaging(true);
        List<Long> third = entityIds(client.get(ORDERS, page(3)).body());
        List<Long> fourth = entityIds(client.get(ORDERS, page(4)).body());
        assertThat(fourth).hasSize(50).isEqualTo(third);
    }

    @Test
    void updatedAtFromAWatermarkSortedAscendingReturnsExactlyTheNewerOrdersOldestFirst() {
        String watermark = "2024-05-13 12:00:00";
        List<Long> expected = simulator.shop().orders().stream()
                .filter(o -> o.get("updated_at").asText().compareTo(watermark) >= 0)
                .sorted(Comparator.<ObjectNode, String>comparing(o -> o.get("updated_at").asText())
                        .thenComparingLong(o -> o.get("entity_id").asLong()))
                .map(o -> o.get("entity_id").asLong()).toList();

        MagentoTestClient.Response response = client.get(ORDERS, query(
                "searchCriteria[filter_groups][0][filters][0][field]", "updated_at",
                "searchCriteria[filter_groups][0][filters][0][value]", watermark,
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "gteq",
                "searchCriteria[sortOrders][0][field]", "updated_at",
                "searchCriteria[sortOrders][0][direction]", "ASC",
                "searchCriteria[pageSize]", "300",
                "searchCriteria[currentPage]", "1"));

        assertThat(expected).hasSizeBetween(2, 249);
        assertThat(entityIds(response.body())).isEqualTo(expected);
        assertThat(response.body().get("total_count").asInt()).isEqualTo(expected.size());
        assertThat(response.body().at("/search_criteria/filter_groups/0/filters/0/value").asText()).isEqualTo(watermark);
        assertThat(response.body().at("/search_criteria/sort_orders/0/direction").asText()).isEqualTo("ASC");
        assertThat(response.body().at("/search_criteria/page_size").asInt()).isEqualTo(300);
    }

    @Test
    void statusInFilterAndedWithAnotherGroupUsingTheCamelCaseSpelling() {
        MagentoTestClient.Response response = client.get(ORDERS, query(
                "searchCriteria[filterGroups][0][filters][0][field]", "status",
                "searchCriteria[filterGroups][0][filters][0][value]", "canceled,complete",
                "searchCriteria[filterGroups][0][filters][0][conditionType]", "in",
                "searchCriteria[filterGroups][1][filters][0][field]", "entity_id",
                "searchCriteria[filterGroups][1][filters][0][value]", "1100",
                "searchCriteria[filterGroups][1][filters][0][conditionType]", "lt"));

        List<Long> expected = new ArrayList<>();
        for (long e = 1000; e < 1100; e++) {
            if (Set.of("canceled", "complete").contains(SandboxOrderGenerator.stateOf(e))) {
                expected.add(e);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(entityIds(response.body())).isEqualTo(expected);
    }

    @Test
    void filtersInOneGroupAreOredAndFromToInOneGroupIsARange() {
        MagentoTestClient.Response ored = client.get(ORDERS, query(
                "searchCriteria[filter_groups][0][filters][0][field]", "increment_id",
                "searchCriteria[filter_groups][0][filters][0][value]", "000001007",
                "searchCriteria[filter_groups][0][filters][1][field]", "entity_id",
                "searchCriteria[filter_groups][0][filters][1][value]", "1200"));
        assertThat(entityIds(ored.body())).containsExactly(1007L, 1200L);

        MagentoTestClient.Response range = client.get(ORDERS, query(
                "searchCriteria[filter_groups][0][filters][0][field]", "entity_id",
                "searchCriteria[filter_groups][0][filters][0][value]", "1010",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "from",
                "searchCriteria[filter_groups][0][filters][1][field]", "entity_id",
                "searchCriteria[filter_groups][0][filters][1][value]", "1013",
                "searchCriteria[filter_groups][0][filters][1][condition_type]", "to"));
        assertThat(entityIds(range.body())).containsExactly(1010L, 1011L, 1012L, 1013L);
    }

    @Test
    void guestOrdersHaveNoCustomerIdAndMatchTheNullCondition() {
        MagentoTestClient.Response guests = client.get(ORDERS, query(
                "searchCriteria[filter_groups][0][filters][0][field]", "customer_id",
                "searchCriteria[filter_groups][0][filters][0][value]", "1",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "null",
                "searchCriteria[filter_groups][1][filters][0][field]", "entity_id",
                "searchCriteria[filter_groups][1][filters][0][value]", "1000,1001,1002,1003,1004",
                "searchCriteria[filter_groups][1][filters][0][condition_type]", "in"));

        assertThat(entityIds(guests.body())).containsExactly(1000L, 1001L, 1003L, 1004L);
        guests.body().get("items").forEach(order -> {
            assertThat(order.has("customer_id")).isFalse();
            assertThat(order.get("customer_is_guest").asInt()).isEqualTo(1);
        });
    }

    @Test
    void likeIsCaseInsensitiveWithPercentWildcardsAndDefaultSortIsDescending() {
        ObjectNode order = simulator.shop().order(1010);
        String email = order.get("customer_email").asText();
        String pattern = "%" + email.substring(1, email.indexOf('@')).toUpperCase() + "%";

        MagentoTestClient.Response response = client.get(ORDERS, query(
                "searchCriteria[filter_groups][0][filters][0][field]", "customer_email",
                "searchCriteria[filter_groups][0][filters][0][value]", pattern,
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "like",
                "searchCriteria[sortOrders][0][field]", "entity_id"));

        List<Long> ids = entityIds(response.body());
        assertThat(ids).contains(1010L);
        assertThat(ids).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void noPageSizeReturnsAllMatchesAndTooLargeAPageSizeIsRefused() {
        MagentoTestClient.Response all = client.get(ORDERS, query("searchCriteria", ""));
        assertThat(all.body().get("items")).hasSize(250);

        MagentoTestClient.Response tooLarge = client.get(ORDERS, query("searchCriteria[pageSize]", "301"));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body().get("message").asText()).isEqualTo("Maximum SearchCriteria pageSize is 300");
    }

    @Test
    void missingSearchCriteriaIsARequiredFieldError() {
        MagentoTestClient.Response response = client.get(ORDERS, Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/parameters/fieldName").asText()).isEqualTo("searchCriteria");
    }

    @Test
    void singleOrderByIdAndItsNotFoundBody() {
        MagentoTestClient.Response found = client.get("/rest/V1/orders/1042", Map.of());
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("increment_id").asText()).isEqualTo("000001042");
        assertThat(found.header("Content-Type")).isEqualTo("application/json; charset=utf-8");

        MagentoTestClient.Response missing = client.get(ORDERS + "/999", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("message").asText())
                .isEqualTo("The entity that was requested doesn't exist. Verify the entity and try again.");
    }

    @Test
    void unknownStoreAndUnknownRouteAnswerMagentosNotFoundBodies() {
        MagentoTestClient.Response store = client.get("/rest/nowhere/V1/orders", query("searchCriteria", ""));
        assertThat(store.status()).isEqualTo(404);
        assertThat(store.body().get("message").asText())
                .isEqualTo("The store that was requested wasn't found. Verify the store and try again.");

        MagentoTestClient.Response route = client.get("/rest/default/V1/invoicez", Map.of());
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.body().get("message").asText()).isEqualTo("Request does not match any route.");
    }

    @Test
    void customerByIdAndCustomerSearchByEmail() {
        ObjectNode first = simulator.shop().customers().get(0);
        long id = first.get("id").asLong();

        MagentoTestClient.Response byId = client.get("/rest/default/V1/customers/" + id, Map.of());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().toString()).isEqualTo(first.toString());
        assertThat(byId.body().get("default_billing").isTextual()).isTrue();
        assertThat(byId.body().at("/addresses/0/default_billing").isBoolean()).isTrue();

        MagentoTestClient.Response search = client.get("/rest/default/V1/customers/search", query(
                "searchCriteria[filter_groups][0][filters][0][field]", "email",
                "searchCriteria[filter_groups][0][filters][0][value]", first.get("email").asText(),
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "eq"));
        assertThat(search.body().get("total_count").asInt()).isEqualTo(1);
        assertThat(search.body().at("/items/0/id").asLong()).isEqualTo(id);

        MagentoTestClient.Response missing = client.get("/rest/default/V1/customers/987654", Map.of());
        assertThat(missing.status()).isEqualTo(404);
    }

    private static void assertPage(int page, int size, long firstId, long lastId) {
        MagentoTestClient.Response response = client.get(ORDERS, page(page));
        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = entityIds(response.body());
        assertThat(ids).hasSize(size);
        assertThat(ids.get(0)).isEqualTo(firstId);
        assertThat(ids.get(ids.size() - 1)).isEqualTo(lastId);
        assertThat(response.body().get("total_count").asInt()).isEqualTo(250);
        assertThat(response.body().at("/search_criteria/current_page").asInt()).isEqualTo(page);
    }

    private static Map<String, String> page(int page) {
        return query("searchCriteria[sortOrders][0][field]", "entity_id",
                "searchCriteria[sortOrders][0][direction]", "asc",
                "searchCriteria[pageSize]", "100",
                "searchCriteria[currentPage]", Integer.toString(page));
    }

    static List<Long> entityIds(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.get("items").forEach(item -> ids.add(item.get("entity_id").asLong()));
        return ids;
    }
}
