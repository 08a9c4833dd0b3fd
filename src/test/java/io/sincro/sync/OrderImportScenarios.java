package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sincro.HubClient;
import io.sincro.model.OrderState;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.SimulatedShop.ShopOrder;
import io.sincro.store.DeadLetters;
import io.sincro.store.Orders;
import io.sincro.store.ShopAccounts;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Flow F1 (import half) over real HTTP and a real database: a shop simulator on loopback is
 * the outside world, the hub is driven through its REST API, mail goes to a GreenMail server.
 * Subclasses choose the shop's platform and the database.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// each class has its own simulators: its hub stops with it, so no background work reaches the next class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OrderImportScenarios {

    static final int ORDERS = 250;
    /** Each class's shop: seed 7, {@link #ORDERS} orders. */
    static final long SEED = 7;
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final AtomicInteger accountSequence = new AtomicInteger();

    static {
        smtp.start();
    }

    static void commonProperties(DynamicPropertyRegistry registry) {
        registry.add("sincro.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("sincro.mail.host", () -> "127.0.0.1");
    }

    /** The shop of the concrete class's platform, started once for the class. */
    final SimulatedShop shop;

    OrderImportScenarios(SimulatedShop shop) {
        this.shop = shop;
    }

    @LocalServerPort
    int port;
    @Autowired
    Orders orders;
    @Autowired
    ShopAccounts accounts;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    io.sincro.store.Articles articles;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    io.sincro.store.SyncRuns runs;

    HubClient hub;

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop.resetFaults();
        shop.catalogue().forEach(item -> articles.mirrorFromErp(item.sku(), null, item.name(),
                item.vatRate().stripTrailingZeros().toPlainString(), "pz"));
    }

    // --- scenarios -----------------------------------------------------------------------------

    @Test
    void everyOrderIsImportedOnceAcrossPagesAndASecondRunImportsNothingNew() {
        String account = createAccount(true, null);
        JsonNode first = syncAndWait(account);
        long expected = importableOrders().size();
        assertThat(first.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(first.path("pages").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(first.path("ordersImported").asInt() + first.path("ordersHeld").asInt()).isEqualTo((int) expected);
        assertThat(storedOrders(account)).isEqualTo(expected);

        JsonNode second = syncAndWait(account);
        assertThat(second.path("ordersImported").asInt()).isZero();
        assertThat(second.path("ordersHeld").asInt()).isZero();
        assertThat(storedOrders(account)).isEqualTo(expected);
    }

    @Test
    void anOrderUpdatedInTheShopAfterImportIsNotImportedAgain() {
        String account = createAccount(true, null);
        syncAndWait(account);
        long before = storedOrders(account);
        ShopOrder edited = importableOrders().get(3);
        shop.touchOrder(edited.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS));

        JsonNode run = syncAndWait(account);

        assertThat(run.path("ordersRead").asInt()).isPositive();
        assertThat(run.path("ordersSkipped").asInt()).isEqualTo(run.path("ordersRead").asInt());
        assertThat(storedOrders(account)).isEqualTo(before);
    }

    @Test
    void aGuestAndARegisteredCustomerWithTheSameEmailBecomeOneCustomer() {
        String account = createAccount(true, null);
        syncAndWait(account);
        Map<String, List<ShopOrder>> byEmail = importableOrders().stream()
                .collect(Collectors.groupingBy(ShopOrder::customerEmail));
        List<ShopOrder> mixed = byEmail.values().stream()
                .filter(list -> list.stream().anyMatch(ShopOrder::guest)
                        && list.stream().anyMatch(o -> !o.guest()))
                .filter(list -> list.stream().allMatch(ShopOrder::fiscalCodesValid))
                .findFirst().orElseThrow(() -> new AssertionError("the sandbox data has no guest+registered e-mail"));

        Set<Long> customerIds = mixed.stream()
                .map(o -> orders.findByShopId(account, o.id()).orElseThrow().customerId())
                .collect(Collectors.toSet());

        assertThat(customerIds).hasSize(1).doesNotContainNull();
    }

    @Test
    void invalidPartitaIvaAndUnknownSkuAreHeldWithReadableReasonsAndTheRestIsStored() {
        String account = createAccount(false, null);
        ShopOrder unknownSku = shop.addOrderSelling("NEVER-SEEN-" + account, "Articolo nuovo");
        JsonNode run = syncAndWait(account);

        ShopOrder invalidVat = importableOrders().stream().filter(o -> !o.fiscalCodesValid())
                .findFirst().orElseThrow();
        JsonNode held = hub.get("/api/orders?account=" + account + "&state=HELD&limit=1000").body();

        assertThat(reasonsOf(held, invalidVat)).anyMatch(r -> r.contains("partita IVA") && r.contains("check digit"));
        assertThat(reasonsOf(held, unknownSku)).containsExactly("SKU NEVER-SEEN-" + account
                + " (Articolo nuovo) is not an ERP article, and this account does not code new articles automatically");
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(orders.count(account, OrderState.NEW)).isPositive();
        assertThat(storedOrders(account)).isEqualTo(importableOrders().size());
    }

    @Test
    void aShop5xxOnPageTwoIsRetriedWithBackoff() {
        String account = createAccount(true, null);
        shop.failOrderListCall(2, 2, 503);

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        List<SimulatedShop.Call> calls = shop.orderListCalls();
        assertThat(calls.get(1).status()).isEqualTo(503);
        assertThat(calls.get(2).status()).isEqualTo(503);
        assertThat(calls.get(3).status()).isEqualTo(200);
        assertThat(calls.get(3).query()).isEqualTo(calls.get(1).query())
                .isNotEqualTo(calls.get(0).query());
        Duration firstWait = Duration.between(calls.get(1).at(), calls.get(2).at());
        Duration secondWait = Duration.between(calls.get(2).at(), calls.get(3).at());
        // test profile: 100 ms, then doubled (a pause of the machine can only make a wait longer)
        assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(secondWait).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(storedOrders(account)).isEqualTo(importableOrders().size());
    }

    @Test
    void aShop401IsNotRetriedAndTheRunFailsWithAClearMessage() {
        String account = createAccount(true, null);
        shop.refuseCredentials();

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("message").asText()).contains(shop.unauthorizedWords());
        assertThat(shop.requests()).as("the refused call, not retried").hasSize(1);
        assertThat(deadLetters.list(DeadLetters.State.OPEN, account, 10)).hasSize(1);
    }

    @Test
    void aShop429WaitsAsToldThenGoesOn() {
        String account = createAccount(true, null);
        shop.rateLimit(1, 1);

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        // the run's first call, whatever it reads (a PrestaShop run reads the shop's configuration first)
        List<SimulatedShop.Call> calls = shop.requests();
        assertThat(calls.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void twoConcurrentTriggersGiveOne202AndOne409NamingTheRunningRun() {
        String account = createAccount(true, null);
        shop.latency(Duration.ofMillis(300));

        var first = CompletableFuture.supplyAsync(() -> hub.post("/api/accounts/" + account + "/sync/orders", null));
        var second = CompletableFuture.supplyAsync(() -> hub.post("/api/accounts/" + account + "/sync/orders", null));
        List<HubClient.Response> answers = List.of(first.join(), second.join());

        assertThat(answers).extracting(HubClient.Response::status).containsExactlyInAnyOrder(202, 409);
        HubClient.Response started = answers.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
        HubClient.Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        long runId = started.body().path("runId").asLong();
        assertThat(refused.body().path("runId").asLong()).isEqualTo(runId);
        assertThat(refused.body().path("detail").asText()).contains("already running").contains("run " + runId);
        hub.awaitRun(runId);
    }

    @Test
    void anotherNodeOnTheSameDatabaseIsRefusedWhileTheLockIsHeldAndTakesItOverWhenTheLeaseExpires() {
        String account = createAccount(true, null);
        io.sincro.store.RunLocks nodeA = new io.sincro.store.RunLocks(jdbc, runs, event -> { }, Duration.ofSeconds(1), "node-a");
        io.sincro.store.RunLocks nodeB = new io.sincro.store.RunLocks(jdbc, runs, event -> { }, Duration.ofSeconds(1), "node-b");
        long runOfA = runs.start(OrderSyncs.LOCK_KIND, account, "MANUAL", "node-a");
        long runOfB = runs.start(OrderSyncs.LOCK_KIND, account, "MANUAL", "node-b");
        assertThat(nodeA.tryAcquire(OrderSyncs.LOCK_KIND, account, runOfA)).isEmpty();

        assertThat(nodeB.tryAcquire(OrderSyncs.LOCK_KIND, account, runOfB)).hasValueSatisfying(holder -> {
            assertThat(holder.runId()).isEqualTo(runOfA);
            assertThat(holder.node()).isEqualTo("node-a");
        });
        HubClient.Response refused = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("node").asText()).isEqualTo("node-a");

        // node A stops heart-beating (it died): after the lease, node B takes the lock over and A's run has ended
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.tryAcquire(OrderSyncs.LOCK_KIND, account, runOfB).isEmpty());
        assertThat(nodeA.holder(OrderSyncs.LOCK_KIND, account)).hasValueSatisfying(h -> assertThat(h.node()).isEqualTo("node-b"));
        assertThat(runs.get(runOfA).orElseThrow()).satisfies(run -> {
            assertThat(run.state()).isEqualTo(io.sincro.store.SyncRuns.State.FAILED);
            assertThat(run.message()).contains("Node node-a stopped answering").contains("lock expired");
        });
        assertThat(runs.get(runOfB).orElseThrow().state()).isEqualTo(io.sincro.store.SyncRuns.State.RUNNING);
        nodeB.release(OrderSyncs.LOCK_KIND, account, runOfB);
        runs.finish(runOfB, io.sincro.store.SyncRuns.State.COMPLETED, null);
    }

    @Test
    void anAccountSwitchedToThePlatformsOtherCredentialsImportsWithThem() {
        SimulatedShop.CredentialsChange other = shop.otherCredentials();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, shop.name() + " authenticates one way only");
        String account = createAccount(true, null);
        HubClient.Response changed = hub.patch("/api/accounts/" + account, Map.of("credentials", other.credentials()));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(shop.requests()).allSatisfy(r -> assertThat(r.authorization())
                .startsWith(other.authorizationPrefix()));
    }

    @Test
    void theCompletionEmailReachesTheAccountWithTheRunsCounts() throws Exception {
        String account = createAccount(true, "ops-" + accountSequence.incrementAndGet() + "@merchant.test");
        JsonNode run = syncAndWait(account);
        String recipient = accounts.find(account).orElseThrow().settings().notifyEmails().get(0);

        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(recipient).size() == 1);
        MimeMessage mail = messagesTo(recipient).get(0);
        String text = GreenMailUtil.getBody(mail);
        assertThat(mail.getSubject()).contains("order sync").contains("run " + run.path("id").asLong());
        assertThat(text).contains("Imported: " + run.path("ordersImported").asInt())
                .contains("Held: " + run.path("ordersHeld").asInt())
                .contains("Orders read: " + run.path("ordersRead").asInt());
    }

    @Test
    void anOrderThatCannotBeReadGoesToTheDeadLettersHoldsTheWatermarkAndIsStoredOnReplay() {
        // one from the middle of the shop's history: orders before it (the watermark) and after it are read
        List<ShopOrder> registeredOrders = importableOrders().stream().filter(o -> !o.guest())
                .filter(ShopOrder::fiscalCodesValid).sorted(java.util.Comparator.comparing(ShopOrder::updatedAt))
                .toList();
        ShopOrder registered = registeredOrders.get(registeredOrders.size() / 2);
        org.junit.jupiter.api.Assumptions.assumeTrue(shop.makeUnreadable(registered),
                shop.name() + "'s connector reads nothing per order that could fail alone");
        String account = createAccount(true, null, shop.fieldsReadFromTheCustomer());

        JsonNode run = syncAndWait(account);

        assertThat(run.path("state").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(run.path("ordersFailed").asInt()).isPositive();
        String shopId = registered.id();
        assertThat(orders.findByShopId(account, shopId)).isEmpty();
        Instant watermark = accounts.find(account).orElseThrow().orderWatermark();
        assertThat(watermark).isBeforeOrEqualTo(registered.updatedAt());
        DeadLetters.DeadLetter letter = deadLetters.list(DeadLetters.State.OPEN, account, 100).stream()
                .filter(l -> l.payload().contains("\"shopOrderId\":\"" + shopId + "\"")).findFirst().orElseThrow();
        assertThat(letter.cause()).contains("500");
        assertThat(letter.attempts()).isEqualTo(4);

        shop.resetFaults();
        JsonNode replayed = hub.post("/api/dead-letters/" + letter.id() + "/replay", null).body();

        assertThat(replayed.path("state").asText()).isEqualTo("REPLAYED");
        assertThat(orders.findByShopId(account, shopId)).isPresent();
    }

    @Test
    void accountSecretsAreWriteOnly() {
        String account = createAccount(true, null);
        HubClient.Response response = hub.get("/api/accounts/" + account);

        assertThat(response.status()).isEqualTo(200);
        assertThat(shop.storedSecrets().values()).isNotEmpty()
                .allSatisfy(secret -> assertThat(response.text()).doesNotContain(secret));
        assertThat(response.body().path("credentials").path(shop.secretSetFlag()).asBoolean()).isTrue();
    }

    @Test
    void accountSecretsAreSealedInTheDatabaseAndTheShopIsStillRead() {
        String account = createAccount(true, null);
        Map<String, String> secrets = shop.storedSecrets();
        List<String> stored = storedSecrets(account);
        assertThat(stored).hasSize(secrets.size()).allSatisfy(value -> assertThat(value).startsWith("v1:"));
        assertThat(secrets.values()).allSatisfy(secret -> assertThat(String.join(" ", stored)).doesNotContain(secret));

        // as a hub that had no key stored them: they are sealed at the next start, and still work
        secrets.forEach((column, plain) -> jdbc.sql("UPDATE shop_account SET " + column + " = ? WHERE id = ?")
                .params(plain, account).update());
        accounts.checkAndSealStoredSecrets();
        assertThat(storedSecrets(account)).allSatisfy(value -> assertThat(value).startsWith("v1:"));

        assertThat(syncAndWait(account).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(storedOrders(account)).isEqualTo(importableOrders().size());

        // a hub started with another key stops at once, saying what to do
        io.sincro.store.ShopAccounts withAnotherKey = new io.sincro.store.ShopAccounts(jdbc,
                new com.fasterxml.jackson.databind.ObjectMapper(), new io.sincro.store.SecretsAtRest(
                        io.sincro.TestShops.secretsKey()));
        assertThatThrownBy(withAnotherKey::checkAndSealStoredSecrets)
                .hasMessageContaining("cannot be opened").hasMessageContaining("sealed with another key")
                .hasMessageContaining("PUT /api/accounts/{id}");
    }

    List<String> storedSecrets(String account) {
        List<String> columns = List.copyOf(shop.storedSecrets().keySet());
        return jdbc.sql("SELECT " + String.join(", ", columns) + " FROM shop_account WHERE id = ?").param(account)
                .query((rs, n) -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        values.add(rs.getString(i));
                    }
                    return values;
                })
                .single();
    }

    @Test
    void anAccountWithAnInvalidRequestIsRefusedWithTheReason() {
        HubClient.Response response = hub.post("/api/accounts", Map.of("id", "bad-account", "name", "Bad",
                "baseUrl", "ftp://nowhere", "credentials", Map.of("mode", "BEARER", "accessToken", "x")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("detail").asText()).contains("baseUrl");
    }

    @Test
    void theOpenApiDescriptionListsTheApi() {
        HubClient.Response response = hub.get("/api/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("/api/accounts/{id}/sync/orders").contains("/api/dead-letters/{id}/replay");
    }

    // --- helpers -------------------------------------------------------------------------------

    String createAccount(boolean autoCode, String notifyEmail) {
        return createAccount(autoCode, notifyEmail, null);
    }

    String createAccount(boolean autoCode, String notifyEmail, Map<String, Object> fields) {
        String id = shop.platform().name().toLowerCase(java.util.Locale.ROOT) + "-" + accountSequence.incrementAndGet();
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("autoCodeArticles", autoCode);
        settings.put("pageSize", 100);
        settings.put("notifyEmails", notifyEmail == null ? List.of() : List.of(notifyEmail));
        if (fields != null && !fields.isEmpty()) {
            settings.put("fields", fields);
        }
        io.sincro.TestShops.account(hub, shop, id, settings);
        shop.clearRequests();
        return id;
    }

    JsonNode syncAndWait(String account) {
        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/orders", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return hub.awaitRun(started.body().path("runId").asLong());
    }

    List<ShopOrder> importableOrders() {
        return shop.importableOrders();
    }

    long storedOrders(String account) {
        return orders.find(account, null, 100_000, 0).size();
    }

    static List<String> reasonsOf(JsonNode orders, ShopOrder shopOrder) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode order : orders) {
            if (order.path("shopOrderId").asText().equals(shopOrder.id())) {
                order.path("holds").forEach(h -> reasons.add(h.path("message").asText()));
            }
        }
        return reasons;
    }

    static List<MimeMessage> messagesTo(String recipient) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getAllRecipients() != null && java.util.Arrays.stream(message.getAllRecipients())
                        .anyMatch(a -> a.toString().equals(recipient))) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
