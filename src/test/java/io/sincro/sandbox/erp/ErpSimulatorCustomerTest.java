package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clienti: automatic coding, create/read/update, the 6001 validations, search with filtri, paging with next. */
class ErpSimulatorCustomerTest extends AbstractErpSimulatorTest {

    private static final String CLIENTI = "/risorse/clienti";

    @Test
    void autoCodeTakesTheNextFreeCodeOfTheMastroAndAnswers201WithLocationAndNoBody() {
        addCustomer("501.00007", "Esistente S.r.l.");

        Answer first = post(CLIENTI, """
                {"codice":"501.AUTO","ragione_sociale":"Bar Centrale S.r.l.","tp_nazionalita":"I","cod_listino":1,
                 "valuta":0,"partita_iva":"01234567890","email":"info@example.com"}""");
        Answer second = post(CLIENTI, "{\"codice\":\"501.auto\",\"ragione_sociale\":\"Caffè Roma\"}");
        Answer otherMastro = post(CLIENTI, "{\"codice\":\"601.AUTO\",\"ragione_sociale\":\"Fornitura\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.raw()).isEmpty();
        assertThat(first.header("Location")).isEqualTo("/webapi/risorse/clienti/501.00008");
        assertThat(second.header("Location")).isEqualTo("/webapi/risorse/clienti/501.00009");
        assertThat(otherMastro.header("Location")).isEqualTo("/webapi/risorse/clienti/601.00001");

        ObjectNode stored = simulator.customers().get(1);
        assertThat(stored.get("codice").asText()).isEqualTo("501.00008");
        assertThat(stored.get("ragione_sociale").asText()).isEqualTo("Bar Centrale S.r.l.");
        assertThat(stored.get("cod_listino").isIntegralNumber()).isTrue();
        assertThat(stored.get("data_ult_mod").asText()).matches("\\d{8} \\d{6}");
        assertThat(stored.get("utente_ult_mod").asText()).isEqualTo("WEBAPI1");
        assertThat(simulator.customers()).extracting(c -> c.get("codice").asText())
                .containsExactly("501.00007", "501.00008", "501.00009", "601.00001");
    }

    @Test
    void aCreatedCustomerCanBeReadBackAndAnUnknownOneIs404WithoutBody() {
        post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Bar Sport\",\"localita\":\"Milano\"}");

        Answer read = get(CLIENTI + "/501.00001");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("ragione_sociale").asText()).isEqualTo("Bar Sport");
        assertThat(read.body().get("localita").asText()).isEqualTo("Milano");

        Answer fields = get(CLIENTI + "/501.00001?fields=codice,localita");
        assertThat(fields.body().size()).isEqualTo(2);

        Answer missing = get(CLIENTI + "/501.09999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw()).isEmpty();
    }

