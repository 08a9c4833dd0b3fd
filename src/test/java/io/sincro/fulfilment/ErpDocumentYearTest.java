package io.sincro.fulfilment;

import io.sincro.http.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sincro.erp.ErpKey;
import io.sincro.erp.ErpProperties;
import io.sincro.erp.WebApiClient;
import io.sincro.sandbox.erp.ErpSimulator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ERP documents are kept per year and numbered from 1 each year: an order of December 2026 is read under 2026,
 * and its delivery note and invoice made in January 2027 are found among 2027's documents, not confused with
 * 2027's own order of the same number. Over real HTTP, against the simulator.
 */
class ErpDocumentYearTest {

    private final ObjectMapper json = new ObjectMapper();
    private ErpSimulator erp;
    /** The hub after New Year: it works in 2027. */
    private WebApiClient client;

    @BeforeEach
    void start() {
        erp = ErpSimulator.start(0, "SIN", new ErpSimulator.Credentials("webapi", "s3cret", null), 5);
        client = TestHttp.webApi(new ErpProperties(erp.baseUrl(), "webapi", "s3cret", null, "SIN", null, 2027, 1, 5,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(50)), json);
        erp.addCustomer(json.createObjectNode().put("codice", "501.00001").put("ragione_sociale", "Bar Sport"));
        erp.addCustomer(json.createObjectNode().put("codice", "501.00002").put("ragione_sociale", "Caffè Roma"));
        erp.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
    }

    /** Every request the client made is one the public WebAPI description allows (issue 9); then the ERP stops. */
    @AfterEach
    void stop() {
        List<ErpSimulator.RecordedRequest> made = erp.requests();
        erp.close();
        assertThat(io.sincro.contracts.WebApiContract.load().violations(made)).isEmpty();
    }

    private ObjectNode order(String customer, String date, String note, int quantity) {
        ObjectNode order = json.createObjectNode().put("sigla", "OC").put("serie", 1).put("numero", 0)
                .put("cod_conto", customer).put("data_documento", date).put("nota", note);
        order.putArray("tp_riga").addArray().add(1).add("R");
        order.putArray("codice_articolo").addArray().add(1).add("CAF-1KG");
        order.putArray("quantita").addArray().add(1).add(quantity);
        order.putArray("cod_iva").addArray().add(1).add("22");
        return order;
    }

    @Test
    void anOrderOfDecemberGetsItsJanuaryDeliveryNoteAndInvoiceAndNotThoseOfTheNewYearsOrderOfTheSameNumber() {
        String december = client.inYear(2026).create(ErpOrderReader.ORDERS, order("501.00001", "20261215",
                "sincro shop-1 100", 3));
        String january = client.create(ErpOrderReader.ORDERS, order("501.00002", "20270104", "telefonico", 5));
        assertThat(december).as("numbers start again each year").isEqualTo(january).isEqualTo("OC+1+1");
        assertThat(erp.order(2026, december)).isPresent();
        assertThat(erp.order(2027, january)).isPresent();

        // the merchant, now working in 2027, delivers and invoices the order of 2026 and the one of 2027
        erp.workingYear(2027);
        String note = erp.deliver(2026, december, null, "2", "TRK-DEC", LocalDate.of(2027, 1, 7));
        String invoice = erp.invoice(2027, note, null, null, null);
        String otherNote = erp.deliver(2027, january, null, "3", "TRK-JAN", LocalDate.of(2027, 1, 8));
        assertThat(List.of(note, invoice, otherNote)).containsExactly("BC+1+1", "FT+1+1", "BC+1+2");

        Map<ErpKey, ErpDocuments> read = new ErpOrderReader(client).read(List.of(new ErpKey(december, 2026),
                new ErpKey(january, 2027)), 2027);

        ErpDocuments decemberDocs = read.get(new ErpKey(december, 2026));
        assertThat(decemberDocs.identity().customerCode()).isEqualTo("501.00001");
        assertThat(decemberDocs.movements()).extracting(ErpDocuments.Movement::key)
                .containsExactlyInAnyOrder("BC+1+1/2027", "FT+1+1/2027");
        assertThat(decemberDocs.movements()).allSatisfy(m -> assertThat(m.rows()).singleElement()
                .satisfies(row -> assertThat(row.quantity()).isEqualByComparingTo("3")));
        assertThat(decemberDocs.movements()).filteredOn(ErpDocuments.Movement::isDeliveryNote).singleElement()
                .satisfies(m -> assertThat(m.tracking()).isEqualTo("TRK-DEC"));
        ErpDocuments januaryDocs = read.get(new ErpKey(january, 2027));
        assertThat(januaryDocs.identity().customerCode()).isEqualTo("501.00002");
        assertThat(januaryDocs.movements()).extracting(ErpDocuments.Movement::key).containsExactly("BC+1+2");
        assertThat(januaryDocs.movements().get(0).tracking()).isEqualTo("TRK-JAN");
        // every read went under the year of what it read
        assertThat(erp.requests()).anySatisfy(r -> assertThat(r.path()).endsWith("/documenti/ordini-clienti/OC+1+1"));
    }

    @Test
    void theChangesOfEveryOpenYearAreFoundWithTheirYear() {
        String december = client.inYear(2026).create(ErpOrderReader.ORDERS, order("501.00001", "20261215",
                "sincro shop-1 100", 3));
        erp.workingYear(2027);
        erp.deliver(2026, december, null, "2", "TRK-DEC", LocalDate.of(2027, 1, 7));

        ErpOrderReader reader = new ErpOrderReader(client);
        ErpOrderReader.Changed orders = reader.changedOrders("19000101 000000", List.of(2026, 2027));
        ErpOrderReader.Changed movements = reader.ordersWithChangedMovements("19000101 000000", List.of(2026, 2027));

        assertThat(orders.orderKeys()).contains(new ErpKey(december, 2026));
        assertThat(movements.orderKeys()).contains(new ErpKey(december, 2026));
    }
}
