package io.sincro.listing.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.erp.ErpPull;
import io.sincro.store.ErpMirror;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Article facts read from the store and the filter preview over real HTTP and a real database. The
 * catalogue is written through the ERP mirror, as a full ERP sync writes it: 2,500 articles FLT-00001…,
 * more than two pages of the reader, in categories BEV > VIN and CAF.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class FilterPreviewScenarios {

    static final int ARTICLES = 2_500;

    @LocalServerPort
    int port;
    @Autowired
    ErpMirror mirror;
    @Autowired
    ArticleFactsReader reader;
    @Autowired
    JdbcClient jdbc;

    HubClient hub;

    @BeforeEach
    void catalogue() {
        hub = new HubClient(port);
        if (jdbc.sql("SELECT COUNT(*) FROM article WHERE code LIKE 'FLT-%'").query(Long.class).single() > 0) {
            return;
        }
        mirror.replaceLookups(ErpPull.CATEGORIES, List.of(
                new ErpMirror.Lookup(ErpPull.CATEGORIES, "BEV", "Bevande", "{}", null),
                new ErpMirror.Lookup(ErpPull.CATEGORIES, "VIN", "Vini", "{}", "BEV"),
                new ErpMirror.Lookup(ErpPull.CATEGORIES, "CAF", "Caffè", "{}", null)), 1);
        List<ErpMirror.ErpArticle> articles = new ArrayList<>();
        List<ErpMirror.Price> prices = new ArrayList<>();
        List<ErpMirror.Stock> stock = new ArrayList<>();
        for (int i = 1; i <= ARTICLES; i++) {
            String code = code(i);
            // every third article a wine, every third a drink, the rest coffee; every tenth cancelled in the ERP
            String category = i % 3 == 0 ? "VIN" : i % 3 == 1 ? "BEV" : "CAF";
            articles.add(new ErpMirror.ErpArticle(code, "Articolo " + i, "22", "pz", category, "20261129 120000",
                    i % 10 != 0, i % 2 == 0 ? Map.of("cod_natura", "PF") : Map.of()));
            prices.add(new ErpMirror.Price(code, 1, BigDecimal.valueOf(i)));
            stock.add(new ErpMirror.Stock(code, 1, BigDecimal.valueOf(i % 7), BigDecimal.valueOf(i % 7), null));
        }
        mirror.upsertArticles(articles, 1);
        mirror.upsertPrices(prices);
        mirror.upsertStock(stock);
    }

    static String code(int i) {
        return "FLT-%05d".formatted(i);
    }

    @Test
    void readGivesEachKnownArticleItsFactsAndLeavesUnknownCodesOut() {
        List<String> codes = new ArrayList<>(IntStream.rangeClosed(1, ARTICLES).mapToObj(FilterPreviewScenarios::code).toList());
        codes.add("NO-SUCH-ARTICLE");

        Map<String, ArticleFacts> facts = reader.read(codes);

        assertThat(facts).hasSize(ARTICLES).doesNotContainKey("NO-SUCH-ARTICLE");
        ArticleFacts wine = facts.get(code(30));
        assertThat(wine.description()).isEqualTo("Articolo 30");
        assertThat(wine.category()).isEqualTo("VIN");
        assertThat(wine.primaryCategory()).isEqualTo("VIN");
        assertThat(wine.categoryPath()).containsExactly("BEV", "VIN");
        assertThat(wine.published()).as("cancelled in the ERP").isFalse();
        assertThat(wine.price(1)).isEqualByComparingTo("30");
        assertThat(wine.price(2)).isNull();
        assertThat(wine.available(1)).isEqualByComparingTo("2");
        assertThat(wine.available(9)).isEqualByComparingTo("0");
        assertThat(wine.attribute("COD_NATURA")).isEqualTo("PF");
        ArticleFacts coffee = facts.get(code(29));
        assertThat(coffee.categoryPath()).containsExactly("CAF");
        assertThat(coffee.published()).isTrue();
        assertThat(coffee.attribute("cod_natura")).isNull();
    }

    @Test
    void forEachVisitsEveryArticleOnceInCodeOrderPageAfterPage() {
        List<String> seen = new ArrayList<>();
        reader.forEach(article -> {
            if (article.code().startsWith("FLT-")) {
                seen.add(article.code());
            }
        });

        assertThat(seen).hasSize(ARTICLES).doesNotHaveDuplicates().isSorted();
        assertThat(ARTICLES).isGreaterThan(2 * ArticleFactsReader.BATCH);
    }

    @Test
    void anAttributeTheErpClearedIsGoneAfterTheNextSyncReadsTheArticle() {
        String code = code(2_498);
        assertThat(reader.read(List.of(code)).get(code).attribute("cod_natura")).isEqualTo("PF");

        mirror.upsertArticles(List.of(new ErpMirror.ErpArticle(code, "Articolo 2498", "22", "pz", "CAF",
                "20261129 130000", true, Map.of("tipologia", "A"))), 2);

        ArticleFacts facts = reader.read(List.of(code)).get(code);
        assertThat(facts.attribute("cod_natura")).isNull();
        assertThat(facts.attribute("tipologia")).isEqualTo("A");
    }

    @Test
    void anArticleTheErpNoLongerHasMatchesNoFilter() {
        String code = "GONE-" + System.nanoTime();
        mirror.upsertArticles(List.of(new ErpMirror.ErpArticle(code, "Tolto", "22", "pz", "CAF", null, true, Map.of())), 3);
        assertThat(reader.read(List.of(code))).containsKey(code);
        // a full sync that did not see the article any more marks it REMOVED
        jdbc.sql("UPDATE article SET erp_state = 'REMOVED' WHERE code = ?").param(code).update();

        assertThat(reader.read(List.of(code))).isEmpty();
        HubClient.Response preview = hub.post("/api/filters/preview", Map.of("filter", "code = '" + code + "'"));
        assertThat(preview.body().path("matches").asLong()).isZero();
    }

    @Test
    void previewCountsEveryMatchAndListsTheFirstByCode() {
        // drinks: categories BEV and VIN (a sub-category of BEV), published, with some stock
        HubClient.Response preview = hub.as(viewerKey()).post("/api/filters/preview", Map.of(
                "filter", "code starts with 'FLT-' and category = 'BEV' and published and available[1] > 0", "limit", 5));

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        List<Integer> expected = IntStream.rangeClosed(1, ARTICLES)
                .filter(i -> i % 3 != 2 && i % 10 != 0 && i % 7 != 0).boxed().toList();
        assertThat(preview.body().path("matches").asLong()).isEqualTo(expected.size());
        assertThat(preview.body().path("filter").asText()).startsWith("code starts with");
        List<String> listed = new ArrayList<>();
        preview.body().path("articles").forEach(a -> listed.add(a.path("code").asText()));
        assertThat(listed).containsExactlyElementsOf(expected.subList(0, 5).stream().map(FilterPreviewScenarios::code)
                .toList());
        assertThat(preview.body().path("articles").get(0).path("description").asText()).isEqualTo("Articolo 1");
        assertThat(preview.body().path("fieldsUsed")).extracting(JsonNode::asText)
                .containsExactly("code", "category", "published", "available");
    }

    @Test
    void theEmptyFilterMatchesEveryArticleAndTheLimitDefaultsToFifty() {
        HubClient.Response preview = hub.post("/api/filters/preview", Map.of("filter", ""));

        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        long stored = jdbc.sql("SELECT COUNT(*) FROM article WHERE erp_state <> 'REMOVED'").query(Long.class).single();
        assertThat(preview.body().path("matches").asLong()).isEqualTo(stored);
        assertThat(preview.body().path("articles")).hasSize(50);
    }

    @Test
    void aFilterThatCannotBeReadIsA422SayingWhereAndWhat() {
        HubClient.Response refused = hub.post("/api/filters/preview", Map.of("filter", "available[1] contains 'x'"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.body().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("filter");
        assertThat(error.path("position").asInt()).isEqualTo(13);
        assertThat(error.path("expected").asText()).isEqualTo("one of =, !=, <, <=, >, >=, between or in");
        assertThat(error.path("message").asText())
                .isEqualTo("at 13: 'contains' does not apply to the number field available[1]");
        assertThat(refused.body().path("detail").asText()).contains("at 13:");

        HubClient.Response unfinished = hub.post("/api/filters/preview", Map.of("filter", "price[1] >= "));
        assertThat(unfinished.status()).isEqualTo(422);
        assertThat(unfinished.body().path("errors").get(0).path("position").asInt()).isEqualTo(12);
        assertThat(unfinished.body().path("errors").get(0).path("expected").asText()).isEqualTo("a value after '>='");
    }

    @Test
    void aRequestWithoutAFilterOrWithABadLimitIsA400NamingTheField() {
        HubClient.Response noFilter = hub.post("/api/filters/preview", Map.of("limit", 5));
        assertThat(noFilter.status()).as(noFilter.text()).isEqualTo(400);
        assertThat(noFilter.body().path("errors").get(0).path("field").asText()).isEqualTo("filter");

        HubClient.Response tooMany = hub.post("/api/filters/preview", Map.of("filter", "new", "limit", 100_000));
        assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").get(0).path("field").asText()).isEqualTo("limit");

        HubClient.Response notText = hub.raw("POST", "/api/filters/preview", "application/json", "{\"filter\":{\"a\":1}}");
        assertThat(notText.status()).as(notText.text()).isEqualTo(400);
        assertThat(notText.contentType()).startsWith("application/problem+json");

        HubClient.Response deep = hub.post("/api/filters/preview", Map.of("filter", "(".repeat(5_000) + "new"));
        assertThat(deep.status()).as(deep.text()).isEqualTo(422);
        assertThat(deep.body().path("errors").get(0).path("position").asInt()).isEqualTo(50);
    }

    @Test
    void previewNeedsAKey() {
        assertThat(hub.anonymous().post("/api/filters/preview", Map.of("filter", "new")).status()).isEqualTo(401);
    }

    private String viewerKey() {
        HubClient.Response made = hub.post("/api/keys", Map.of("name", "filter-viewer-" + System.nanoTime(), "role",
                "VIEWER"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.body().path("key").asText();
    }
}