    @Test
    void aMissingRequiredFieldIs6001() {
        Answer noName = post(CLIENTI, "{\"codice\":\"501.AUTO\",\"email\":\"a@b.it\"}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().at("/error/response-code").asInt()).isEqualTo(400);
        assertThat(noName.detail()).isEqualTo("6001 - errore gestionale [Campo obbligatorio: ragione_sociale]");
        assertThat(noName.body().at("/error/request-method").asText()).isEqualTo("POST");

        assertThat(post(CLIENTI, "{\"ragione_sociale\":\"Senza codice\"}").detail())
                .isEqualTo("6001 - errore gestionale [Campo obbligatorio: codice]");
        assertThat(simulator.customers()).isEmpty();
    }

    @Test
    void anUnknownFieldIs6001AndNothingIsStored() {
        Answer answer = post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"X\",\"vat_number\":\"IT1\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("6001 - errore gestionale [Campo sconosciuto: vat_number]");
        assertThat(simulator.customers()).isEmpty();
    }

    @Test
    void anExistingOrMalformedExplicitCodeIs6001() {
        addCustomer("501.00001", "Primo");

        assertThat(post(CLIENTI, "{\"codice\":\"501.00001\",\"ragione_sociale\":\"Doppio\"}").detail())
                .isEqualTo("6001 - errore gestionale [Codice già esistente]");
        assertThat(post(CLIENTI, "{\"codice\":\"ABC\",\"ragione_sociale\":\"Storto\"}").detail())
                .startsWith("6001 - errore gestionale [Codice conto non valido");
        assertThat(post(CLIENTI, "{\"codice\":\"501.00002\",\"ragione_sociale\":\"Esplicito\"}").status())
                .isEqualTo(201);
    }

    @Test
    void aWronglyTypedValueOrArrayIs6001() {
        assertThat(post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"X\",\"cod_listino\":\"uno\"}")
                .detail()).isEqualTo("6001 - errore gestionale [Valore non valido per il campo: cod_listino]");
        assertThat(post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"X\",\"descr_nota\":\"nota\"}")
                .detail()).isEqualTo("6001 - errore gestionale [Formato array non valido: descr_nota]");
        assertThat(post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"X\",\"descr_nota\":[[1,\"a\"]]}")
                .status()).isEqualTo(201);
        assertThat(post(CLIENTI, "not json").detail()).isEqualTo("6001 - errore gestionale [Formato JSON non valido]");
    }

    @Test
    void putUpdatesTheGivenFieldsAndAnswers204() {
        post(CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Bar Sport\",\"email\":\"old@example.com\"}");

        Answer updated = put(CLIENTI + "/501.00001", "{\"codice\":\"501.00001\",\"email\":\"new@example.com\"}");
        assertThat(updated.status()).isEqualTo(204);
        assertThat(updated.raw()).isEmpty();
        ObjectNode stored = simulator.customers().get(0);
        assertThat(stored.get("email").asText()).isEqualTo("new@example.com");
        assertThat(stored.get("ragione_sociale").asText()).isEqualTo("Bar Sport");
        assertThat(stored.get("data_ult_mod").asText()).matches("\\d{8} \\d{6}");

        assertThat(put(CLIENTI + "/501.00001", "{\"email\":\"x@example.com\"}").detail())
                .isEqualTo("6001 - errore gestionale [Campo obbligatorio: codice]");
        assertThat(put(CLIENTI + "/501.00001", "{\"codice\":\"501.00001\",\"mail\":\"x\"}").detail())
                .isEqualTo("6001 - errore gestionale [Campo sconosciuto: mail]");
        assertThat(put(CLIENTI + "/501.00002", "{\"codice\":\"501.00002\"}").status()).isEqualTo(404);
    }

    @Test
    void searchAppliesFiltersWithAndBetweenThemAndOrWithinAnArrayValue() {
        addCustomer("501.00001", "Bar Rossi S.n.c.");
        simulator.addCustomer(MAPPER.createObjectNode().put("codice", "501.00002").put("ragione_sociale", "ROSSI Mario")
                .put("email", "mario@example.com").put("cod_listino", 2));
        simulator.addCustomer(MAPPER.createObjectNode().put("codice", "501.00003").put("ragione_sociale", "Verdi")
                .put("email", "verdi@example.com").put("cod_listino", 3));

        assertThat(codes(search("""
                {"filtri":[{"campo":"ragione_sociale","condizione":"contiene","valore":"rossi","case_insensitive":true}]}
                """))).containsExactly("501.00001", "501.00002");
        assertThat(codes(search("""
                {"filtri":[{"campo":"ragione_sociale","condizione":"contiene","valore":"rossi"}]}
                """))).isEmpty();
        assertThat(codes(search("""
                {"filtri":[{"campo":"email","condizione":"=","valore":["verdi@example.com","mario@example.com"]}]}
                """))).containsExactly("501.00002", "501.00003");
        assertThat(codes(search("""
                {"filtri":[{"campo":"cod_listino","condizione":">=","valore":2},
                           {"campo":"ragione_sociale","condizione":"inizia_per","valore":"ROSSI"}]}
                """))).containsExactly("501.00002");
        assertThat(codes(search("""
                {"filtri":[{"campo":"codice","condizione":"<>","valore":"501.00002"}]}
                """))).containsExactly("501.00001", "501.00003");
        assertThat(codes(search("{\"filtri\":[]}"))).hasSize(3);
    }

    @Test
    void searchOnAnUnknownFieldOrWithAnUnknownConditionIs6001() {
        assertThat(post(CLIENTI + "/ricerca", "{\"filtri\":[{\"campo\":\"mail\",\"condizione\":\"=\",\"valore\":\"x\"}]}")
                .detail()).isEqualTo("6001 - errore gestionale [Campo sconosciuto: mail]");
        assertThat(post(CLIENTI + "/ricerca",
                "{\"filtri\":[{\"campo\":\"email\",\"condizione\":\"like\",\"valore\":\"x\"}]}").detail())
                .startsWith("6001 - errore gestionale [Condizione non valida");
    }

    @Test
    void listPagesWithAnOpaqueNextTokenOverMoreRecordsThanMax() {
        for (int i = 12; i >= 1; i--) {
            addCustomer(String.format("501.%05d", i), "Cliente " + i);
        }
        List<String> seen = new ArrayList<>();
        Answer page = get(CLIENTI + "?max=5");
        int pages = 1;
        seen.addAll(codes(page));
        assertThat(page.body().get("dati")).hasSize(5);
        while (page.body().has("next")) {
            page = get(CLIENTI + "?max=5&next=" + page.body().get("next").asText());
            seen.addAll(codes(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(page.body().get("dati")).hasSize(2);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void searchPagesWithNextOnTheSamePostUrlWithTheBodyAgain() {
        for (int i = 1; i <= 9; i++) {
            addCustomer(String.format("501.%05d", i), (i % 3 == 0 ? "Altro " : "Bar ") + i);
        }
        String body = "{\"filtri\":[{\"campo\":\"ragione_sociale\",\"condizione\":\"inizia_per\",\"valore\":\"Bar\"}]}";

        Answer first = post(CLIENTI + "/ricerca?max=4", body);
        assertThat(codes(first)).containsExactly("501.00001", "501.00002", "501.00004", "501.00005");
        String next = first.body().get("next").asText();
        Answer second = post(CLIENTI + "/ricerca?next=" + next, body);
        assertThat(codes(second)).containsExactly("501.00007", "501.00008");
        assertThat(second.body().has("next")).isFalse();

        Answer otherQuery = post(CLIENTI + "/ricerca?next=" + next, "{\"filtri\":[]}");
        assertThat(otherQuery.detail()).isEqualTo("6001 - errore gestionale [Parametro next non valido]");
        assertThat(get(CLIENTI + "?next=garbage").status()).isEqualTo(400);
    }

    @Test
    void infoDescribesTheFields() {
        Answer info = get(CLIENTI + "?info=true");

        assertThat(info.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        info.body().get("campi").forEach(campo -> names.add(campo.get("nome").asText()));
        assertThat(names).contains("codice", "ragione_sociale", "partita_iva", "codice_fiscale", "codice_sdi", "pec",
                "email", "data_ult_mod", "stato_anag_att");
        assertThat(info.body().get("campi").get(0).get("chiave").asBoolean()).isTrue();
    }

    private Answer search(String body) {
        Answer answer = post(CLIENTI + "/ricerca", body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer;
    }

    private static List<String> codes(Answer answer) {
        List<String> codes = new ArrayList<>();
        for (JsonNode record : answer.body().get("dati")) {
            codes.add(record.get("codice").asText());
        }
        return codes;
    }
}
