package io.sincro.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.listing.RuleEvaluation;
import io.sincro.store.ErpMirror;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The listings pages in a real browser: a listing, a shared sales rule and a sales list made through the API
 * (as in {@code ListingScenarios}), over articles written as an ERP sync writes them; then the lists page, a
 * list's items, its pending transactions and publication log, and the rule page's "test the filter" box with
 * a filter that cannot be read (its position marked) and one that can (its count). A VIEWER reads all of it
 * and finds no button that changes a list or a rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sincro.mail.enabled=false")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ScreenshotOnFailure.class)
class ListingsBrowserTest implements ScreenshotOnFailure.Watched {

    static final String PASSWORD = "listings in the console";
    static final String ACCOUNT = "listings-console-shop";
    static final String PREFIX = "LBT-";

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    RuleEvaluation evaluation;

    HubClient admin;
    ConsoleBrowser browser;
    long listing;
    long rule;
    long list;

    @Override
    public ConsoleBrowser browser() {
        return browser;
    }

    @BeforeAll
    void aListOfShoes() {
        admin = new HubClient(port);
        for (String[] user : new String[][] {{"lister", "OPERATOR"}, {"reader", "VIEWER"}}) {
            HubClient.Response made = admin.post("/api/users", Map.of("username", user[0], "password", PASSWORD,
                    "role", user[1]));
            assertThat(made.status()).as(made.text()).isEqualTo(201);
        }
        HubClient.Response shop = admin.post("/api/accounts", Map.of("id", ACCOUNT, "name", "Negozio inserzioni",
                "platform", "MAGENTO", "baseUrl", "https://listings.example.it", "storeCode", "it",
                "credentials", Map.of("mode", "BEARER", "accessToken", "not-used-here")));
        assertThat(shop.status()).as(shop.text()).isEqualTo(201);

        mirror.upsertArticles(List.of(article("A", "red shoe"), article("B", "blue shoe"), article("C", "green bag")), 1);
        mirror.upsertPrices(List.of(price("A"), price("B"), price("C")));
        mirror.upsertStock(List.of(stock("A"), stock("B"), stock("C")));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Scarpe su Magento");
        body.put("accountId", ACCOUNT);
        body.put("storeCode", "it");
        body.put("fields", List.of("code", "description"));
        body.put("warehouses", List.of(1));
        body.put("quantity", Map.of("kind", "PERCENT", "percent", 100));
        body.put("price", Map.of("priceList", 1));
        body.put("syncRules", Map.of("publish", Map.of("enabled", true, "inStock", true)));
        listing = created(admin.post("/api/listings", body));
        rule = created(admin.post("/api/sales-rules", Map.of("name", "Scarpe", "marketplace", "MAGENTO",
                "articleFilter", "code starts with \"" + PREFIX + "\" and description contains \"shoe\"",
                "addAction", "ADD_TO_LIST", "removalAction", "STOP_ON_MARKETPLACE", "updateAction", "NONE",
                "treatAsOnSale", false)));
        list = created(admin.post("/api/lists", Map.of("name", "Scarpe in vendita", "listingId", listing, "ruleId", rule)));
        // the shop published A (what a delivery reports): A is on sale, B still waits for its PUBLISH
        JsonNode publishA = pending().stream().filter(t -> t.path("articleCode").asText().equals(PREFIX + "A"))
                .findFirst().orElseThrow();
        evaluation.done(publishA.path("id").asLong(), "m-" + PREFIX + "A");
        assertThat(pending()).extracting(t -> t.path("kind").asText() + " " + t.path("articleCode").asText())
                .containsExactly("PUBLISH " + PREFIX + "B");
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
    void anOperatorSeesTheListItsItemsAndPendingTransactionsAndTestsAFilter() {
        browser.open("/");
        browser.signIn("lister", PASSWORD);
        browser.clickable(By.id("nav-listings")).click();

        WebElement row = browser.visible(By.cssSelector("tr[data-list='" + list + "']"));
        assertThat(row.getText()).contains("Scarpe in vendita").contains("Scarpe su Magento").contains("Scarpe");
        assertThat(row.findElement(By.cssSelector("[data-count='items']")).getText()).isEqualTo("2");
        assertThat(row.findElement(By.cssSelector("[data-count='pending']")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.cssSelector("[data-count='states']")).getText())
                .contains("Pubblicato 1").contains("Non pubblicato 1");

        row.findElement(By.linkText("Scarpe in vendita")).click();
        WebElement published = browser.visible(By.cssSelector("tr[data-item='" + PREFIX + "A']"));
        assertThat(browser.visible(By.cssSelector("dl.facts a[href='#/listings/rules/" + rule + "']")).getText())
                .isEqualTo("Scarpe");
        assertThat(published.findElement(By.cssSelector("[data-origin]")).getDomAttribute("data-origin"))
                .isEqualTo("AUTOMATIC");
        assertThat(published.findElement(By.cssSelector("[data-state]")).getDomAttribute("data-state"))
                .isEqualTo("PUBLISHED");
        assertThat(published.getText()).contains("È in vendita sul marketplace").contains("m-" + PREFIX + "A");
        WebElement waiting = browser.visible(By.cssSelector("tr[data-item='" + PREFIX + "B']"));
        assertThat(waiting.getText()).contains("Non pubblicato").contains("Non è ancora sul marketplace");
        assertThat(browser.all(By.cssSelector("tr[data-item='" + PREFIX + "C']"))).as("not a shoe").isEmpty();

        List<WebElement> transactions = browser.all(By.cssSelector("table.transactions tbody tr"));
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0).getDomAttribute("data-kind")).isEqualTo("PUBLISH");
        assertThat(transactions.get(0).getText()).contains("Pubblicazione").contains(PREFIX + "B")
                .contains(pending().get(0).path("reason").asText());
        assertThat(browser.all(By.cssSelector("table.log tbody tr"))).hasSize(admin.get("/api/lists/" + list + "/log")
                .body().size()).isNotEmpty();
        assertThat(browser.driver().findElement(By.cssSelector("table.log")).getText()).contains("PUBLISH");
        browser.screenshot(ConsoleBrowserTest.PICTURES.resolve("sales-list.png"));

