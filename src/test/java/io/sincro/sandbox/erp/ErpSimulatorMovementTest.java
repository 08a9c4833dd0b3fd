package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** documenti/movimenti-magazzino: transformations OC→BC, BC→FT, OC→FT, their 6001s, the row view, stock. */
class ErpSimulatorMovementTest extends AbstractErpSimulatorTest {

    private static final String ORDINI = "/risorse/documenti/ordini-clienti";
    private static final String MOVIMENTI = "/risorse/documenti/movimenti-magazzino";

    @BeforeEach
    void data() {
        addCustomer("501.00001", "Bar Sport");
        addCustomer("501.00002", "Caffè Roma");
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        simulator.addArticle("ZUC-1KG", "Zucchero 1 kg", "10");
    }

    /** OC+1+n for 501.00001: row 1 CAF-1KG × 3 at 12.5, row 2 ZUC-1KG × 2 at 1.2. */
    private String order() {
        Answer created = post(ORDINI, """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001","data_documento":"20261120",
                 "tp_riga":[[1,"R"],[2,"R"]],"codice_articolo":[[1,"CAF-1KG"],[2,"ZUC-1KG"]],
                 "quantita":[[1,3],[2,2]],"prezzo":[[1,12.5],[2,1.2]],"cod_iva":[[1,"22"],[2,"10"]]}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return keyOf(created);
    }

    private static String row(int index, String sigla, int numero, int idRiga, String quantity) {
        return "[%d,\"%s\"]|[%d,1]|[%d,%d]|[%d,\"20261120\"]|[%d,%d]|%s".formatted(index, sigla, index, index, numero,
                index, index, idRiga, quantity == null ? "" : "[" + index + "," + quantity + "]");
    }

    /** A transformation body with the rows given as {@link #row} strings. */
    private static String transformation(String target, String account, String extraHeader, String... rows) {
        StringBuilder[] fields = new StringBuilder[6];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new StringBuilder();
        }
        for (String row : rows) {
            String[] parts = row.split("\\|", -1);
            for (int i = 0; i < fields.length; i++) {
                if (!parts[i].isEmpty()) {
                    fields[i].append(fields[i].length() == 0 ? "" : ",").append(parts[i]);
                }
            }
        }
        return """
                {"sigla":"%s","serie":1,"numero":0,"cod_conto":"%s","data_documento":"20261123"%s,
                 "sigla_doc_orig":[%s],"serie_doc_orig":[%s],"numero_doc_orig":[%s],"data_doc_orig":[%s],
                 "id_riga_orig":[%s],"quantita_trs":[%s]}""".formatted(target, account, extraHeader, fields[0],
                fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    @Test
    void aWholeOrderBecomesADeliveryNoteAndLeavesTheOrder() {
        String order = order();
        assertThat(order).isEqualTo("OC+1+1");
        String before = simulator.order(order).orElseThrow().get("data_ult_mod").asText();

        Answer created = post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001",
                ",\"cod_vettore\":\"BRT\",\"dt_spedizione\":\"20261123\",\"ora_spedizione\":\"101500\","
                        + "\"nr_tracking\":\"BRT123\"",
                row(1, "OC", 1, 1, null), row(2, "OC", 1, 2, null)));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).isEmpty();
        assertThat(created.header("Location")).isEqualTo("/webapi/risorse/documenti/movimenti-magazzino/BC+1+1");
        JsonNode bc = get(MOVIMENTI + "/BC+1+1").body();
        assertThat(bc.get("sigla").asText()).isEqualTo("BC");
        assertThat(bc.get("cod_conto").asText()).isEqualTo("501.00001");
        assertThat(bc.get("cod_vettore").asText()).isEqualTo("BRT");
        assertThat(bc.get("nr_tracking").asText()).isEqualTo("BRT123");
        assertThat(bc.get("dt_spedizione").asText()).isEqualTo("20261123");
        assertThat(bc.get("data_ult_mod").asText()).matches("\\d{8} \\d{6}");
        assertThat(bc.get("id_riga").toString()).isEqualTo("[[1,1],[2,2]]");
        assertThat(bc.get("codice_articolo").toString()).isEqualTo("[[1,\"CAF-1KG\"],[2,\"ZUC-1KG\"]]");
        assertThat(bc.get("descr_articolo").toString()).isEqualTo("[[1,\"Caffè in grani 1 kg\"],[2,\"Zucchero 1 kg\"]]");
        assertThat(bc.get("quantita").toString()).isEqualTo("[[1,3],[2,2]]");
        assertThat(bc.get("prezzo").toString()).isEqualTo("[[1,12.5],[2,1.2]]");
        assertThat(bc.get("cod_iva").toString()).isEqualTo("[[1,\"22\"],[2,\"10\"]]");
        assertThat(bc.get("sigla_doc_orig").toString()).isEqualTo("[[1,\"OC\"],[2,\"OC\"]]");
        assertThat(bc.get("numero_doc_orig").toString()).isEqualTo("[[1,1],[2,1]]");
        assertThat(bc.get("data_doc_orig").toString()).isEqualTo("[[1,\"20261120\"],[2,\"20261120\"]]");
        assertThat(bc.get("sigla_ordine").toString()).isEqualTo("[[1,\"OC\"],[2,\"OC\"]]");
        assertThat(bc.get("numero_ordine").toString()).isEqualTo("[[1,1],[2,1]]");
        assertThat(bc.get("data_ordine").toString()).isEqualTo("[[1,\"20261120\"],[2,\"20261120\"]]");
        assertThat(bc.get("id_riga_orig").toString()).isEqualTo("[[1,1],[2,2]]");
        assertThat(bc.has("quantita_trs")).isFalse();

        ObjectNode left = simulator.order(order).orElseThrow();
        assertThat(left.has("tp_riga")).isFalse();
        assertThat(left.get("data_ult_mod").asText()).isGreaterThanOrEqualTo(before);
        assertThat(simulator.movement("BC+1+1")).hasValueSatisfying(stored ->
                assertThat(stored.toString()).isEqualTo(bc.toString()));

        JsonNode header = get(MOVIMENTI).body().get("dati").get(0);
        assertThat(header.get("sigla_ordine").asText()).isEqualTo("OC");
        assertThat(header.get("numero_ordine").asInt()).isEqualTo(1);
        assertThat(header.has("quantita")).isFalse();
    }

    @Test
    void aPartialDeliveryLeavesTheResidualOnTheOrder() {
        String order = order();

        Answer created = post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 1, 1, "1")));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        ObjectNode left = simulator.order(order).orElseThrow();
        assertThat(left.get("id_riga").toString()).isEqualTo("[[1,1],[2,2]]");
        assertThat(left.get("quantita").toString()).isEqualTo("[[1,2],[2,2]]");
        JsonNode bc = simulator.movement(keyOf(created)).orElseThrow();
        assertThat(bc.get("quantita").toString()).isEqualTo("[[1,1]]");

        // the row view of the order shows the touched row with its own stamp, the rest of the order as it was
        JsonNode rows = get(ORDINI + "/righe").body().get("dati");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("quantita").decimalValue()).isEqualByComparingTo("2");

        // the rest of row 1, and row 2, with an operator delivery
        String second = simulator.deliver(order, null, "GLS", "GLS9", LocalDate.of(2026, 11, 24));
        assertThat(second).isEqualTo("BC+1+2");
        assertThat(simulator.order(order).orElseThrow().has("tp_riga")).isFalse();
        ObjectNode bc2 = simulator.movement(second).orElseThrow();
        assertThat(bc2.get("quantita").toString()).isEqualTo("[[1,2],[2,2]]");
        assertThat(bc2.get("dt_spedizione").asText()).isEqualTo("20261124");
        assertThat(bc2.get("nr_tracking").asText()).isEqualTo("GLS9");
    }

    @Test
    void aDeliveryNoteIsInvoicedOnceAndCarriesTheOrderItCameFrom() {
        String order = order();
        String bc = simulator.deliver(order, Map.of("CAF-1KG", new BigDecimal("3")), "BRT", "BRT1",
                LocalDate.of(2026, 11, 23));

        Answer created = post(MOVIMENTI + "?sigla_trasformazione=BC", transformation("FT", "501.00001", "",
                row(1, "BC", 1, 1, null)));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(keyOf(created)).isEqualTo("FT+1+1");
        JsonNode ft = get(MOVIMENTI + "/FT+1+1").body();
        assertThat(ft.get("sigla_doc_orig").toString()).isEqualTo("[[1,\"BC\"]]");
        assertThat(ft.get("numero_doc_orig").toString()).isEqualTo("[[1,1]]");
        assertThat(ft.get("sigla_ordine").toString()).isEqualTo("[[1,\"OC\"]]");
        assertThat(ft.get("numero_ordine").toString()).isEqualTo("[[1,1]]");
        assertThat(ft.get("codice_articolo").toString()).isEqualTo("[[1,\"CAF-1KG\"]]");
        assertThat(ft.get("quantita").toString()).isEqualTo("[[1,3]]");

        Answer twice = post(MOVIMENTI + "?sigla_trasformazione=BC", transformation("FT", "501.00001", "",
                row(1, "BC", 1, 1, null)));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.detail()).isEqualTo("6001 - errore gestionale [Riga origine già evasa: BC+1+1 id_riga 1]");
        assertThatThrownBy(() -> simulator.invoice(bc, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nessuna riga da trasformare");

        // the DDT unloaded the goods, the invoice from the DDT did not again
        java.util.List<JsonNode> stock = progressives("CAF-1KG", null);
        assertThat(stock).hasSize(1);
        assertThat(stock.get(0).get("qta_scarico").decimalValue()).isEqualByComparingTo("3");
        assertThat(stock.get(0).get("id_magazzino").asInt()).isEqualTo(1);
    }

    @Test
    void anOrderIsInvoicedDirectlyWithItsTracking() {
        String order = order();

        String ft = simulator.invoice(order, "SDA", "SDA777", LocalDate.of(2026, 11, 25));

        ObjectNode invoice = simulator.movement(ft).orElseThrow();
        assertThat(ft).isEqualTo("FT+1+1");
        assertThat(invoice.get("nr_tracking").asText()).isEqualTo("SDA777");
        assertThat(invoice.get("cod_vettore").asText()).isEqualTo("SDA");
        assertThat(invoice.get("dt_spedizione").asText()).isEqualTo("20261125");
        assertThat(invoice.get("sigla_doc_orig").toString()).isEqualTo("[[1,\"OC\"],[2,\"OC\"]]");
        assertThat(invoice.get("sigla_ordine").toString()).isEqualTo("[[1,\"OC\"],[2,\"OC\"]]");
        assertThat(simulator.order(order).orElseThrow().has("tp_riga")).isFalse();
        assertThat(simulator.movements()).hasSize(1);

        assertThat(progressives("ZUC-1KG", null).get(0).get("qta_scarico").decimalValue())
                .isEqualByComparingTo("2");
    }

    @Test
    void transformationsTheErpRefusesAre6001AndChangeNothing() {
        String order = order();
        String orderBefore = simulator.order(order).orElseThrow().toString();

        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 1, 1, "4"))).detail())
                .isEqualTo("6001 - errore gestionale [Quantità da trasformare superiore al residuo: OC+1+1 id_riga 1 "
                        + "(residuo 3)]");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 1, 1, "2"), row(2, "OC", 1, 1, "2"))).detail())
                .startsWith("6001 - errore gestionale [Quantità da trasformare superiore al residuo");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 9, 1, null))).detail())
                .isEqualTo("6001 - errore gestionale [Documento origine inesistente: OC+1+9]");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 1, 7, null))).detail())
                .isEqualTo("6001 - errore gestionale [Riga origine inesistente: OC+1+1 id_riga 7]");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00002", "",
                row(1, "OC", 1, 1, null))).detail())
                .isEqualTo("6001 - errore gestionale [Conto diverso da quello del documento origine OC+1+1: 501.00001]");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=BC", transformation("FT", "501.00001", "",
                row(1, "OC", 1, 1, null))).detail())
                .isEqualTo("6001 - errore gestionale [Sigla documento origine diversa da sigla_trasformazione: OC]");
        assertThat(simulator.movements()).isEmpty();
        assertThat(simulator.order(order).orElseThrow().toString()).isEqualTo(orderBefore);

        simulator.cancelOrder(order);
        Answer cancelled = post(MOVIMENTI + "?sigla_trasformazione=OC", transformation("BC", "501.00001", "",
                row(1, "OC", 1, 1, null)));
        assertThat(cancelled.status()).isEqualTo(400);
        assertThat(cancelled.detail()).isEqualTo("6001 - errore gestionale [Riga origine annullata: OC+1+1 id_riga 1]");
        assertThatThrownBy(() -> simulator.deliver(order, Map.of("CAF-1KG", BigDecimal.ONE), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Riga origine annullata");
        assertThat(simulator.movements()).isEmpty();
    }

    @Test
    void aPutThatCancelsEveryRowStampsTheOrder() throws InterruptedException {
        String order = order();
        ObjectNode created = simulator.order(order).orElseThrow();
        waitForTheNextSecond(created.get("data_ult_mod").asText());

        Answer put = put(ORDINI + "/" + order, """
                {"sigla":"OC","serie":1,"numero":1,"id_riga":[[1,1],[2,2]],"tp_riga":[[1,"R"],[2,"R"]],
                 "tipo_stato_riga":[[1,"N"],[2,"N"]]}""");

        assertThat(put.status()).as(put.raw()).isEqualTo(204);
        ObjectNode cancelled = simulator.order(order).orElseThrow();
        assertThat(cancelled.get("tipo_stato_riga").toString()).isEqualTo("[[1,\"N\"],[2,\"N\"]]");
        assertThat(cancelled.get("quantita").toString()).isEqualTo("[[1,3],[2,2]]");
        assertThat(cancelled.get("data_ult_mod").asText()).isGreaterThan(created.get("data_ult_mod").asText());
        assertThat(cancelled.get("utente_ult_mod").asText()).isEqualTo(CREDENTIALS.user());

        Answer changed = post(ORDINI + "/ricerca", "{\"filtri\":[{\"campo\":\"data_ult_mod\",\"condizione\":\">\","
                + "\"valore\":\"" + created.get("data_ult_mod").asText() + "\"}]}");
        assertThat(changed.body().get("dati")).hasSize(1);
        Answer rows = post(ORDINI + "/righe/ricerca", "{\"filtri\":[{\"campo\":\"data_ult_mod\",\"condizione\":\">=\","
                + "\"valore\":\"" + cancelled.get("data_ult_mod").asText() + "\"}]}");
        assertThat(rows.body().get("dati")).hasSize(2);

        // rows left out of a PUT are deleted; a header-only PUT leaves them alone
        assertThat(put(ORDINI + "/" + order + "?solo_testata=true",
                "{\"sigla\":\"OC\",\"serie\":1,\"numero\":1,\"nota\":\"annullato\",\"tp_riga\":[[1,\"R\"]]}").status())
                .isEqualTo(204);
        assertThat(simulator.order(order).orElseThrow().get("id_riga").toString()).isEqualTo("[[1,1],[2,2]]");
        assertThat(put(ORDINI + "/" + order, "{\"sigla\":\"OC\",\"serie\":1,\"numero\":1,\"id_riga\":[[1,2]],"
                + "\"tp_riga\":[[1,\"R\"]]}").status()).isEqualTo(204);
        assertThat(simulator.order(order).orElseThrow().get("codice_articolo").toString())
                .isEqualTo("[[1,\"ZUC-1KG\"]]");
        assertThat(put(ORDINI + "/" + order, "{\"sigla\":\"OC\",\"serie\":1,\"numero\":1,\"id_riga\":[[1,9]],"
                + "\"tp_riga\":[[1,\"R\"]]}").detail()).isEqualTo("6001 - errore gestionale [Riga inesistente: id_riga 9]");
        assertThat(put(ORDINI + "/OC+1+2", "{\"sigla\":\"OC\",\"serie\":1,\"numero\":2}").status()).isEqualTo(404);
    }

    @Test
    void theRowViewFindsMovementsByOrderAndByLastChange() throws InterruptedException {
        String first = order();
        String second = order();
        String third = order();
        String bc1 = simulator.deliver(first, null, "BRT", "T1", LocalDate.of(2026, 11, 23));
        String stampOfFirst = simulator.movement(bc1).orElseThrow().get("data_ult_mod").asText();
        waitForTheNextSecond(stampOfFirst);
        String bc2 = simulator.deliver(second, Map.of("ZUC-1KG", BigDecimal.ONE), "BRT", "T2", null);
        simulator.deliver(third, Map.of("CAF-1KG", BigDecimal.ONE), null, null, null);
        String stampOfSecond = simulator.movement(bc2).orElseThrow().get("data_ult_mod").asText();

        Answer byOrder = post(MOVIMENTI + "/righe/ricerca", """
                {"filtri":[{"campo":"sigla_ordine","condizione":"=","valore":"OC"},
                           {"campo":"numero_ordine","condizione":"=","valore":[1,2]}]}""");
        assertThat(byOrder.status()).as(byOrder.raw()).isEqualTo(200);
        assertThat(byOrder.body().get("dati")).hasSize(3);
        JsonNode row = byOrder.body().get("dati").get(2);
        assertThat(row.get("sigla").asText()).isEqualTo("BC");
        assertThat(row.get("numero").asInt()).isEqualTo(2);
        assertThat(row.get("cod_conto").asText()).isEqualTo("501.00001");
        assertThat(row.get("numero_ordine").asInt()).isEqualTo(2);
        assertThat(row.get("codice_articolo").asText()).isEqualTo("ZUC-1KG");
        assertThat(row.get("quantita").decimalValue()).isEqualByComparingTo("1");
        assertThat(row.get("id_riga_orig").asInt()).isEqualTo(2);
        assertThat(row.get("data_ult_mod").asText()).isEqualTo(stampOfSecond);

        Answer since = post(MOVIMENTI + "/righe/ricerca", "{\"filtri\":[{\"campo\":\"data_ult_mod\","
                + "\"condizione\":\">=\",\"valore\":\"" + stampOfSecond + "\"}]}");
        assertThat(since.body().get("dati")).extracting(r -> r.get("numero").asInt()).containsExactly(2, 3);
        Answer before = post(MOVIMENTI + "/righe/ricerca", "{\"filtri\":[{\"campo\":\"data_ult_mod\","
                + "\"condizione\":\"<\",\"valore\":\"" + stampOfSecond + "\"}]}");
        assertThat(before.body().get("dati")).extracting(r -> r.get("numero").asInt()).containsExactly(1, 1);

        Answer headers = post(MOVIMENTI + "/ricerca", "{\"filtri\":[{\"campo\":\"nr_tracking\",\"condizione\":\"=\","
                + "\"valore\":\"T2\"}]}");
        assertThat(headers.body().get("dati")).hasSize(1);
        assertThat(headers.body().get("dati").get(0).get("numero_ordine").asInt()).isEqualTo(2);
        assertThat(get(MOVIMENTI + "?max=2").body().get("next")).isNotNull();
    }

    @Test
    void aPlainMovementIsCreatedLikeAnOrder() {
        Answer created = post(MOVIMENTI, """
                {"sigla":"BC","serie":2,"numero":0,"cod_conto":"501.00002","tp_riga":[[1,"R"]],
                 "codice_articolo":[[1,"CAF-1KG"]],"quantita":[[1,5]],"cod_iva":[[1,"22"]]}""");

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(keyOf(created)).isEqualTo("BC+2+1");
        assertThat(simulator.movement("BC+2+1").orElseThrow().get("descr_articolo").toString())
                .isEqualTo("[[1,\"Caffè in grani 1 kg\"]]");
        assertThat(post(MOVIMENTI, "{\"sigla\":\"B1\",\"serie\":1,\"numero\":0,\"cod_conto\":\"501.00002\"}")
                .detail()).isEqualTo("6001 - errore gestionale [Sigla documento non valida: B1]");
        assertThat(post(MOVIMENTI + "?sigla_trasformazione=OC",
                "{\"sigla\":\"BC\",\"serie\":1,\"numero\":0,\"cod_conto\":\"501.00002\"}").detail())
                .isEqualTo("6001 - errore gestionale [Nessuna riga da trasformare]");
    }

    /** Stamps have a resolution of one second: waits until the ERP clock has moved past {@code stamp}. */
    static void waitForTheNextSecond(String stamp) throws InterruptedException {
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd HHmmss");
        while (java.time.LocalDateTime.now(ErpTime.ZONE).format(format).compareTo(stamp) <= 0) {
            Thread.sleep(50);
        }
    }
}
