package io.sincro.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sincro.HubClient;
import io.sincro.HubNode;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ERP login guard, over real HTTP and a real database shared by two hub nodes: after ONE refused
 * login no flow on any node logs in again (the ERP simulator counts the attempts: it locks the user
 * after three), the work waits with the reason, the API, the health endpoint and one e-mail say so;
 * only new credentials or an operator's retry lift it, and the first call after that goes alone.
 */
class ErpLoginGuardTest {

    static final ErpSimulator erp = TestShops.startErp();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String SECRETS_KEY = TestShops.secretsKey();
    static final String ERP_OFFICE = "erp-office@example.it";

    String database;
    final List<HubNode> nodes = new java.util.ArrayList<>();

    @BeforeAll
    static void startSmtp() {
        smtp.start();
    }

    @AfterAll
    static void stopAll() {
        smtp.stop();
        erp.close();
    }

    @BeforeEach
    void freshStore() throws Exception {
        database = "jdbc:hsqldb:file:target/test-dbs/login-guard-" + UUID.randomUUID() + "/sincro;sql.syntax_pgs=true;"
                + "hsqldb.tx=mvcc";
        smtp.purgeEmailFromAllMailboxes();
        erp.resetFaults();
        erp.clearRequests();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(HubNode::close);
        nodes.clear();
    }

