package io.sincro.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.sandbox.erp.ErpSimulator;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monthly quota of full and delta ERP syncs, on a hub of its own (its database counts only its
 * own runs): successful syncs count, a failed one does not, one beyond the allowance is refused with
 * the reason, and partial syncs never count.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// each class has its own simulators: its hub stops with it, so no background work reaches the next class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ErpSyncQuotaTest {

    static final ErpSimulator erp = TestShops.startErp();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
        registry.add("sincro.erp.sync.monthly-quota", () -> "2");
        registry.add("sincro.mail.enabled", () -> "true");
        registry.add("sincro.mail.host", () -> "127.0.0.1");
        registry.add("sincro.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("sincro.erp.sync.notify-emails", () -> "erp-office@example.it");
    }

    @LocalServerPort
    int port;

    @Test
    void twoSyncsAreAllowedAFailedOneDoesNotCountAndTheThirdIsRefusedWhilePartialSyncsGoOn() throws Exception {
        HubClient hub = new HubClient(port);
        assertThat(hub.get("/api/erp/quota").body().path("used").asInt()).isZero();

        HubClient.Response first = hub.post("/api/erp/sync/delta", null);
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.body().path("kind").asText()).as("the first sync ever is a full one").isEqualTo("FULL");
        assertThat(first.body().path("ranAs").asText()).isEqualTo("FULL");
        assertThat(first.body().path("reason").asText()).contains("first delta runs as a full sync");
        assertThat(hub.awaitRun(first.body().path("runId").asLong()).path("state").asText()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Sincro: full ERP sync completed (run " + first.body().path("runId")
                .asLong() + ")");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("erp-office@example.it");
        assertThat(GreenMailUtil.getBody(mail)).as("counts per step, in the order they ran")
                .containsSubsequence("push pending: ", "lookup tables: payment-terms 5", "articles: read ",
                        "stock: read ", "customers: read ", "order states: open 0", "push-back: sent 0");

        erp.down(true);
        HubClient.Response failing = hub.post("/api/erp/sync/delta", null);
        assertThat(failing.status()).as(failing.text()).isEqualTo(202);
        assertThat(hub.awaitRun(failing.body().path("runId").asLong()).path("state").asText()).isEqualTo("FAILED");
        erp.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("Sincro: delta ERP sync FAILED");
        assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[1])).contains("cannot be reached");
        assertThat(hub.get("/api/erp/quota").body().path("used").asInt()).as("a failed sync does not count").isEqualTo(1);

        HubClient.Response second = hub.post("/api/erp/sync/delta", null);
        assertThat(second.status()).as(second.text()).isEqualTo(202);
        assertThat(second.body().path("kind").asText()).isEqualTo("DELTA");
        assertThat(hub.awaitRun(second.body().path("runId").asLong()).path("state").asText()).isEqualTo("COMPLETED");

        JsonNode quota = hub.get("/api/erp/quota").body();
        assertThat(quota.path("used").asInt()).isEqualTo(2);
        assertThat(quota.path("allowed").asInt()).isEqualTo(2);
        assertThat(quota.path("remaining").asInt()).isZero();

        HubClient.Response third = hub.post("/api/erp/sync/delta", null);
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.contentType()).startsWith("application/problem+json");
        assertThat(third.body().path("detail").asText()).contains("monthly quota").contains("2 of 2")
                .contains("Partial syncs");
        java.time.LocalDate renewsOn = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Rome")).plusMonths(1)
                .atDay(1);
        assertThat(third.body().path("renewsOn").asText()).as("when the quota comes back")
                .isEqualTo(renewsOn.toString());
        assertThat(third.body().path("type").asText()).isEqualTo("urn:sincro:problem:quota-used-up");
        for (int attempt = 0; attempt < 20; attempt++) {
            HubClient.Response again = hub.post("/api/erp/sync/full", null);
            assertThat(again.status()).as("a loop of requests gets nothing more").isEqualTo(409);
            assertThat(again.body().path("renewsOn").asText()).isEqualTo(renewsOn.toString());
        }
        assertThat(hub.get("/api/erp/quota").body().path("used").asInt()).isEqualTo(2);

        HubClient.Response partial = hub.post("/api/erp/sync/partial", null);
        assertThat(partial.status()).as(partial.text()).isEqualTo(202);
        assertThat(hub.awaitRun(partial.body().path("runId").asLong()).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(hub.get("/api/erp/quota").body().path("used").asInt()).as("partial syncs never count").isEqualTo(2);
    }

    @Test
    void anErpScheduleThatCouldRunMoreOftenThanTheQuotaIsRefusedWithTheArithmetic() {
        HubClient hub = new HubClient(port);

        HubClient.Response daily = hub.put("/api/erp/schedule", java.util.Map.of("frequency", "DAILY", "runsPerDay", 3,
                "windowStart", "08:00", "windowEnd", "20:00"));
        assertThat(daily.status()).as(daily.text()).isEqualTo(400);
        assertThat(daily.body().path("detail").asText())
                .contains("DAILY 3 runs a day × 31 days = 93 a month > quota 2");
        assertThat(daily.body().path("errors").get(0).path("field").asText()).isEqualTo("frequency");

        HubClient.Response weekly = hub.put("/api/erp/schedule", java.util.Map.of("frequency", "WEEKLY", "days",
                java.util.List.of("MONDAY"), "at", "06:00"));
        assertThat(weekly.status()).isEqualTo(400);
        assertThat(weekly.body().path("detail").asText()).contains("WEEKLY on 1 weekday = up to 5 a month > quota 2");
        assertThat(hub.get("/api/erp/schedule").status()).as("nothing was saved").isEqualTo(404);

        HubClient.Response fits = hub.put("/api/erp/schedule", java.util.Map.of("frequency", "EVERY_N_DAYS",
                "everyDays", 16, "at", "03:00"));
        assertThat(fits.status()).as("every 16 days: at most 2 a month").isEqualTo(200);
        assertThat(hub.post("/api/erp/schedule/reset", null).status()).isEqualTo(200);
    }

}