        browser.go("#/listings/rules/" + rule);
        WebElement filter = browser.visible(By.id("rule-articleFilter"));
        String unreadable = "description contains \"shoe\" and and code = \"A\"";
        int position = admin.post("/api/filters/preview", Map.of("filter", unreadable)).body()
                .path("errors").get(0).path("position").asInt();
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        filter.sendKeys(unreadable);
        browser.clickable(By.cssSelector("[data-action='test-filter']")).click();

        WebElement error = browser.visible(By.id("filter-error"));
        assertThat(error.getDomAttribute("data-position")).isEqualTo(String.valueOf(position));
        assertThat(error.getText()).contains(String.valueOf(position));
        WebElement marked = browser.visible(By.id("filter-error-at"));
        browser.screenshot(ConsoleBrowserTest.PICTURES.resolve("sales-rule-filter-error.png"));
        assertThat(marked.getText()).isEqualTo(unreadable.substring(position, position + 1));
        assertThat(browser.driver().findElement(By.cssSelector("pre.filter-source")).getText()).isEqualTo(unreadable);

        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        filter.sendKeys("code starts with \"" + PREFIX + "\"");
        browser.clickable(By.cssSelector("[data-action='test-filter']")).click();
        WebElement count = browser.visible(By.id("filter-count"));
        assertThat(count.getDomAttribute("data-matches")).isEqualTo("3");
        assertThat(count.getText()).contains("3");
        assertThat(browser.all(By.cssSelector("#filter-articles li"))).extracting(li -> li.getDomAttribute("data-article"))
                .containsExactly(PREFIX + "A", PREFIX + "B", PREFIX + "C");
        assertThat(browser.all(By.id("filter-error"))).isEmpty();
        browser.screenshot(ConsoleBrowserTest.PICTURES.resolve("sales-rule.png"));
        assertThat(admin.get("/api/sales-rules/" + rule).body().path("articleFilter").asText())
                .as("a test saves nothing").contains("shoe");