    HubNode node(String id, String erpPassword) {
        Map<String, String> properties = new HashMap<>(TestShops.erpProperties(erp.baseUrl()));
        properties.put("sincro.erp.password", erpPassword);
        properties.put("spring.datasource.url", database);
        properties.put("sincro.node-id", id);
        properties.put("sincro.secrets.key", SECRETS_KEY);
        properties.put("sincro.mail.host", "127.0.0.1");
        properties.put("sincro.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        properties.put("sincro.erp.sync.notify-emails", ERP_OFFICE);
        HubNode node = HubNode.start(properties);
        nodes.add(node);
        return node;
    }

    @Test
    void afterOneRefusedLoginNoFlowOnAnyNodeLogsInAgainUntilTheCredentialsChange() throws Exception {
        String wrong = "not-" + TestShops.ERP_USER.password();
        HubNode a = node("node-a", wrong);
        HubNode b = node("node-b", wrong);
        String account = storefrontAccount(a.client());
        int attemptsBefore = erp.loginAttempts();
        int refusedBefore = erp.failedLogins();

        // a storefront order is inserted at once: its first ERP call is refused
        HubClient.Response posted = a.client().post("/api/orders", storefrontOrder(account, "LG-1"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        assertThat(erp.loginAttempts() - attemptsBefore).isEqualTo(1);
        assertThat(erp.failedLogins() - refusedBefore).isEqualTo(1);

        // every other flow, on both nodes, stops before calling the ERP
        assertThat(b.client().post("/api/orders", storefrontOrder(account, "LG-2")).status()).isEqualTo(202);
        JsonNode partialOnB = b.client().awaitRun(b.client().post("/api/erp/sync/partial", null).body()
                .path("runId").asLong());
        assertThat(partialOnB.path("state").asText()).isEqualTo("FAILED");
        assertThat(partialOnB.path("message").asText()).contains("refused the hub's login").contains("node node-a");
        JsonNode deltaOnA = a.client().awaitRun(a.client().post("/api/erp/sync/delta", null).body()
                .path("runId").asLong());
        assertThat(deltaOnA.path("state").asText()).isEqualTo("FAILED");
        assertThat(erp.loginAttempts() - attemptsBefore).as("no login after the refused one").isEqualTo(1);
        assertThat(erp.userLocked()).isFalse();

        // the work waits with the reason; the API and the health endpoint say why, on every node
        for (JsonNode order : b.client().get("/api/orders?account=" + account + "&state=NEW").body()) {
            assertThat(order.path("erpReason").asText()).contains("refused the hub's login");
        }
        JsonNode login = b.client().get("/api/erp/login").body();
        assertThat(login.path("state").asText()).isEqualTo("REFUSED");
        assertThat(login.path("node").asText()).isEqualTo("node-a");
        assertThat(login.path("erpMessage").asText()).contains("(2002)");
        assertThat(login.toString()).doesNotContain(wrong);
        HubClient.Response health = b.client().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().path("components").path("erpLogin").path("status").asText())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(health.body().path("components").path("erpLogin").path("details").path("node").asText())
                .isEqualTo("node-a");

        // told once (the failed delta sync sends its own run e-mail besides)
        await().atMost(Duration.ofSeconds(10)).until(() -> guardMails().size() >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> guardMails().size() == 1);
        assertThat(guardMails().get(0).getAllRecipients()[0].toString()).isEqualTo(ERP_OFFICE);
        assertThat(GreenMailUtil.getBody(guardMails().get(0))).contains("POST /api/erp/login/retry")
                .doesNotContain(wrong);

        // a node started again with the same wrong credentials still does not log in
        a.close();
        nodes.remove(a);
        HubNode again = node("node-a", wrong);
        again.client().awaitRun(again.client().post("/api/erp/sync/partial", null).body().path("runId").asLong());
        assertThat(erp.loginAttempts() - attemptsBefore).isEqualTo(1);

        // new credentials lift the guard: the waiting orders go into the ERP
        stopNodes();
        HubNode fixed = node("node-a", TestShops.ERP_USER.password());
        assertThat(fixed.client().get("/api/erp/login").body().path("state").asText()).isEqualTo("OK");
        JsonNode delivered = fixed.client().awaitRun(fixed.client().post("/api/erp/sync/partial", null).body()
                .path("runId").asLong());
        assertThat(delivered.path("state").asText()).as(delivered.toString()).isEqualTo("COMPLETED");
        assertThat(delivered.path("ordersPushed").asInt()).isEqualTo(2);
        assertThat(erp.failedLogins() - refusedBefore).isEqualTo(1);
        assertThat(fixed.client().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void anOperatorsRetryLiftsTheGuardWithOneProbeAndThePendingOrderGoesIn() {
        HubNode hub = node("node-r", TestShops.ERP_USER.password());
        String account = storefrontAccount(hub.client());
        // the ERP refuses the login once (e.g. its user was being edited)
        erp.failNext(1, 401);
        HubClient.Response posted = hub.client().post("/api/orders", storefrontOrder(account, "LG-R"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        assertThat(posted.body().path("erpReason").asText()).contains("refused");
        int attempts = erp.loginAttempts();
        erp.clearRequests();

        JsonNode retried = hub.client().post("/api/erp/login/retry", null).body();

        assertThat(retried.path("state").asText()).as(retried.toString()).isEqualTo("OK");
        assertThat(retried.path("probe").asText()).contains("accepted");
        // the probe went alone: the first request after the refusal, and it was the only one before the answer
        assertThat(erp.requests().get(0).path()).endsWith("/clienti/0.0");
        long orderId = posted.body().path("orderId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.client().get("/api/orders/" + orderId).body()
                .path("state").asText().equals("STORED"));
        assertThat(erp.loginAttempts()).isGreaterThan(attempts);
        assertThat(erp.failedLogins()).isGreaterThanOrEqualTo(1);
        assertThat(hub.client().get("/api/erp/login").body().path("state").asText()).isEqualTo("OK");
    }

    static List<jakarta.mail.internet.MimeMessage> guardMails() throws Exception {
        List<jakarta.mail.internet.MimeMessage> mails = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getSubject().contains("refused the hub's login")) {
                mails.add(mail);
            }
        }
        return mails;
    }

    static String storefrontAccount(HubClient hub) {
        String id = "storefront-" + UUID.randomUUID().toString().substring(0, 8);
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", id, "name", "Storefront", "platform",
                "STOREFRONT", "settings", Map.of("paymentMethods", Map.of("card", "3"), "defaultCarrier", "1",
                        "autoCodeArticles", true)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    static Map<String, Object> storefrontOrder(String account, String number) {
        Map<String, Object> address = Map.of("firstName", "Giulia", "lastName", "Verdi", "street", "Via Po 3",
                "city", "Torino", "postcode", "10123", "province", "TO", "country", "IT");
        return Map.of("accountId", account, "shopOrderId", number, "number", number, "currency", "EUR",
                "customer", Map.of("email", number.toLowerCase() + ".giulia.verdi@example.it", "firstName", "Giulia",
                        "lastName", "Verdi"),
                "billing", address,
                "lines", List.of(Map.of("sku", "LG-ART-" + number, "name", "Articolo", "quantity", 2, "unitPrice", 10,
                        "discount", 0, "vatRate", 22)),
                "paymentMethod", "card", "grandTotal", 24.4);
    }
}
