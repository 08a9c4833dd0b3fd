package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** documenti/ordini-clienti: rows as [[row, value]], numbering, the 6001 validations, search; shipping addresses. */
class ErpSimulatorOrderTest extends AbstractErpSimulatorTest {

    private static final String ORDINI = "/risorse/documenti/ordini-clienti";

    @BeforeEach
    void data() {
        addCustomer("501.00001", "Bar Sport");
        addCustomer("501.00002", "Caffè Roma");
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        simulator.addArticle("ZUC-1KG", "Zucchero 1 kg", "10");
    }

    private static String order(String extraHeader) {
        return """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001","data_documento":"20260616",
                 "nota":"magento #000000123","id_pagamento":2,"cod_vettore":"V01"%s,
                 "id_riga":[[1,0],[2,0],[3,0]],
                 "tp_riga":[[1,"R"],[2,"R"],[3,"D"]],
                 "codice_articolo":[[1,"CAF-1KG"],[2,"ZUC-1KG"]],
                 "quantita":[[1,2],[2,1.5]],
                 "prezzo":[[1,12.50],[2,1.2]],
                 "sconto":[[1,"10"]],
                 "cod_iva":[[1,"22"],[2,10]],
                 "descr_riga":[[3,"Consegnare al mattino"]]}
                """.formatted(extraHeader);
    }

    @Test
    void anOrderRoundTripsWithItsRowArrays() {
        Answer created = post(ORDINI, order(""));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).isEmpty();
        assertThat(created.header("Location")).isEqualTo("/webapi/risorse/documenti/ordini-clienti/OC+1+1");

        Answer read = get(ORDINI + "/OC+1+1");
        assertThat(read.status()).isEqualTo(200);
        JsonNode doc = read.body();
        assertThat(doc.get("sigla").asText()).isEqualTo("OC");
        assertThat(doc.get("serie").asInt()).isEqualTo(1);
        assertThat(doc.get("numero").asInt()).isEqualTo(1);
        assertThat(doc.get("cod_conto").asText()).isEqualTo("501.00001");
        assertThat(doc.get("data_documento").asText()).isEqualTo("20260616");
        assertThat(doc.get("nota").asText()).isEqualTo("magento #000000123");
        assertThat(doc.get("id_pagamento").asInt()).isEqualTo(2);
        assertThat(doc.get("id_magazzino").asInt()).isEqualTo(1);
        assertThat(doc.get("data_ult_mod").asText()).matches("\\d{8} \\d{6}");
        assertThat(doc.get("id_riga").toString()).isEqualTo("[[1,1],[2,2],[3,3]]");
        assertThat(doc.get("tp_riga").toString()).isEqualTo("[[1,\"R\"],[2,\"R\"],[3,\"D\"]]");
        assertThat(doc.get("codice_articolo").toString()).isEqualTo("[[1,\"CAF-1KG\"],[2,\"ZUC-1KG\"]]");
        assertThat(doc.get("quantita").toString()).isEqualTo("[[1,2],[2,1.5]]");
        assertThat(doc.get("prezzo").toString()).isEqualTo("[[1,12.5],[2,1.2]]");
        assertThat(doc.get("sconto").toString()).isEqualTo("[[1,\"10\"]]");
        assertThat(doc.get("cod_iva").toString()).isEqualTo("[[1,\"22\"],[2,\"10\"]]");
        assertThat(doc.get("descr_riga").toString()).isEqualTo("[[3,\"Consegnare al mattino\"]]");
        assertThat(doc.get("tipo_stato_riga").toString()).isEqualTo("[[1,\"E\"],[2,\"E\"],[3,\"E\"]]");
        assertThat(doc.get("descr_articolo").toString())
                .isEqualTo("[[1,\"Caffè in grani 1 kg\"],[2,\"Zucchero 1 kg\"]]");

