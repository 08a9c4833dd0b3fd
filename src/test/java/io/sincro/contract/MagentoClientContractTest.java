package io.sincro.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.TestShops;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.OrderPoll;
import io.sincro.shop.Platform;
import io.sincro.shop.RawShopOrder;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopProperties;
import io.sincro.shop.magento.MagentoClient;
import io.sincro.shop.magento.MagentoCustomers;
import io.sincro.shop.magento.MagentoFulfilment;
import io.sincro.shop.magento.MagentoOrderMapper;
import io.sincro.shop.magento.MagentoOrders;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of call the hub's Magento client makes (order poll, order, customer, customer search,
 * shipments and invoices looked up, ship, invoice, cancel), sent over real HTTP to the Magento simulator
 * and captured there, conforms to Magento's REST schema; and the simulator, checked against the same
 * facts, answers them with fields the schema declares, of its types, and refuses calls the schema lacks.
 */
class MagentoClientContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MagentoContract CONTRACT = MagentoContract.load();
    static final List<MagentoSimulator.ObservedRequest> captured = new CopyOnWriteArrayList<>();
    static final MagentoSimulator shop = MagentoSimulator.start(0, "it", TestShops.SHOP,
            SandboxShop.generate(41, 30, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    static final MagentoClient client = new MagentoClient(JSON,
            new ShopProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(2), true));

    static {
        MagentoSimulator.observeAll(observed -> {
            if (observed.request().path().startsWith("/rest/") && MagentoClient.USER_AGENT.equals(observed.userAgent())) {
                captured.add(observed);
            }
        });
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void everyCallOfTheHubsMagentoClientIsInTheSchemaAndTheSimulatorAnswersAsTheSchemaSays() {
        captured.clear();
        ShopAccount account = account();
        driveEveryClientCall(account);

        List<String> violations = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (MagentoSimulator.ObservedRequest observed : captured) {
            var r = observed.request();
            violations.addAll(CONTRACT.violations(r.method(), r.path(), r.rawQuery(), r.body()));
            Optional<MagentoContract.Operation> op = CONTRACT.operation(r.method(), r.path());
            op.ifPresent(o -> covered.add(o.name()));
            if (op.isPresent() && r.status() == 200 && observed.answer() != null) {
                violations.addAll(CONTRACT.answerViolations(op.get(), observed.answer()));
            }
        }

        assertThat(violations).isEmpty();
        assertThat(covered).contains("GET /V1/orders", "GET /V1/orders/{id}", "GET /V1/customers/{customerId}",
                "GET /V1/customers/search", "GET /V1/shipments", "GET /V1/invoices", "POST /V1/order/{orderId}/ship",
                "POST /V1/order/{orderId}/invoice", "POST /V1/orders/{id}/cancel");
    }

    @Test
    void theSimulatorRefusesCallsTheSchemaLacks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] call : List.of(new String[] {"DELETE", "/rest/it/V1/orders/1"},
                new String[] {"GET", "/rest/it/V1/orders/1/items"}, new String[] {"PUT", "/rest/it/V1/order/1/ship"},
                new String[] {"GET", "/rest/it/V1/progressivi"})) {
            assertThat(CONTRACT.operation(call[0], call[1])).isEmpty();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + call[1]))
                    .method(call[0], HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + TestShops.SHOP.accessToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(call[0] + " " + call[1]).isIn(404, 405);
        }
    }

    /** The same calls the flows make, through the hub's own classes. */
    private static void driveEveryClientCall(ShopAccount account) {
        // order poll (as the order sync), each order mapped with a customer mapping (as the import)
        MagentoOrders orders = new MagentoOrders(client);
        OrderPoll poll = new OrderPoll(account, Instant.EPOCH);
        List<RawShopOrder> page = orders.nextPage(poll);
        assertThat(page).isNotEmpty();
        RawShopOrder registered = page.stream().filter(o -> o.payload().path("customer_is_guest").asInt() == 0)
                .findFirst().orElseThrow();
        mapRegistered(account, registered);
        // customer sync
        MagentoCustomers customers = new MagentoCustomers(client);
        customers.get(account, registered.payload().path("customer_id").asText());
        customers.changedAfter(account, Instant.EPOCH, c -> { });
        // push-back: read, look for earlier documents, ship, invoice, cancel
        MagentoFulfilment fulfilment = new MagentoFulfilment(client, JSON);
        ObjectNode open = shop.shop().orders().stream().filter(o -> o.path("state").asText().equals("new")
                        || o.path("state").asText().equals("pending"))
                .findFirst().orElseGet(() -> shop.shop().orders().get(0));
        long id = open.path("entity_id").asLong();
        MagentoFulfilment.ShopOrder read = fulfilment.order(account, id);
        fulfilment.shipmentMarked(account, id, "[sincro:BC+1+1]");
        fulfilment.invoiceMarked(account, id, "[sincro:FT+1+1]");
        long itemId = read.items().get(0).itemId();
        tryCall(() -> fulfilment.ship(account, id, Map.of(itemId, BigDecimal.ONE),
                new MagentoFulfilment.Track("0034043416", "DHL", "dhl"), "Delivery note BC+1+1 [sincro:BC+1+1]"));
        tryCall(() -> fulfilment.invoice(account, id, Map.of(itemId, BigDecimal.ONE), "Invoice FT+1+1 [sincro:FT+1+1]"));
        // the documents just made, looked up as before a retry (their answers are checked too)
        fulfilment.shipmentMarked(account, id, "[sincro:BC+1+1]");
        fulfilment.invoiceMarked(account, id, "[sincro:FT+1+1]");
        ObjectNode another = shop.shop().orders().get(shop.shop().orders().size() - 1);
        tryCall(() -> fulfilment.cancel(account, another.path("entity_id").asLong()));
    }

    /** The mapper reads the customer record when a fiscal field is mapped to it. */
    private static void mapRegistered(ShopAccount account, RawShopOrder raw) {
        new MagentoOrderMapper(client).toOrder(account, raw);
    }

    /** A refusal by the shop's rules (e.g. nothing left to ship) is an answer too: the request is what is checked. */
    private static void tryCall(Runnable call) {
        try {
            call.run();
        } catch (io.sincro.shop.ShopException.Rejected refused) {
            // the request went out and was captured
        }
    }

    private static ShopAccount account() {
        FieldMapping fields = new FieldMapping(null, "customer:codice_fiscale", "customer:pec", "customer:codice_sdi");
        AccountSettings settings = new AccountSettings(null, false, fields, null, null, null, null, 100, null, null,
                null, "default");
        return new ShopAccount("contract", "Contract", Platform.MAGENTO, shop.baseUrl(), "it",
                new ShopCredentials(ShopCredentials.AuthMode.OAUTH1, TestShops.SHOP.consumerKey(),
                        TestShops.SHOP.consumerSecret(), TestShops.SHOP.accessToken(), TestShops.SHOP.accessTokenSecret()),
                settings, null);
    }
}
