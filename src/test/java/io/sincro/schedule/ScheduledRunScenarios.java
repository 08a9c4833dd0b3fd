package io.sincro.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sincro.HubClient;
import io.sincro.TestShops;
import io.sincro.model.OrderState;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.store.Customers;
import io.sincro.store.Orders;
import io.sincro.store.RunLocks;
import io.sincro.store.SyncRuns;
import io.sincro.sync.CustomerSyncs;
import io.sincro.sync.ShopRuns;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Flows F3 and F4 over real HTTP, Quartz's JDBC job store and a real SMTP server: schedules are
 * previewed, saved and reset through the API; a schedule fires and runs the whole scheduled sequence
 * with one e-mail; the customer sync refreshes known customers in the hub and the ERP; a schedule that
 * fires while its run is still going is skipped. Subclasses choose the shop's platform.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ScheduledRunScenarios {

    static final ErpSimulator erp = TestShops.startErp();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    /** One shop per test; all stay up, as a scheduled ERP sync reads every account. */
    static final List<SimulatedShop> shops = new ArrayList<>();
    static final AtomicInteger sequence = new AtomicInteger();

    static {
        smtp.start();
    }

    static void properties(DynamicPropertyRegistry registry) {
        TestShops.erp(registry, erp);
        registry.add("sincro.mail.enabled", () -> "true");
        registry.add("sincro.mail.host", () -> "127.0.0.1");
        registry.add("sincro.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("sincro.schedules.watchdog-interval", () -> "1s");
    }

    // the mail server stays up: it is the abstract class's, shared by every concrete class of the run
    @AfterAll
    static void stopShops() {
        shops.forEach(SimulatedShop::close);
        shops.clear();
    }

    @LocalServerPort
    int port;
    @Autowired
    SyncRuns runs;
    @Autowired
    Orders orders;
    @Autowired
    Customers customers;
    @Autowired
    RunLocks locks;
    @Autowired
    CustomerSyncs customerSyncs;
    @Autowired
    ShopRuns shopRuns;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.quartz.Scheduler scheduler;

    @Autowired
    org.apache.camel.CamelContext camel;

    HubClient hub;
    /** Starts the shops of the concrete class's platform. */
    final SimulatedShop.Starter platform;
    /** This test's shop. */
    SimulatedShop shop;

    ScheduledRunScenarios(SimulatedShop.Starter platform) {
        this.platform = platform;
    }

    @BeforeEach
    void setUp() {
        hub = new HubClient(port);
        shop = TestShops.startShop(platform, erp, 31 + sequence.get(), 40);
        shops.add(shop);
    }

    @Test
    void previewsShowTheNextTenRunsOfEachKindOfSchedule() {
        String account = shopAccount();
        String from = "2026-11-23T00:00:00Z";

        assertThat(localTimes(preview(account, Map.of("frequency", "DAILY", "runsPerDay", 3, "windowStart", "08:00",
                "windowEnd", "20:00"), from))).containsExactly("2026-11-23T08:00+01:00", "2026-11-23T12:00+01:00",
                "2026-11-23T16:00+01:00", "2026-11-24T08:00+01:00", "2026-11-24T12:00+01:00", "2026-11-24T16:00+01:00",
                "2026-11-25T08:00+01:00", "2026-11-25T12:00+01:00", "2026-11-25T16:00+01:00", "2026-11-26T08:00+01:00");
        assertThat(localTimes(preview(account, Map.of("frequency", "WEEKLY", "days",
                List.of("MONDAY", "WEDNESDAY", "FRIDAY"), "at", "07:30"), from))).containsExactly(
                "2026-11-23T07:30+01:00", "2026-11-25T07:30+01:00", "2026-11-27T07:30+01:00", "2026-11-30T07:30+01:00",
                "2026-12-02T07:30+01:00", "2026-12-04T07:30+01:00", "2026-12-07T07:30+01:00", "2026-12-09T07:30+01:00",
                "2026-12-11T07:30+01:00", "2026-12-14T07:30+01:00");
        assertThat(localTimes(preview(account, Map.of("frequency", "MONTHLY", "dayOfMonth", 31, "at", "06:00"),
                "2027-01-01T00:00:00Z"))).as("a month without a 31st runs on its last day").containsExactly(
                "2027-01-31T06:00+01:00", "2027-02-28T06:00+01:00", "2027-03-31T06:00+02:00", "2027-04-30T06:00+02:00",
                "2027-05-31T06:00+02:00", "2027-06-30T06:00+02:00", "2027-07-31T06:00+02:00", "2027-08-31T06:00+02:00",
                "2027-09-30T06:00+02:00", "2027-10-31T06:00+01:00");
        assertThat(localTimes(preview(account, Map.of("frequency", "HOURLY", "everyHours", 2, "windowStart", "09:00",
                "windowEnd", "15:00"), from))).containsExactly("2026-11-23T09:00+01:00", "2026-11-23T11:00+01:00",
                "2026-11-23T13:00+01:00", "2026-11-23T15:00+01:00", "2026-11-24T09:00+01:00", "2026-11-24T11:00+01:00",
                "2026-11-24T13:00+01:00", "2026-11-24T15:00+01:00", "2026-11-25T09:00+01:00", "2026-11-25T11:00+01:00");
        assertThat(localTimes(preview(account, Map.of("frequency", "HOURLY", "windowStart", "01:00",
                "windowEnd", "04:00"), "2026-10-24T12:00:00Z")))
                .as("the October change: 02:00 happens twice and runs once").containsExactly(
                "2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00", "2026-10-25T04:00+01:00",
                "2026-10-26T01:00+01:00", "2026-10-26T02:00+01:00", "2026-10-26T03:00+01:00", "2026-10-26T04:00+01:00",
                "2026-10-27T01:00+01:00", "2026-10-27T02:00+01:00");

        HubClient.Response wrong = hub.post("/api/accounts/" + account + "/schedule/preview",
                Map.of("frequency", "WEEKLY", "at", "07:30"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("detail").asText()).contains("at least one day of the week");
    }

    @Test
    void aSavedScheduleShowsItsSourceAndNextRunAndResetClearsIt() {
        String account = shopAccount();
        assertThat(hub.get("/api/accounts/" + account + "/schedule").status()).isEqualTo(404);

        HubClient.Response saved = hub.put("/api/accounts/" + account + "/schedule",
                Map.of("frequency", "DAILY", "runsPerDay", 2, "windowStart", "09:00", "windowEnd", "18:00"));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.body().path("source").asText()).isEqualTo("API");
        Instant next = Instant.parse(saved.body().path("nextRun").asText());
        assertThat(next).isAfter(Instant.now());
        assertThat(hub.get("/api/accounts/" + account + "/schedule/preview?count=3").body().path("runs").get(0)
                .path("at").asText()).isEqualTo(next.toString());

        HubClient.Response reset = hub.post("/api/accounts/" + account + "/schedule/reset", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().path("reset").asBoolean()).isTrue();
        assertThat(hub.get("/api/accounts/" + account + "/schedule").status()).isEqualTo(404);
    }

    @Test
    void aScheduleLeftWithoutANextFiringIsShownAsAnErrorAndTheWatchdogPlansItAgainSayingSo() throws Exception {
        String account = shopAccount();
        HubClient.Response saved = hub.put("/api/accounts/" + account + "/schedule",
                Map.of("frequency", "DAILY", "runsPerDay", 24));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.body().path("state").asText()).isEqualTo("PLANNED");
        assertThat(saved.body().path("problem").isNull()).isTrue();

        // what a node dying between taking the firing and planning the next one used to leave behind
        scheduler.unscheduleJob(SyncSchedules.triggerKey(SyncSchedules.accountTarget(account)));
        JsonNode lost = hub.get("/api/accounts/" + account + "/schedule").body();
        if (lost.path("state").asText().equals("NO_NEXT_RUN")) { // unless the watchdog was quicker than this read
            assertThat(lost.path("nextRun").isNull()).isTrue();
            assertThat(lost.path("problem").asText()).contains("no next firing is planned");
        }

        JsonNode replanned = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> hub.get("/api/accounts/" + account + "/schedule").body(),
                        // the watchdog plans the trigger, then records why: wait for both
                        v -> v.path("state").asText().equals("PLANNED")
                                && v.path("lastFire").path("outcome").asText().equals("REPLANNED"));
        Instant next = Instant.parse(replanned.path("nextRun").asText());
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(1)));
        assertThat(replanned.path("lastFire").path("outcome").asText()).isEqualTo("REPLANNED");
        assertThat(replanned.path("lastFire").path("detail").asText()).contains("had no next firing")
                .contains("planned again for " + next);
    }

    @Test
    void aScheduleFiresAndRunsTheWholeSequenceWithOneEmailListingEachStep() throws Exception {
        String account = shopAccount();

        scheduleInAFewSeconds(account);

        SyncRuns.SyncRun run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledRun(account), r -> r != null && r.state() != SyncRuns.State.RUNNING);
        assertThat(run.state()).as(String.valueOf(run.message())).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(orders.count(account, OrderState.STORED)).isPositive();
        Map<String, Object> steps = runs.steps(run.id());
        assertThat(steps).containsKeys("orders", "customers", "partial ERP sync", "push-back");

        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(account), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Sincro: scheduled run of account " + account + " completed (run "
                + run.id() + ")");
        assertThat(GreenMailUtil.getBody(mail)).containsSubsequence("orders: read ", "imported ",
                "customers: known ", "partial ERP sync: customers ", "orders ", "push-back: sent ");
        assertThat(mailsFor(account)).as("one e-mail for the whole run, none of its own from a step").hasSize(1);
        JsonNode schedule = hub.get("/api/accounts/" + account + "/schedule").body();
        assertThat(Instant.parse(schedule.path("nextRun").asText())).as("the next run is planned")
                .isAfter(run.startedAt());
        assertThat(schedule.path("lastFire").path("outcome").asText()).isEqualTo("STARTED");
        assertThat(schedule.path("lastFire").path("runId").asLong()).isEqualTo(run.id());
    }

    @Test
    void theErpDeltaScheduleFiresAnErpSync() {
        shopAccount();
        // the firing enters Camel through the quartz component, as an exchange of the route schedule-firing
        org.apache.camel.builder.NotifyBuilder entered = new org.apache.camel.builder.NotifyBuilder(camel)
                .fromRoute("schedule-firing").filter(org.apache.camel.builder.Builder.header("triggerName")
                        .isEqualTo(io.sincro.schedule.SyncSchedules.ERP_DELTA)).whenDone(1).create();
        LocalTime at = aFewSecondsFromNow();
        HubClient.Response saved = hub.put("/api/erp/schedule", Map.of("frequency", "EVERY_N_DAYS", "everyDays", 2,
                "at", at.toString()));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(Instant.parse(saved.body().path("nextRun").asText())).isBefore(Instant.now().plusSeconds(15));
        try {
            SyncRuns.SyncRun run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runs.list(null, 100).stream().filter(r -> r.kind().startsWith("ERP_")
                            && r.trigger().equals("SCHEDULE")).findFirst().orElse(null),
                            r -> r != null && r.state() != SyncRuns.State.RUNNING);
            assertThat(run.state()).as(String.valueOf(run.message())).isIn(SyncRuns.State.COMPLETED,
                    SyncRuns.State.COMPLETED_WITH_ERRORS);
            assertThat(runs.steps(run.id())).containsKeys("articles", "order states", "push-back");
            assertThat(entered.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            hub.post("/api/erp/schedule/reset", null);
        }
    }

    @Test
    void aScheduleThatFiresWhileItsRunIsStillGoingIsSkipped() {
        String account = shopAccount();
        long running = runs.start(ShopRuns.LOCK_KIND, account, "MANUAL", locks.node());
        assertThat(locks.tryAcquire(ShopRuns.LOCK_KIND, account, running)).isEmpty();
        try {
            Instant planned = scheduleInAFewSeconds(account);

            JsonNode fire = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.get("/api/accounts/" + account + "/schedule").body().path("lastFire"),
                            last -> last.path("at").asText().equals(planned.toString()));
            assertThat(fire.path("outcome").asText()).isEqualTo("SKIPPED");
            assertThat(fire.path("runId").asLong()).as("the run in the way").isEqualTo(running);
            assertThat(fire.path("detail").asText()).contains("run " + running + " was still going on " + locks.node());
            assertThat(scheduledRun(account)).as("skipped, not queued").isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/api/accounts/" + account + "/schedule")
                    .body().path("nextRun").asText(), next -> !next.equals("null") && !next.isEmpty()
                    && Instant.parse(next).isAfter(planned));
        } finally {
            locks.release(ShopRuns.LOCK_KIND, account, running);
            runs.finish(running, SyncRuns.State.COMPLETED, null);
        }
    }

    @Test
    void aScheduledRunWhoseNodeDiedIsFailedAndItsMerchantToldWhy() throws Exception {
        String account = shopAccount();
        // a node (short lease, no heartbeat: it is gone) held the account's scheduled run
        RunLocks gone = new RunLocks(jdbc, runs, events, Duration.ofSeconds(1), "gone-node");
        long run = runs.start(ShopRuns.LOCK_KIND, account, "SCHEDULE", "gone-node");
        assertThat(gone.tryAcquire(ShopRuns.LOCK_KIND, account, run)).isEmpty();
        Map<String, Object> orderStep = new java.util.LinkedHashMap<>();
        orderStep.put("read", 12);
        orderStep.put("imported", 12);
        runs.addStep(run, "orders", orderStep);

        // another node asks for the account's run: once the lease has run out it takes the lock over
        RunLocks survivor = new RunLocks(jdbc, runs, events, Duration.ofSeconds(1), "survivor-node");
        long next = runs.start(ShopRuns.LOCK_KIND, account, "SCHEDULE", "survivor-node");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> survivor.tryAcquire(ShopRuns.LOCK_KIND, account, next).isEmpty());
        survivor.release(ShopRuns.LOCK_KIND, account, next);
        runs.finish(next, SyncRuns.State.COMPLETED, null);
        assertThat(runs.get(run).orElseThrow().state()).isEqualTo(SyncRuns.State.FAILED);

        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(account), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Sincro: scheduled run of account " + account + " FAILED (run " + run
                + ")");
        assertThat(GreenMailUtil.getBody(mail)).contains("orders: read 12, imported 12")
                .contains("Node gone-node stopped answering while it ran this run");
    }

    @Test
    void aScheduledRunAndAManualCustomerSyncShareTheCustomerSyncLock() {
        String account = shopAccount();
        // a manual customer sync is going (its run holds the lock; the refresh itself takes no time to matter)
        long holder = runs.start(CustomerSyncs.LOCK_KIND, account, "MANUAL", locks.node());
        assertThat(locks.tryAcquire(CustomerSyncs.LOCK_KIND, account, holder)).isEmpty();
        try {
            long shopRun = ((io.sincro.sync.OrderSyncs.Started) shopRuns.request(account, "SCHEDULE").orElseThrow())
                    .runId();
            JsonNode run = hub.awaitRun(shopRun);
            assertThat(run.path("state").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
            assertThat(run.path("steps").path("customers").path("problem").asText())
                    .contains("customer sync of this account is running: run " + holder);

            HubClient.Response refused = hub.post("/api/accounts/" + account + "/sync/customers", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("runId").asLong()).isEqualTo(holder);
        } finally {
            locks.release(CustomerSyncs.LOCK_KIND, account, holder);
            runs.finish(holder, SyncRuns.State.COMPLETED, null);
        }
    }

    @Test
    void theCustomerSyncRefreshesKnownCustomersInTheHubAndTheErpAndImportsNoOther() {
        String account = shopAccount();
        HubClient.Response imported = hub.post("/api/accounts/" + account + "/sync/orders", null);
        hub.awaitRun(imported.body().path("runId").asLong());
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.count(account, OrderState.NEW) == 0
                && runs.list(null, 20).stream().noneMatch(r -> r.state() == SyncRuns.State.RUNNING));
        Customers.Binding binding = customers.bindings(account).get(0);
        String erpCode = customers.get(binding.customerId()).orElseThrow().erpCode();
        assertThat(erpCode).isNotNull();
        shop.renameCustomer(binding.shopCustomerId(), null, "Marchetti");
        String stranger = "solo.nel.negozio." + sequence.incrementAndGet() + "@example.it";
        shop.addCustomerLike(binding.shopCustomerId(), stranger);

        HubClient.Response started = hub.post("/api/accounts/" + account + "/sync/customers", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode run = hub.awaitRun(started.body().path("runId").asLong());
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("steps").path("customers").path("changed").asInt()).isEqualTo(1);

        assertThat(customers.get(binding.customerId()).orElseThrow().lastName()).isEqualTo("Marchetti");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(erp.customers().stream()
                .filter(c -> c.path("codice").asText().equals(erpCode)).findFirst().orElseThrow()
                .path("cognome").asText()).isEqualTo("Marchetti"));
        assertThat(customers.findByEmail(stranger)).as("a customer only the shop has is not imported").isEmpty();
    }

    @Test
    void aScheduledCustomerSyncReadsOnlyTheCustomersChangedSinceTheLastOne() {
        String account = shopAccount();
        HubClient.Response imported = hub.post("/api/accounts/" + account + "/sync/orders", null);
        hub.awaitRun(imported.body().path("runId").asLong());
        List<Customers.Binding> known = customers.bindings(account);
        assertThat(known).hasSizeGreaterThanOrEqualTo(3);

        CustomerSyncs.Refreshed first = customerSyncs.refresh(account, true);
        assertThat(first.read()).as("no earlier run: every known customer").isEqualTo(known.size());
        shop.renameCustomer(known.get(1).shopCustomerId(), "Ornella", null);

        CustomerSyncs.Refreshed second = customerSyncs.refresh(account, true);
        assertThat(second.read()).as("the one changed in the shop since, and the last second of the previous read")
                .isBetween(1, 2);
        assertThat(second.changed()).isEqualTo(1);
        assertThat(customers.get(known.get(1).customerId()).orElseThrow().firstName()).isEqualTo("Ornella");
        CustomerSyncs.Refreshed third = customerSyncs.refresh(account, true);
        assertThat(third.read()).as("the last second is read again, nothing older").isEqualTo(1);
        assertThat(third.changed()).isZero();
    }

    // --------------------------------------------------------------------------------------- helpers

    /** A daily schedule whose one run is a few seconds from now (Europe/Rome wall clock). */
    Instant scheduleInAFewSeconds(String account) {
        HubClient.Response saved = hub.put("/api/accounts/" + account + "/schedule",
                Map.of("frequency", "DAILY", "at", aFewSecondsFromNow().toString()));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Instant next = Instant.parse(saved.body().path("nextRun").asText());
        assertThat(next).as("today, not tomorrow: the request took longer than the margin").isBefore(
                Instant.now().plusSeconds(15));
        return next;
    }

    /** Far enough for the schedule to be saved before it, on a slow machine too. */
    static LocalTime aFewSecondsFromNow() {
        return ZonedDateTime.now(Schedule.DEFAULT_ZONE).plusSeconds(8).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
    }

    SyncRuns.SyncRun scheduledRun(String account) {
        return runs.list(account, 50).stream()
                .filter(r -> r.kind().equals(ShopRuns.LOCK_KIND) && r.trigger().equals("SCHEDULE"))
                .findFirst().orElse(null);
    }

    MimeMessage mailTo(String account) throws Exception {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getSubject().contains("scheduled run of account " + account + " ")) {
                return message;
            }
        }
        return null;
    }

    /**
     * Every e-mail sent to the merchant of this account. Counting by recipient, not by the server's total, keeps
     * the mails of runs that other tests started (and that end a moment later) out of the count.
     */
    List<MimeMessage> mailsFor(String account) throws Exception {
        List<MimeMessage> sent = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients())
                    .anyMatch(to -> to.toString().equals(merchant(account)))) {
                sent.add(message);
            }
        }
        return sent;
    }

    static String merchant(String account) {
        return "merchant+" + account + "@example.it";
    }

    JsonNode preview(String account, Map<String, Object> schedule, String from) {
        HubClient.Response answer = hub.post("/api/accounts/" + account + "/schedule/preview?count=10&from=" + from,
                schedule);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    static List<String> localTimes(JsonNode preview) {
        List<String> times = new ArrayList<>();
        preview.path("runs").forEach(run -> times.add(run.path("local").asText()));
        return times;
    }


    String shopAccount() {
        String id = "scheduled-" + sequence.incrementAndGet();
        return TestShops.account(hub, shop, id, Map.of("notifyEmails", List.of(merchant(id))));
    }
}