        assertThat(simulator.order("OC+1+1")).hasValueSatisfying(stored ->
                assertThat(stored.toString()).isEqualTo(doc.toString()));
        assertThat(simulator.orders()).singleElement().hasToString(doc.toString());
    }

    @Test
    void rowsAreRenumberedInTheOrderOfTheIndexesSent() {
        Answer created = post(ORDINI, """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001",
                 "tp_riga":[[20,"D"],[10,"R"]],"codice_articolo":[[10,"CAF-1KG"]],"quantita":[[10,1]],
                 "cod_iva":[[10,"22"]],"descr_riga":[[20,"nota"]]}""");

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        ObjectNode doc = simulator.order(keyOf(created)).orElseThrow();
        assertThat(doc.get("tp_riga").toString()).isEqualTo("[[1,\"R\"],[2,\"D\"]]");
        assertThat(doc.get("descr_riga").toString()).isEqualTo("[[2,\"nota\"]]");
        assertThat(doc.get("data_documento").asText()).matches("\\d{8}");
    }

    @Test
    void numeroZeroTakesTheNextNumberOfSiglaAndSerie() {
        assertThat(keyOf(post(ORDINI, order("")))).isEqualTo("OC+1+1");
        assertThat(keyOf(post(ORDINI, order("")))).isEqualTo("OC+1+2");
        assertThat(keyOf(post(ORDINI, order("").replace("\"serie\":1", "\"serie\":2")))).isEqualTo("OC+2+1");
        assertThat(keyOf(post(ORDINI, order("").replace("\"sigla\":\"OC\"", "\"sigla\":\"OX\"")))).isEqualTo("OX+1+1");
        assertThat(keyOf(post(ORDINI, order("").replace("\"numero\":0", "\"numero\":10")))).isEqualTo("OC+1+10");
        assertThat(keyOf(post(ORDINI, order("")))).isEqualTo("OC+1+11");

        Answer duplicate = post(ORDINI, order("").replace("\"numero\":0", "\"numero\":2"));
        assertThat(duplicate.detail()).isEqualTo("6001 - errore gestionale [Documento già esistente]");
        assertThat(post(ORDINI, order("").replace("\"sigla\":\"OC\"", "\"sigla\":\"FT\"")).detail())
                .isEqualTo("6001 - errore gestionale [Sigla documento non valida: FT]");
        assertThat(simulator.orders()).hasSize(6);
    }

    @Test
    void anArticleRowWithoutVatIs6001() {
        Answer answer = post(ORDINI, order("").replace("\"cod_iva\":[[1,\"22\"],[2,10]]", "\"cod_iva\":[[1,\"22\"]]"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("6001 - errore gestionale [Aliquota iva obbligatoria]");
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void anUnknownArticleIs6001() {
        Answer answer = post(ORDINI, order("").replace("\"ZUC-1KG\"", "\"NOPE\""));

        assertThat(answer.detail()).isEqualTo("6001 - errore gestionale [Articolo inesistente: NOPE]");
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void inconsistentRowIndexesAre6001() {
        Answer answer = post(ORDINI, order("").replace("\"quantita\":[[1,2],[2,1.5]]", "\"quantita\":[[1,2],[4,1.5]]"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("6001 - errore gestionale [Indici di riga incoerenti: quantita]");

        Answer duplicated = post(ORDINI, order("").replace("\"quantita\":[[1,2],[2,1.5]]", "\"quantita\":[[1,2],[1,3]]"));
        assertThat(duplicated.detail()).isEqualTo("6001 - errore gestionale [Indici di riga incoerenti: quantita]");
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void aRowFieldThatIsNotAnArrayOfPairsIs6001() {
        assertThat(post(ORDINI, order("").replace("\"quantita\":[[1,2],[2,1.5]]", "\"quantita\":2")).detail())
                .isEqualTo("6001 - errore gestionale [Formato array non valido: quantita]");
        assertThat(post(ORDINI, order("").replace("\"quantita\":[[1,2],[2,1.5]]", "\"quantita\":[2,1.5]")).detail())
                .isEqualTo("6001 - errore gestionale [Formato array non valido: quantita]");
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void unknownFieldsMissingCustomersAndBadRowTypesAre6001() {
        assertThat(post(ORDINI, order(",\"increment_id\":\"000000123\"")).detail())
                .isEqualTo("6001 - errore gestionale [Campo sconosciuto: increment_id]");
        assertThat(post(ORDINI, order("").replace("501.00001", "501.00099")).detail())
                .isEqualTo("6001 - errore gestionale [Conto inesistente: 501.00099]");
        assertThat(post(ORDINI, order("").replace("[3,\"D\"]", "[3,\"X\"]")).detail())
                .isEqualTo("6001 - errore gestionale [Tipo riga non valido: X]");
        assertThat(post(ORDINI, order("").replace("\"data_documento\":\"20260616\"", "\"data_documento\":\"2026-06-16\""))
                .detail()).isEqualTo("6001 - errore gestionale [Data non valida: data_documento]");
        assertThat(post(ORDINI, order("").replace("\"cod_conto\":\"501.00001\",", "")).detail())
                .isEqualTo("6001 - errore gestionale [Campo obbligatorio: cod_conto]");
        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void searchFindsAnOrderByItsNoteAndListsReturnHeadersOnly() {
        post(ORDINI, order(""));
        post(ORDINI, order("").replace("#000000123", "#000000124"));

        Answer found = post(ORDINI + "/ricerca", """
                {"filtri":[{"campo":"nota","condizione":"contiene","valore":"#000000124"},
                           {"campo":"cod_conto","condizione":"=","valore":"501.00001"}]}""");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("dati")).hasSize(1);
        JsonNode header = found.body().get("dati").get(0);
        assertThat(header.get("numero").asInt()).isEqualTo(2);
        assertThat(header.has("tp_riga")).isFalse();
        assertThat(header.has("quantita")).isFalse();

        Answer list = get(ORDINI + "?max=1");
        assertThat(list.body().get("dati")).hasSize(1);
        assertThat(list.body().get("dati").get(0).get("numero").asInt()).isEqualTo(1);
        assertThat(list.body().has("next")).isTrue();

        assertThat(post(ORDINI + "/ricerca", "{\"filtri\":[{\"campo\":\"quantita\",\"condizione\":\"=\",\"valore\":1}]}")
                .detail()).isEqualTo("6001 - errore gestionale [Campo sconosciuto: quantita]");
    }

    @Test
    void theRowViewListsOneRecordPerRow() {
        post(ORDINI, order(""));

        Answer rows = post(ORDINI + "/righe/ricerca",
                "{\"filtri\":[{\"campo\":\"codice_articolo\",\"condizione\":\"=\",\"valore\":\"ZUC-1KG\"}]}");

        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body().get("dati")).hasSize(1);
        JsonNode row = rows.body().get("dati").get(0);
        assertThat(row.get("numero").asInt()).isEqualTo(1);
        assertThat(row.get("id_riga").asInt()).isEqualTo(2);
        assertThat(row.get("quantita").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(get(ORDINI + "/righe").body().get("dati")).hasSize(3);
    }

    @Test
    void aReadOfAMissingDocumentIs404WithoutBody() {
        Answer missing = get(ORDINI + "/OC+1+99");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw()).isEmpty();
    }

    @Test
    void shippingAddressesBelongToACustomerAndAnOrderMayUseThem() {
        Answer created = post("/risorse/indirizzi-spedizione", """
                {"cod_conto":"501.00001","descrizione":"Magazzino Bar Sport","indirizzo":"Via Roma 1","cap":"20121",
                 "localita":"Milano","provincia":"MI","cod_paese":"IT","telefono":"+39 02 1234567"}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).isEmpty();
        assertThat(created.header("Location")).isEqualTo("/webapi/risorse/indirizzi-spedizione/1");
        post("/risorse/indirizzi-spedizione", "{\"cod_conto\":\"501.00002\",\"descrizione\":\"Altro\"}");

        assertThat(get("/risorse/indirizzi-spedizione/1").body().get("localita").asText()).isEqualTo("Milano");
        Answer byCustomer = post("/risorse/indirizzi-spedizione/ricerca",
                "{\"filtri\":[{\"campo\":\"cod_conto\",\"condizione\":\"=\",\"valore\":\"501.00001\"}]}");
        assertThat(byCustomer.body().get("dati")).hasSize(1);
        assertThat(byCustomer.body().get("dati").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(simulator.shippingAddresses()).hasSize(2);

        assertThat(post("/risorse/indirizzi-spedizione", "{\"cod_conto\":\"501.00077\"}").detail())
                .isEqualTo("6001 - errore gestionale [Conto inesistente: 501.00077]");
        assertThat(post(ORDINI, order(",\"id_ind_sped\":\"1\"")).status()).isEqualTo(201);
        assertThat(post(ORDINI, order(",\"id_ind_sped\":\"2\"")).detail())
                .isEqualTo("6001 - errore gestionale [Indirizzo di spedizione inesistente: 2]");
        assertThat(simulator.order("OC+1+1").orElseThrow().get("id_ind_sped").asText()).isEqualTo("1");
    }
}
