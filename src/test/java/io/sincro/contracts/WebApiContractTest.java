package io.sincro.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checker itself: what the description allows passes, and each kind of deliberate mistake is refused. */
class WebApiContractTest {

    private static final String COORDINATES = "Azienda=SIN Anno=2026 Magazzino=1";
    private final WebApiContract contract = WebApiContract.load();

    @Test
    void requestsTheDescriptionAllowsPass() {
        assertThat(contract.violations("GET", "/webapi/risorse/progressivi-articoli",
                "fields=cod_articolo%2Cid_magazzino%2Cqta_inventario&max=500", COORDINATES, "")).isEmpty();
        assertThat(contract.violations("POST", "/webapi/risorse/clienti/ricerca", "max=500", COORDINATES,
                "{\"filtri\":[{\"campo\":\"email\",\"condizione\":\"=\",\"valore\":\"a@b.it\",\"case_insensitive\":true}]}"))
                .isEmpty();
        assertThat(contract.violations("POST", "/webapi/risorse/documenti/ordini-clienti", null, COORDINATES, """
                {"sigla":"OC","serie":1,"numero":0,"cod_conto":"501.00001","data_documento":"20261215",
                 "id_riga":[[1,0]],"tp_riga":[[1,"R"]],"codice_articolo":[[1,"CAF-1KG"]],"quantita":[[1,2]],
                 "prezzo":[[1,9.5]],"cod_iva":[[1,"22"]]}""")).isEmpty();
        assertThat(contract.violations("GET", "/webapi/risorse/articoli/412042", "encoding=hex", COORDINATES, null))
                .isEmpty();
        assertThat(contract.violations("GET", "/webapi/risorse/documenti/movimenti-magazzino/BC+1+7", null, COORDINATES,
                null)).isEmpty();
    }

    @Test
    void aSearchOfTheStockIsRefusedAsTheWebApiHasNone() {
        assertThat(contract.violations("POST", "/webapi/risorse/progressivi-articoli/ricerca", null, COORDINATES,
                "{\"filtri\":[{\"campo\":\"id_magazzino\",\"condizione\":\"=\",\"valore\":1}]}"))
                .singleElement().asString().contains("no such resource and verb");
    }

    @Test
    void aFieldTheResourceDoesNotHaveIsRefusedWhereverItIsNamed() {
        assertThat(contract.violations("POST", "/webapi/risorse/clienti", null, COORDINATES,
                "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Rossi\",\"pec_mail\":\"x@pec.it\"}"))
                .singleElement().asString().contains("field pec_mail is not in the description of clienti");
        assertThat(contract.violations("GET", "/webapi/risorse/articoli", "fields=codice%2Cgiacenza", COORDINATES, null))
                .singleElement().asString().contains("giacenza is not a field of articoli");
        assertThat(contract.violations("POST", "/webapi/risorse/documenti/movimenti-magazzino/righe/ricerca", null,
                COORDINATES, "{\"filtri\":[{\"campo\":\"ordine\",\"condizione\":\"=\",\"valore\":\"OC\"}]}"))
                .singleElement().asString().contains("campo ordine is not a field");
    }

    @Test
    void aValueOfAnotherTypeOrShapeThanDescribedIsRefused() {
        assertThat(contract.violations("POST", "/webapi/risorse/documenti/ordini-clienti", null, COORDINATES,
                "{\"sigla\":\"OC\",\"serie\":\"1\",\"numero\":0,\"cod_conto\":\"501.00001\",\"quantita\":[2]}"))
                .hasSize(2).anySatisfy(v -> assertThat(v).contains("serie is \"1\", the description says integer"))
                .anySatisfy(v -> assertThat(v).contains("quantita has 2, not an [index, value] pair"));
    }

    @Test
    void anUnknownQueryParameterVerbOrMissingCoordinatesAreRefused() {
        assertThat(contract.violations("GET", "/webapi/risorse/clienti", "search=rossi", COORDINATES, null))
                .singleElement().asString().contains("query parameter search");
        assertThat(contract.violations("DELETE", "/webapi/risorse/indirizzi-spedizione/12", null, COORDINATES, null))
                .singleElement().asString().contains("no such resource and verb");
        assertThat(contract.violations("GET", "/webapi/risorse/clienti/501.00001", null, null, null))
                .singleElement().asString().contains("Coordinate-Gestionale");
        assertThat(contract.violations("GET", "/webapi/risorse/magazzino/1", null, COORDINATES, null))
                .singleElement().asString().contains("no such resource and verb");
    }

    @Test
    void whatTheClientSendsOverHttpIsCheckedAsTheSimulatorRecordedIt() {
        try (var erp = io.sincro.sandbox.erp.ErpSimulator.start(0, "SIN",
                new io.sincro.sandbox.erp.ErpSimulator.Credentials("webapi", "s3cret", null), 5)) {
            var client = io.sincro.http.TestHttp.webApi(new io.sincro.erp.ErpProperties(erp.baseUrl(), "webapi", "s3cret",
                    null, "SIN", null, 2026, 1, 5, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5), 0,
                    java.time.Duration.ofMillis(50)), new com.fasterxml.jackson.databind.ObjectMapper());
            client.read("articoli", "A B");
            assertThat(contract.violations(erp.requests())).isEmpty();

            // a filter on a field the resource does not have: refused by the description, whatever the server says
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.search("articoli",
                    java.util.List.of(io.sincro.erp.ErpFilter.equal("giacenza", 1))));
            assertThat(contract.violations(erp.requests())).singleElement().asString()
                    .startsWith("POST /webapi/risorse/articoli/ricerca").contains("campo giacenza is not a field of articoli");
        }
    }
}
