package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lookup tables, progressivi-articoli, operator changes of articles and customers, the generated catalogue. */
class ErpSimulatorCatalogueTest extends AbstractErpSimulatorTest {

    @Test
    void lookupTablesAreSeededAndListed() {
        JsonNode payments = get("/risorse/dati-generali/pagamenti").body().get("dati");
        assertThat(payments).extracting(p -> p.get("descrizione").asText()).contains("Rimessa diretta",
                "Bonifico bancario 30 gg DF", "Carta di credito", "PayPal", "Contrassegno");
        assertThat(payments.get(1).get("giorni_scadenza").toString()).isEqualTo("[[1,30]]");

        JsonNode lists = get("/risorse/dati-generali/listini").body().get("dati");
        assertThat(lists).hasSize(3);
        assertThat(lists.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(lists.get(0).get("gest_con_iva").asText()).isEqualTo("S");

        assertThat(get("/risorse/dati-generali/valute").body().get("dati")).extracting(v -> v.get("sigla").asText())
                .contains("EUR", "USD", "GBP");
        assertThat(get("/risorse/dati-generali/magazzini").body().get("dati")).extracting(m -> m.get("descrizione")
                .asText()).containsExactly("Sede", "Deposito");
        assertThat(get("/risorse/dati-generali/gruppi-merceologici").body().get("dati")).isNotEmpty();

        Answer nature = post("/risorse/dati-generali/esenzioni-iva/ricerca",
                "{\"filtri\":[{\"campo\":\"codice_natura\",\"condizione\":\"inizia_per\",\"valore\":\"N3\"}]}");
        assertThat(nature.body().get("dati")).extracting(e -> e.get("codice_natura").asText()).containsOnly("N3.1",
                "N3.5");
        assertThat(get("/risorse/dati-generali/pagamenti?info=true").body().get("campi")).isNotEmpty();
        assertThat(post("/risorse/dati-generali/pagamenti", "{\"id\":9}").status()).isEqualTo(404);
        assertThat(get("/risorse/dati-generali/pagamenti/1").status()).isEqualTo(404);

        simulator.putLookup("pagamenti", MAPPER.createObjectNode().put("id", 6).put("descrizione", "Satispay"));
        simulator.putLookup("dati-generali/pagamenti", MAPPER.createObjectNode().put("id", 4).put("descrizione",
                "PayPal Checkout"));
        Answer changed = post("/risorse/dati-generali/pagamenti/ricerca",
                "{\"filtri\":[{\"campo\":\"id\",\"condizione\":\">=\",\"valore\":4}]}");
        assertThat(changed.body().get("dati")).extracting(p -> p.get("descrizione").asText())
                .containsExactly("PayPal Checkout", "Contrassegno", "Satispay");
    }

    @Test
    void progressivesAreListedInColumnsAndHaveNoSearch() {
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        simulator.addArticle("ZUC-1KG", "Zucchero 1 kg", "10");
        simulator.setStock("CAF-1KG", 1, new BigDecimal("100"), new BigDecimal("20"), new BigDecimal("5"));
        simulator.setStock("CAF-1KG", 2, new BigDecimal("7"), BigDecimal.ZERO, BigDecimal.ZERO);
        simulator.setStock("ZUC-1KG", 1, new BigDecimal("50"), BigDecimal.ZERO, BigDecimal.ONE);

        Answer list = get("/risorse/progressivi-articoli?fields=cod_articolo,id_magazzino,qta_inventario,qta_carico");
        // [[record_index, value]] per field, zero values left out: CAF-1KG in 2 has no loads
        assertThat(list.body().get("cod_articolo").toString())
                .isEqualTo("[[1,\"CAF-1KG\"],[2,\"CAF-1KG\"],[3,\"ZUC-1KG\"]]");
        assertThat(list.body().get("id_magazzino").toString()).isEqualTo("[[1,1],[2,2],[3,1]]");
        assertThat(list.body().get("qta_carico").size()).isEqualTo(1);
        assertThat(list.body().has("qta_scarico")).as("only the fields asked for").isFalse();
        assertThat(list.body().get("data_ric_elab").asText()).matches("\\d{8} \\d{6}");

        assertThat(progressives(null, 1)).extracting(p -> p.get("cod_articolo").asText())
                .containsExactly("CAF-1KG", "ZUC-1KG");
        JsonNode caf = progressives("CAF-1KG", 1).get(0);
        assertThat(caf.get("qta_inventario").decimalValue()).isEqualByComparingTo("100");
        assertThat(caf.get("qta_carico").decimalValue()).isEqualByComparingTo("20");
        assertThat(caf.get("qta_scarico").decimalValue()).isEqualByComparingTo("5");
        assertThat(caf.get("descr_articolo").asText()).isEqualTo("Caffè in grani 1 kg");

        // as on the WebAPI: "non è disponibile l'endpoint /progressivi-articoli/ricerca"; 404 without a body
        Answer search = post("/risorse/progressivi-articoli/ricerca",
                "{\"filtri\":[{\"campo\":\"id_magazzino\",\"condizione\":\"=\",\"valore\":1}]}");
        assertThat(search.status()).isEqualTo(404);
        assertThat(search.raw()).isEmpty();
        assertThat(post("/risorse/progressivi-articoli", "{}").status()).isEqualTo(404);
        assertThat(get("/risorse/progressivi-articoli/CAF-1KG").status()).isEqualTo(404);
    }

    @Test
    void operatorChangesOfArticlesAndCustomersAreStamped() throws InterruptedException {
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        addCustomer("501.00001", "Bar Sport");
        String articleStamp = simulator.articles().get(0).get("data_ult_mod").asText();
        String customerStamp = simulator.customers().get(0).get("data_ult_mod").asText();
        ErpSimulatorMovementTest.waitForTheNextSecond(articleStamp.compareTo(customerStamp) > 0 ? articleStamp
                : customerStamp);

        simulator.setArticlePrice("CAF-1KG", 1, new BigDecimal("14.90"));
        simulator.setArticlePrice("CAF-1KG", 3, new BigDecimal("11"));
        simulator.setArticleGroup("CAF-1KG", "CAF");
        simulator.updateArticle("CAF-1KG", article -> article.put("descrizione", "Caffè in grani 1 kg (nuovo)"));
        simulator.updateCustomer("501.00001", customer -> customer.put("email", "info@barsport.it"));

        JsonNode article = get("/risorse/articoli/CAF-1KG").body();
        assertThat(article.get("prz_listino").toString()).isEqualTo("[[1,14.9],[3,11]]");
        assertThat(article.get("cod_grp_merc").asText()).isEqualTo("CAF");
        assertThat(article.get("descrizione").asText()).isEqualTo("Caffè in grani 1 kg (nuovo)");
        assertThat(article.get("data_ult_mod").asText()).isGreaterThan(articleStamp);
        Answer priced = post("/risorse/articoli/ricerca", "{\"filtri\":[{\"campo\":\"prz_listino\",\"indice1\":3,"
                + "\"condizione\":\"=\",\"valore\":11}]}");
        assertThat(priced.body().get("dati")).hasSize(1);

        JsonNode customer = get("/risorse/clienti/501.00001").body();
        assertThat(customer.get("email").asText()).isEqualTo("info@barsport.it");
        assertThat(customer.get("data_ult_mod").asText()).isGreaterThan(customerStamp);
        assertThat(customer.get("anag_dt_mod").asText()).matches("\\d{8}");
        Answer changed = post("/risorse/clienti/ricerca", "{\"filtri\":[{\"campo\":\"data_ult_mod\","
                + "\"condizione\":\">=\",\"valore\":\"" + customer.get("data_ult_mod").asText() + "\"}]}");
        assertThat(changed.body().get("dati")).hasSize(1);
    }

    @Test
    void aHundredThousandGeneratedArticlesArePagedWithoutAnObjectEach() {
        simulator.addArticle("AAA-1", "Primo", "22");
        simulator.addArticle("ZZZ-1", "Ultimo", "22");
        simulator.generateArticles(100_000);
        simulator.updateArticle("GEN050000", article -> article.put("descrizione", "Cambiato"));

        Set<String> codes = new HashSet<>();
        String previous = "";
        String next = null;
        int pages = 0;
        do {
            Answer page = get("/risorse/articoli?max=500&fields=codice,descrizione,prz_listino"
                    + (next == null ? "" : "&next=" + next));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode article : page.body().get("dati")) {
                String code = article.get("codice").asText();
                assertThat(code).isGreaterThan(previous);
                previous = code;
                codes.add(code);
            }
            assertThat(page.body().get("dati").size()).isLessThanOrEqualTo(500);
            next = page.body().path("next").asText(null);
            pages++;
            // the simulator holds the two articles added and the one changed, never the generated ones it lists
            assertThat(simulator.storedArticleCount()).isEqualTo(3);
        } while (next != null);

        assertThat(codes).hasSize(100_002).contains("AAA-1", "GEN000001", "GEN100000", "ZZZ-1");
        assertThat(pages).isEqualTo(201);
        assertThat(simulator.articles()).hasSize(3);

        JsonNode generated = get("/risorse/articoli/GEN000123").body();
        assertThat(generated.get("alq_iva").asText()).isEqualTo("22");
        assertThat(generated.get("cod_grp_merc").asText()).isNotBlank();
        assertThat(generated.get("prz_listino").size()).isEqualTo(2);
        assertThat(get("/risorse/articoli/GEN050000").body().get("descrizione").asText()).isEqualTo("Cambiato");
        assertThat(get("/risorse/articoli/GEN100001").status()).isEqualTo(404);

        Answer found = post("/risorse/articoli/ricerca?max=3", "{\"filtri\":[{\"campo\":\"codice\","
                + "\"condizione\":\">=\",\"valore\":\"GEN099999\"}]}");
        assertThat(found.body().get("dati")).extracting(a -> a.get("codice").asText())
                .containsExactly("GEN099999", "GEN100000", "ZZZ-1");

        Answer stock = get("/risorse/progressivi-articoli?max=500&fields=cod_articolo");
        assertThat(stock.body().get("cod_articolo")).hasSize(500);
        assertThat(stock.body().get("next")).isNotNull();
        assertThat(simulator.storedProgressiveCount()).isZero();
    }

    @Test
    void aGeneratedArticleCanBeOrderedAndDelivered() {
        addCustomer("501.00001", "Bar Sport");
        simulator.generateArticles(10);
        Answer created = post("/risorse/documenti/ordini-clienti", """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001","tp_riga":[[1,"R"]],
                 "codice_articolo":[[1,"GEN000007"]],"quantita":[[1,2]],"cod_iva":[[1,"22"]]}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        simulator.deliver(keyOf(created), null, null, null, null);

        JsonNode progressive = progressives("GEN000007", 1).get(0);
        assertThat(progressive.get("qta_scarico").decimalValue()).isEqualByComparingTo("2");
        assertThat(progressive.get("qta_inventario").decimalValue()).isEqualByComparingTo("7");
        assertThat(simulator.storedProgressiveCount()).isEqualTo(1);
        assertThat(progressives(null, null)).hasSize(10);
    }
}
