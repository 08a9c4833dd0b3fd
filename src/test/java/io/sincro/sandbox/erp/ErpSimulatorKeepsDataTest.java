package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox ERP keeps its data across restarts: a simulator started again on the same data file has
 * the customers, orders and delivery notes written before, and numbers a new order after them — so a hub
 * whose store kept its orders never gets a second order under a key it already holds.
 */
class ErpSimulatorKeepsDataTest extends AbstractErpSimulatorTest {

    private static final String ORDINI = "/risorse/documenti/ordini-clienti";
    private static final String ORDER = """
            {"sigla":"OC","serie":1,"numero":0,"cod_conto":"%s","data_documento":"20261120",
             "tp_riga":[[1,"R"]],"codice_articolo":[[1,"CAF-1KG"]],"quantita":[[1,3]],"prezzo":[[1,12.5]],
             "cod_iva":[[1,"22"]]}""";

    @TempDir
    Path data;

    /** What every start of the sandbox loads before the hub writes (the catalogue), then the kept data. */
    private void start(Path file) {
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        simulator.keepIn(file);
    }

    private String customer(String name) {
        Answer created = post("/risorse/clienti", "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"" + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return keyOf(created);
    }

    private String order(String account) {
        Answer created = post(ORDINI, ORDER.formatted(account));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return keyOf(created);
    }

    @Test
    void aRestartedErpHasWhatWasWrittenAndNumbersNewOrdersAfterIt() {
        Path file = data.resolve("data/sandbox-erp.jsonl");
        start(file);
        String account = customer("Bar Sport");
        String first = order(account);
        String second = order(account);
        String note = simulator.deliver(first, null, "2", "SANDBOX-1", LocalDate.of(2026, 11, 23));

        simulator.close();
        simulator = ErpSimulator.start(0, COMPANY, CREDENTIALS, 5);
        start(file);

        assertThat(simulator.customers()).extracting(c -> c.path("codice").asText()).contains(account);
        assertThat(simulator.order(first)).isPresent();
        assertThat(simulator.order(second)).isPresent();
        assertThat(simulator.movement(note)).isPresent();
        String third = order(account);
        assertThat(third).isNotIn(first, second).isEqualTo("OC+1+3");
        assertThat(customer("Caffè Roma")).isNotEqualTo(account);
    }

    @Test
    void aLastLineCutShortByACrashIsSkippedAndTheRestIsKept() throws IOException {
        Path file = data.resolve("sandbox-erp.jsonl");
        start(file);
        String account = customer("Bar Sport");
        String first = order(account);
        simulator.close();
        Files.writeString(file, "{\"kind\":\"http\",\"method\":\"POST\",\"pa", java.nio.file.StandardOpenOption.APPEND);

        simulator = ErpSimulator.start(0, COMPANY, CREDENTIALS, 5);
        start(file);

        assertThat(simulator.order(first)).isPresent();
        assertThat(order(account)).isEqualTo("OC+1+2");
    }

    @Test
    void withoutADataFileNothingIsKept() {
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");
        String first = order(customer("Bar Sport"));
        simulator.close();
        simulator = ErpSimulator.start(0, COMPANY, CREDENTIALS, 5);
        simulator.addArticle("CAF-1KG", "Caffè in grani 1 kg", "22");

        assertThat(simulator.order(first)).isEmpty();
    }
}