        // what the unsaved filter would do to the list: the bag would come in, published as the listing says
        browser.clickable(By.cssSelector("[data-action='what-if'][data-list='" + list + "']")).click();
        WebElement added = browser.visible(By.cssSelector("#what-if [data-what-if='added']"));
        assertThat(added.getText()).contains("1").contains(PREFIX + "C");
        assertThat(browser.all(By.cssSelector("#what-if table.what-if-transactions tr[data-kind='PUBLISH']")))
                .extracting(WebElement::getText).anySatisfy(decided -> assertThat(decided).contains(PREFIX + "C"));
        assertThat(items()).as("a what-if changes nothing").containsExactlyInAnyOrder(PREFIX + "A", PREFIX + "B");
        assertThat(admin.get("/api/sales-rules/" + rule).body().path("articleFilter").asText()).contains("shoe");
    }

    @Test
    void anOperatorMakesARuleWhoseUnreadableFilterIsRefusedWithItsPositionThenSavedOnceFixed() {
        int rules = admin.get("/api/sales-rules").body().size();
        browser.open("/#/listings/rules");
        browser.signIn("lister", PASSWORD);
        browser.clickable(By.cssSelector("[data-action='new-rule']")).click();
        browser.visible(By.id("rule-name")).sendKeys("Borse");
        WebElement filter = browser.visible(By.id("rule-articleFilter"));
        filter.sendKeys("description contains");
        browser.clickable(By.id("save-rule")).click();

        WebElement error = browser.visible(By.id("filter-error"));
        assertThat(error.getDomAttribute("data-position")).isEqualTo(String.valueOf("description contains".length()));
        assertThat(browser.visible(By.cssSelector(".field-error[data-error-for='articleFilter']")).getText())
                .isNotBlank();
        assertThat(admin.get("/api/sales-rules").body()).as("nothing saved").hasSize(rules);

        filter.sendKeys(" \"bag\"");
        browser.clickable(By.id("save-rule")).click();
        browser.waitFor(d -> d.getCurrentUrl().matches(".*#/listings/rules/\\d+$"));
        long made = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/listings/rules/", ""));
        JsonNode saved = admin.get("/api/sales-rules/" + made).body();
        assertThat(saved.path("name").asText()).isEqualTo("Borse");
        assertThat(saved.path("articleFilter").asText()).isEqualTo("description contains \"bag\"");
        assertThat(saved.path("shared").asBoolean()).isTrue();
        assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Borse");
    }

    @Test
    void anOperatorAddsAnArticleByHandAndRemovesIt() {
        browser.open("/#/listings/lists/" + list);
        browser.signIn("lister", PASSWORD);
        browser.visible(By.id("add-articles")).sendKeys(PREFIX + "C");
        browser.clickable(By.cssSelector("[data-action='add-items']")).click();

        WebElement manual = browser.visible(By.cssSelector("tr[data-item='" + PREFIX + "C']"));
        assertThat(manual.findElement(By.cssSelector("[data-origin]")).getDomAttribute("data-origin")).isEqualTo("MANUAL");
        assertThat(items()).contains(PREFIX + "C");
        assertThat(browser.all(By.cssSelector("tr[data-item='" + PREFIX + "A'] [data-action='remove-item']")))
                .as("an AUTOMATIC item leaves only by the filter").isEmpty();

        manual.findElement(By.cssSelector("[data-action='remove-item']")).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-item='" + PREFIX + "C']")).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !items().contains(PREFIX + "C"));
    }

    @Test
    void aViewerReadsTheListsAndRulesButFindsNoButtonThatChangesThem() {
        browser.open("/#/listings/lists/" + list);
        browser.signIn("reader", PASSWORD);
        browser.visible(By.cssSelector("tr[data-item='" + PREFIX + "A']"));
        assertThat(browser.all(By.id("add-items"))).isEmpty();
        assertThat(browser.all(By.cssSelector("[data-action='remove-item']"))).isEmpty();

        browser.go("#/listings/rules");
        browser.visible(By.cssSelector("tr[data-rule='" + rule + "']"));
        assertThat(browser.all(By.cssSelector("[data-action='new-rule']"))).isEmpty();
        browser.go("#/listings/rules/" + rule);
        assertThat(browser.visible(By.id("rule-articleFilter")).isEnabled()).isFalse();
        assertThat(browser.all(By.id("save-rule"))).isEmpty();
        // testing a filter changes nothing: a VIEWER may
        browser.visible(By.id("filter-test-text")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        browser.driver().findElement(By.id("filter-test-text")).sendKeys("description contains \"bag\"");
        browser.clickable(By.cssSelector("[data-action='test-filter']")).click();
        assertThat(browser.visible(By.id("filter-count")).getDomAttribute("data-matches")).isEqualTo("1");
    }

    private List<JsonNode> pending() {
        HubClient.Response answer = admin.get("/api/lists/" + list + "/transactions?state=PENDING");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return StreamSupport.stream(answer.body().spliterator(), false).toList();
    }

    private List<String> items() {
        return StreamSupport.stream(admin.get("/api/lists/" + list + "/items").body().spliterator(), false)
                .map(i -> i.path("articleCode").asText()).toList();
    }

    private static long created(HubClient.Response answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.body().path("id").asLong();
    }

    private static ErpMirror.ErpArticle article(String code, String description) {
        return new ErpMirror.ErpArticle(PREFIX + code, description, "22", "pz", "SHOES", null);
    }

    private static ErpMirror.Price price(String code) {
        return new ErpMirror.Price(PREFIX + code, 1, new BigDecimal("10"));
    }

    private static ErpMirror.Stock stock(String code) {
        return new ErpMirror.Stock(PREFIX + code, 1, BigDecimal.valueOf(5), BigDecimal.valueOf(5), null);
    }
}
