package io.sincro.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.sandbox.SandboxConfiguration;
import io.sincro.sandbox.magento.MagentoSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's first hour, in a real browser on the sandbox hub (README's first command): sign in,
 * see the sandbox account, press "Sync orders", watch the run end, open a held order, fix the account's
 * payment table, retry the order and see it reach the ERP; test a schedule before saving it; replay a
 * dead letter; and a VIEWER who sees everything and can press nothing.
 *
 * <p>The sandbox account is made a newcomer's: its payment table lacks {@code checkmo}, so those orders
 * are held, and the shop fails every read of one registered customer, so that customer's orders end in
 * the dead-letter store. Its hourly schedule is moved to a monthly slot no test run meets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.mail.enabled=false", "sincro.sandbox.magento.orders=40",
                "sincro.sandbox.sync-on-start=false",
                // a sandbox ERP of its own, not the README hub's under ./data
                "sincro.sandbox.erp.data-file=target/sandbox-erp-${random.uuid}.jsonl",
                "sincro.schedules.accounts.sandbox-magento.frequency=MONTHLY",
                "sincro.schedules.accounts.sandbox-magento.day-of-month=15",
                "sincro.schedules.accounts.sandbox-magento.at=03:00"})
@ActiveProfiles({"test", "sandbox"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// the walk comes first, so that its "Sync orders" is the one that imports the shop's orders; the others
// do not depend on it (they sync first when it has not)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ScreenshotOnFailure.class)
class ConsoleBrowserTest implements ScreenshotOnFailure.Watched {

    static final String PASSWORD = "first hour in the console";
    static final String ACCOUNT = SandboxConfiguration.ACCOUNT_ID;
    /** Where the README's pictures come from: this test makes them on every run. */
    static final Path PICTURES = Path.of("target", "console-screenshots");

    @DynamicPropertySource
    static void erpPort(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            registry.add("sincro.sandbox.erp.port", () -> port);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MagentoSimulator magento;

    HubClient admin;
    ConsoleBrowser browser;
    long failingCustomer;

    @Override
    public ConsoleBrowser browser() {
        return browser;
    }

    @BeforeAll
    void aNewcomersHub() {
        admin = new HubClient(port).as("sincro-sandbox-admin-key");
        for (String[] user : new String[][] {{"merchant", "ADMIN"}, {"clerk", "VIEWER"}}) {
            HubClient.Response made = admin.post("/api/users", Map.of("username", user[0], "password", PASSWORD,
                    "role", user[1]));
            assertThat(made.status()).as(made.text()).isEqualTo(201);
        }
        HubClient.Response unmapped = admin.patch("/api/accounts/" + ACCOUNT,
                Map.of("settings", Map.of("paymentMethods", java.util.Collections.singletonMap("checkmo", null))));
        assertThat(unmapped.status()).as(unmapped.text()).isEqualTo(200);
        failingCustomer = magento.shop().orders().stream()
                .filter(o -> o.path("customer_is_guest").asInt() == 0 && o.path("customer_id").asLong() > 0)
                .map(o -> o.path("customer_id").asLong()).findFirst().orElseThrow();
        magento.failCustomer(failingCustomer, 100_000, 500);
        HubClient.Response shop = admin.post("/api/accounts", Map.of("id", "console-shop", "name", "Negozio di prova",
                "platform", "MAGENTO", "baseUrl", magento.baseUrl(), "storeCode", "default",
                "credentials", Map.of("mode", "BEARER", "accessToken", "not-used-here")));
        assertThat(shop.status()).as(shop.text()).isEqualTo(201);
    }

    @BeforeEach
    void openBrowser() {
        browser = new ConsoleBrowser(port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    @Order(1)
    void aMerchantSyncsOrdersFixesThePaymentTableThatHeldAnOrderAndRetriesItIntoTheErp() {
        browser.open("/");
        browser.signIn("merchant", PASSWORD);
        WebElement card = browser.visible(By.cssSelector("article[data-account='" + ACCOUNT + "']"));
        assertThat(card.getText()).contains("Sandbox Magento shop");

        card.findElement(By.cssSelector("[data-action='sync-orders']")).click();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*#/runs/\\d+$"));
        long runId = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/runs/", ""));
        String state = browser.waitFor(Duration.ofSeconds(90), d -> {
            String shown = d.findElement(By.cssSelector("#run-state [data-state]")).getDomAttribute("data-state");
            return "RUNNING".equals(shown) ? null : shown;
        });
        assertThat(state).isIn("COMPLETED", "COMPLETED_WITH_ERRORS");
        assertThat(admin.get("/api/runs/" + runId).body().path("state").asText()).isEqualTo(state);
        int held = admin.get("/api/runs/" + runId).body().path("ordersHeld").asInt();
        assertThat(held).isPositive();
        assertThat(browser.visible(By.cssSelector("[data-count='ordersHeld']")).getText()).isEqualTo(String.valueOf(held));

        browser.go("#/");
        WebElement heldLink = browser.visible(By.cssSelector("article[data-account='" + ACCOUNT + "'] [data-count='held']"));
        assertThat(heldLink.getText()).contains(String.valueOf(held));
        browser.screenshot(PICTURES.resolve("dashboard.png"));

        JsonNode unmapped = StreamSupport.stream(admin.get("/api/orders?account=" + ACCOUNT + "&state=HELD&limit=1000")
                .body().spliterator(), false)
                .filter(o -> o.path("holds").toString().contains("UNMAPPED_PAYMENT")).findFirst().orElseThrow();
        long orderId = unmapped.path("id").asLong();
        heldLink.click();
        browser.clickable(By.cssSelector("tr[data-order='" + orderId + "'] a")).click();
        WebElement hold = browser.visible(By.cssSelector("[data-hold='UNMAPPED_PAYMENT']"));
        assertThat(hold.getText()).contains("Metodo di pagamento senza corrispondenza").contains("checkmo");
        browser.screenshot(PICTURES.resolve("held-order.png"));

        hold.findElement(By.linkText("Modifica l'account")).click();
        WebElement payments = browser.visible(By.cssSelector("textarea[data-field='settings.paymentMethods']"));
        String table = payments.getDomProperty("value");
        payments.clear();
        payments.sendKeys(table + "\ncheckmo = 1");
        browser.clickable(By.id("save-account")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/" + ACCOUNT).body()
                .path("settings").path("paymentMethods").path("checkmo").asText(), "1"::equals);
        assertThat(admin.get("/api/accounts/" + ACCOUNT).body().path("settings").path("paymentMethods").size())
                .isEqualTo(4);

        browser.go("#/orders/" + orderId);
        browser.clickable(By.cssSelector("[data-action='retry']")).click();
        String erpKey = browser.waitFor(Duration.ofSeconds(60), d -> {
            String shown = d.findElement(By.cssSelector("#order-state [data-state]")).getDomAttribute("data-state");
            return "STORED".equals(shown) ? d.findElement(By.id("order-erp-key")).getText() : null;
        });
        JsonNode stored = admin.get("/api/orders/" + orderId).body();
        assertThat(stored.path("state").asText()).isEqualTo("STORED");
        assertThat(erpKey).startsWith(stored.path("erpKey").asText()).startsWith("OC+");

        browser.go("#/orders");
        browser.visible(By.id("search-erpKey")).sendKeys(stored.path("erpKey").asText());
        browser.driver().findElement(By.cssSelector("#order-search button[type='submit']")).click();
        List<WebElement> found = browser.waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("table.orders tbody tr"));
            return rows.size() == 1 ? rows : null;
        });
        assertThat(found.get(0).getDomAttribute("data-order")).isEqualTo(String.valueOf(orderId));
    }

    @Test
    void heldOrdersRetriedTogetherSayWhichStayHeldAndWhy() {
        ordersSynced();
        JsonNode invalidVat = StreamSupport.stream(admin.get("/api/orders?account=" + ACCOUNT + "&state=HELD&limit=1000")
                .body().spliterator(), false)
                .filter(o -> o.path("holds").toString().contains("INVALID_VAT_NUMBER")).findFirst().orElseThrow();
        long id = invalidVat.path("id").asLong();
        browser.open("/#/orders?account=" + ACCOUNT + "&state=HELD");
        browser.signIn("merchant", PASSWORD);

        browser.clickable(By.cssSelector("tr[data-order='" + id + "'] input[type='checkbox']")).click();
        browser.clickable(By.cssSelector("[data-action='retry-selected']")).click();

        WebElement result = browser.visible(By.cssSelector("#retry-result li[data-order='" + id + "']"));
        assertThat(result.findElement(By.cssSelector("[data-state]")).getDomAttribute("data-state")).isEqualTo("HELD");
        assertThat(result.getText()).contains("partita IVA");
        assertThat(browser.driver().findElement(By.id("retry-result")).getText()).contains("1");
        assertThat(admin.get("/api/orders/" + id).body().path("state").asText()).isEqualTo("HELD");
    }

    @Test
    void aSearchTheApiRefusesNamesTheFieldAndKeepsTheForm() {
        browser.open("/#/orders");
        browser.signIn("clerk", PASSWORD);
        browser.visible(By.id("search-erpKey")).sendKeys("not a key");
        browser.driver().findElement(By.cssSelector("#order-search button[type='submit']")).click();

        WebElement error = browser.visible(By.cssSelector(".field-error[data-error-for='erpKey']"));
        assertThat(error.getText()).contains("OC+1+3");
        assertThat(browser.driver().findElement(By.id("search-erpKey")).getDomProperty("value")).isEqualTo("not a key");
    }

    @Test
    void aScheduleIsTestedBeforeItIsSavedAndThenReset() {
        browser.open("/#/accounts/console-shop");
        browser.signIn("merchant", PASSWORD);
        browser.visible(By.id("schedule-none"));
        new org.openqa.selenium.support.ui.Select(browser.visible(By.id("schedule-frequency"))).selectByValue("DAILY");
        browser.visible(By.id("schedule-runsPerDay")).sendKeys("3");
        browser.visible(By.id("schedule-windowStart")).sendKeys("08:00");
        browser.visible(By.id("schedule-windowEnd")).sendKeys("20:00");
        assertThat(browser.driver().findElement(By.id("schedule-dayOfMonth")).isDisplayed()).isFalse();

        browser.clickable(By.cssSelector("[data-action='preview-schedule']")).click();
        List<WebElement> runs = browser.waitFor(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("#schedule-preview li"));
            return shown.size() == 10 ? shown : null;
        });
        assertThat(runs).allSatisfy(run -> assertThat(run.getText()).containsAnyOf("08:00", "12:00", "16:00"));
        assertThat(admin.get("/api/accounts/console-shop/schedule").status()).as("a preview saves nothing").isEqualTo(404);

        browser.clickable(By.cssSelector("[data-action='save-schedule']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/console-shop/schedule").status() == 200);
        JsonNode saved = admin.get("/api/accounts/console-shop/schedule").body().path("schedule");
        assertThat(saved.path("frequency").asText()).isEqualTo("DAILY");
        assertThat(saved.path("runsPerDay").asInt()).isEqualTo(3);
        assertThat(saved.path("windowStart").asText()).startsWith("08:00");

        browser.clickable(By.cssSelector("[data-action='reset-schedule']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/accounts/console-shop/schedule").status() == 404);
        browser.visible(By.id("schedule-none"));
    }

    @Test
    void aScheduleTheApiRefusesShowsTheReasonAndSavesNothing() {
        browser.open("/#/accounts/console-shop");
        browser.signIn("merchant", PASSWORD);
        new org.openqa.selenium.support.ui.Select(browser.visible(By.id("schedule-frequency"))).selectByValue("DAILY");
        browser.visible(By.id("schedule-runsPerDay")).sendKeys("3");
        browser.visible(By.id("schedule-windowStart")).sendKeys("25:99");

        browser.clickable(By.cssSelector("[data-action='save-schedule']")).click();

        WebElement flash = browser.visible(By.cssSelector(".flash-error"));
        assertThat(flash.getText()).isNotBlank();
        assertThat(admin.get("/api/accounts/console-shop/schedule").status()).isEqualTo(404);
    }

    @Test
    void anAccountFieldTheApiRefusesIsNamedUnderThatField() {
        browser.open("/#/accounts/console-shop");
        browser.signIn("merchant", PASSWORD);
        WebElement pageSize = browser.visible(By.cssSelector("input[data-field='settings.pageSize']"));
        pageSize.clear();
        pageSize.sendKeys("-5");
        browser.clickable(By.id("save-account")).click();

        WebElement error = browser.visible(By.cssSelector(".field-error[data-error-for='settings.pageSize']"));
        assertThat(error.getText()).contains("1").contains("300");
        assertThat(admin.get("/api/accounts/console-shop").body().path("settings").path("pageSize").asInt()).isEqualTo(100);
    }

    @Test
    void aDeadLetterIsReplayedFromTheConsole() {
        ordersSynced();
        JsonNode letter = await().atMost(Duration.ofSeconds(60)).until(() -> StreamSupport.stream(
                admin.get("/api/dead-letters?state=OPEN&account=" + ACCOUNT).body().spliterator(), false).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        magento.resetFaults();

        browser.open("/#/dead-letters");
        browser.signIn("merchant", PASSWORD);
        browser.clickable(By.cssSelector("tr[data-dead-letter='" + letter.path("id").asText() + "'] [data-action='replay']"))
                .click();

        await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                admin.get("/api/dead-letters?state=REPLAYED").body().spliterator(), false)
                .anyMatch(l -> l.path("id").asLong() == letter.path("id").asLong()));
        browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-dead-letter='" + letter.path("id").asText() + "']"))
                .isEmpty());
        assertThat(browser.visible(By.cssSelector(".flash")).getText()).contains("1");
    }

    @Test
    void aViewerSeesTheAccountsAndOrdersButNoButtonToActAndMayReadInEnglish() {
        ordersSynced();
        browser.open("/");
        browser.signIn("clerk", PASSWORD);
        WebElement card = browser.visible(By.cssSelector("article[data-account='" + ACCOUNT + "']"));
        assertThat(card.findElements(By.cssSelector("[data-action]"))).isEmpty();
        assertThat(browser.all(By.cssSelector("[data-action='delta-sync'], [data-action='full-sync']"))).isEmpty();

        JsonNode held = admin.get("/api/orders?account=" + ACCOUNT + "&state=HELD&limit=1").body().get(0);
        browser.go("#/orders/" + held.path("id").asText());
        browser.visible(By.id("holds"));
        assertThat(browser.all(By.cssSelector("[data-action='retry']"))).isEmpty();
        browser.go("#/accounts/" + ACCOUNT);
        assertThat(browser.visible(By.cssSelector("input[data-field='name']")).isEnabled()).isFalse();
        assertThat(browser.all(By.id("save-account"))).isEmpty();

        new org.openqa.selenium.support.ui.Select(browser.visible(By.id("lang"))).selectByValue("en");
        browser.waitFor(d -> d.findElement(By.cssSelector("#nav a[href='#/orders']")).getText().equals("Orders"));
        browser.open("/");
        assertThat(browser.visible(By.cssSelector("#nav a[href='#/orders']")).getText()).isEqualTo("Orders");
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsShown() {
        browser.open("/");
        browser.visible(By.name("username")).sendKeys("merchant");
        browser.driver().findElement(By.name("password")).sendKeys("not the password");
        browser.driver().findElement(By.id("sign-in")).click();

        String refusal = browser.waitFor(d -> {
            String text = d.findElement(By.id("login-error")).getText();
            return text.isBlank() ? null : text;
        });
        assertThat(refusal).contains("errati");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void aFirstDeltaSyncSaysItRunsAsAFullOneThatUsesTheQuota() {
        browser.open("/");
        browser.signIn("merchant", PASSWORD);
        browser.clickable(By.cssSelector("[data-action='delta-sync']")).click();

        WebElement warning = browser.visible(By.cssSelector(".flash-warning"));
        assertThat(warning.getText()).contains("totale").contains("monte");
        assertThat(browser.visible(By.id("run-ran-as")).getText()).contains("Sincronizzazione variati")
                .contains("Sincronizzazione totale");
        long runId = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/runs/", ""));
        await().atMost(Duration.ofSeconds(120)).until(() -> !admin.get("/api/runs/" + runId).body().path("state").asText()
                .equals("RUNNING"));
    }

    @Test
    void signingOutEndsTheSession() {
        browser.open("/");
        browser.signIn("clerk", PASSWORD);
        browser.clickable(By.id("sign-out")).click();

        browser.visible(By.id("login-form"));
        browser.open("/#/orders");
        browser.visible(By.id("login-form"));
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    /** The tests that need imported orders do not depend on running after the first-hour walk. */
    private synchronized void ordersSynced() {
        boolean synced = StreamSupport.stream(admin.get("/api/runs?account=" + ACCOUNT).body().spliterator(), false)
                .anyMatch(r -> r.path("kind").asText().equals("ORDER_SYNC"));
        if (!synced) {
            HubClient.Response started = admin.post("/api/accounts/" + ACCOUNT + "/sync/orders", null);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> StreamSupport.stream(
                admin.get("/api/runs?account=" + ACCOUNT).body().spliterator(), false)
                .noneMatch(r -> r.path("state").asText().equals("RUNNING")));
    }

}
