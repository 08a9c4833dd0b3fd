package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** articoli and alias-articoli. */
class ErpSimulatorArticleTest extends AbstractErpSimulatorTest {

    private static final String ARTICOLI = "/risorse/articoli";

    @Test
    void createsAnArticleWithItsVatCode() {
        Answer created = post(ARTICOLI, "{\"codice\":\"CAF-1KG\",\"descrizione\":\"Caffè in grani 1 kg\",\"alq_iva\":22}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw()).isEmpty();
        assertThat(created.header("Location")).isEqualTo("/webapi/risorse/articoli/CAF-1KG");
        ObjectNode stored = simulator.articles().get(0);
        assertThat(stored.get("alq_iva").asText()).isEqualTo("22");
        assertThat(stored.get("data_ult_mod").asText()).matches("\\d{8} \\d{6}");
        assertThat(get(ARTICOLI + "/CAF-1KG").body().get("descrizione").asText()).isEqualTo("Caffè in grani 1 kg");
    }

    @Test
    void aMissingVatCodeIsAliquotaIvaObbligatoria() {
        Answer answer = post(ARTICOLI, "{\"codice\":\"CAF-1KG\",\"descrizione\":\"Caffè\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("6001 - errore gestionale [Aliquota iva obbligatoria]");
        assertThat(simulator.articles()).isEmpty();
    }

    @Test
    void aCodeLongerThanTwentyCharactersIsRefused() {
        assertThat(post(ARTICOLI, "{\"codice\":\"ABCDEFGHIJKLMNOPQRSTU\",\"descrizione\":\"x\",\"alq_iva\":\"22\"}")
                .detail()).isEqualTo("6001 - errore gestionale [Codice articolo troppo lungo]");
        assertThat(post(ARTICOLI, "{\"codice\":\"ABCDEFGHIJKLMNOPQRST\",\"descrizione\":\"x\",\"alq_iva\":\"22\"}")
                .status()).isEqualTo(201);
    }

    @Test
    void otherArticleValidations() {
        simulator.addArticle("ESISTE", "Esistente", "22");

        assertThat(post(ARTICOLI, "{\"codice\":\"NUOVO\",\"alq_iva\":\"22\"}").detail())
                .isEqualTo("6001 - errore gestionale [Campo obbligatorio: descrizione]");
        assertThat(post(ARTICOLI, "{\"codice\":\"ESISTE\",\"descrizione\":\"x\",\"alq_iva\":\"22\"}").detail())
                .isEqualTo("6001 - errore gestionale [Codice già esistente]");
        assertThat(post(ARTICOLI, "{\"codice\":\"NUOVO\",\"descrizione\":\"x\",\"cod_iva\":\"22\"}").detail())
                .isEqualTo("6001 - errore gestionale [Campo sconosciuto: cod_iva]");
        assertThat(put(ARTICOLI + "/ESISTE", "{\"codice\":\"ESISTE\",\"alq_iva\":\"\"}").detail())
                .isEqualTo("6001 - errore gestionale [Aliquota iva obbligatoria]");
        assertThat(put(ARTICOLI + "/ESISTE", "{\"codice\":\"ESISTE\",\"descrizione\":\"Nuova\"}").status()).isEqualTo(204);
        assertThat(simulator.articles().get(0).get("descrizione").asText()).isEqualTo("Nuova");
    }

    @Test
    void aCodeWithASlashIsReadHexEncoded() {
        simulator.addArticle("ARTI/S", "Con barra", "22");

        Answer read = get(ARTICOLI + "/415254492f53?encoding=hex");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("codice").asText()).isEqualTo("ARTI/S");
    }

    @Test
    void anArticleIsFoundByItsAlias() {
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        simulator.addArticle("CAF-250", "Caffè macinato 250 g", "22");
        simulator.addArticleAlias("8001234567890", "CAF-1KG");
        simulator.addArticleAlias("SHOP-SKU-250", "CAF-250");

        Answer found = post("/risorse/alias-articoli/ricerca",
                "{\"filtri\":[{\"campo\":\"cod_alias\",\"condizione\":\"=\",\"valore\":\"8001234567890\"}]}");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("dati")).hasSize(1);
        assertThat(found.body().get("dati").get(0).get("cod_articolo").asText()).isEqualTo("CAF-1KG");
        assertThat(found.body().get("dati").get(0).get("prog_alias").asInt()).isEqualTo(1);
        assertThat(get("/risorse/alias-articoli").body().get("dati")).hasSize(2);
    }

    @Test
    void listsOfArticlesAreSortedByCode() {
        simulator.addArticle("B", "b", "22");
        simulator.addArticle("A", "a", "10");

        Answer list = get(ARTICOLI + "?fields=codice,alq_iva");

        assertThat(list.body().get("dati").get(0).get("codice").asText()).isEqualTo("A");
        assertThat(list.body().get("dati").get(0).size()).isEqualTo(2);
    }
}
