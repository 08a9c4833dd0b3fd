package io.sincro.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Authorization (Passepartout scheme, Dominio, user lock), Coordinate-Gestionale, injected failures, the log. */
class ErpSimulatorAuthTest extends AbstractErpSimulatorTest {

    private static final String CLIENTI = "/risorse/clienti";

    @Test
    void baseUrlIsTheWebapiRootOnLoopback() {
        assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/webapi");
    }

    @Test
    void acceptsThePassepartoutSchemeWithCoordinates() {
        Answer answer = get(CLIENTI);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("dati")).isEmpty();
        assertThat(answer.body().get("data_ric_elab").asText()).matches("\\d{8} \\d{6}");
        assertThat(answer.body().has("next")).isFalse();
    }

    @Test
    void acceptsASecondBlockForTheOsLoginAndACaseInsensitiveScheme() {
        String header = "PASSEPARTOUT " + base64(CREDENTIALS.user() + ":" + CREDENTIALS.password()) + " "
                + base64("osuser:ospwd");

        assertThat(call("GET", CLIENTI, null, header, COORDINATES).status()).isEqualTo(200);
    }

    @Test
    void refusesAWrongPasswordWithTheErrorEnvelope() {
        Answer answer = call("GET", CLIENTI + "?max=3", null, passepartout(CREDENTIALS.user(), "wrong"), COORDINATES);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().get("error").get("response-code").asInt()).isEqualTo(401);
        assertThat(answer.detail()).isEqualTo("2002 - credenziali non valide");
        assertThat(answer.body().at("/error/request-uri").asText()).isEqualTo("/webapi/risorse/clienti?max=3");
        assertThat(answer.body().at("/error/request-method").asText()).isEqualTo("GET");
        assertThat(answer.body().at("/error/request-id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(answer.body().at("/error/timestamp").asText()).isNotBlank();
        assertThat(answer.body().at("/error/response-message").asText()).isNotBlank();
    }

    @Test
    void refusesBasicAuthAMissingHeaderAndGarbage() {
        String basic = "Basic " + base64(CREDENTIALS.user() + ":" + CREDENTIALS.password());

        assertThat(call("GET", CLIENTI, null, basic, COORDINATES).status()).isEqualTo(401);
        assertThat(call("GET", CLIENTI, null, null, COORDINATES).status()).isEqualTo(401);
        assertThat(call("GET", CLIENTI, null, "Passepartout !!notbase64!!", COORDINATES).detail())
                .isEqualTo("2002 - credenziali non valide");
        assertThat(simulator.userLocked()).isFalse();
    }

    @Test
    void locksTheUserAfterThreeFailedLoginsInARowUntilUnlocked() {
        String wrong = passepartout(CREDENTIALS.user(), "guess");
        for (int i = 0; i < 2; i++) {
            assertThat(call("GET", CLIENTI, null, wrong, COORDINATES).status()).isEqualTo(401);
        }
        assertThat(simulator.userLocked()).isFalse();
        assertThat(call("GET", CLIENTI, null, wrong, COORDINATES).status()).isEqualTo(401);
        assertThat(simulator.userLocked()).isTrue();

        Answer locked = get(CLIENTI);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.detail()).startsWith("2002").contains("utente bloccato");

        simulator.unlockUser();
        assertThat(simulator.userLocked()).isFalse();
        assertThat(get(CLIENTI).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginResetsTheCountOfFailures() {
        String wrong = passepartout(CREDENTIALS.user(), "guess");
        call("GET", CLIENTI, null, wrong, COORDINATES);
        call("GET", CLIENTI, null, wrong, COORDINATES);
        assertThat(get(CLIENTI).status()).isEqualTo(200);
        call("GET", CLIENTI, null, wrong, COORDINATES);
        call("GET", CLIENTI, null, wrong, COORDINATES);

        assertThat(simulator.userLocked()).isFalse();
        assertThat(get(CLIENTI).status()).isEqualTo(200);
    }

    @Test
    void theCloudRequiresTheDomainAfterTheCredentials() {
        simulator.close();
        simulator = ErpSimulator.start(0, COMPANY, new ErpSimulator.Credentials("WEBAPI1", "pwd", "acme"), 5);
        String credentials = "Passepartout " + base64("WEBAPI1:pwd");

        assertThat(call("GET", CLIENTI, null, credentials, COORDINATES).status()).isEqualTo(401);
        assertThat(call("GET", CLIENTI, null, credentials + " Dominio=other", COORDINATES).status()).isEqualTo(401);
        assertThat(call("GET", CLIENTI, null, credentials + " Dominio=acme", COORDINATES).status()).isEqualTo(200);
        assertThat(call("GET", CLIENTI, null, credentials + " " + base64("admin:x") + " DOMINIO=acme", COORDINATES)
                .status()).isEqualTo(200);
    }

    @Test
    void requiresCoordinatesNamingTheCompany() {
        Answer missing = call("GET", CLIENTI, null, authorization(), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail()).isEqualTo("1001 - coordinate gestionale mancanti o errate");

        assertThat(call("GET", CLIENTI, null, authorization(), "Azienda=XYZ Anno=2026").detail())
                .isEqualTo("1001 - coordinate gestionale mancanti o errate");
        assertThat(call("GET", CLIENTI, null, authorization(), "Azienda=SIN").status()).isEqualTo(400);
        assertThat(call("GET", CLIENTI, null, authorization(), "Azienda=SIN Anno=26").status()).isEqualTo(400);
        assertThat(call("POST", CLIENTI, "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"X\"}", authorization(),
                "garbage").status()).isEqualTo(400);
        assertThat(simulator.customers()).isEmpty();

        assertThat(call("GET", CLIENTI, null, authorization(), "Azienda=SIN Anno=2026").status()).isEqualTo(200);
        assertThat(call("GET", CLIENTI, null, authorization(), "Azienda=SIN SottoAzienda=A Anno=2026 Magazzino=2")
                .status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAnswer404WithoutBody() {
        Answer unknown = get("/risorse/fornitori-inesistenti");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw()).isEmpty();
    }

    @Test
    void failNextAnswersTheRealBodiesThenLetsRequestsThrough() {
        simulator.failNext(3, 503);
        Answer pool = get(CLIENTI);
        assertThat(pool.status()).isEqualTo(503);
        assertThat(pool.detail()).isEqualTo("3002 - pool servizi esaurito");
        assertThat(get(CLIENTI).status()).isEqualTo(503);
        assertThat(get(CLIENTI).status()).isEqualTo(503);
        assertThat(get(CLIENTI).status()).isEqualTo(200);

        simulator.failNext(1, 401);
        Answer refused = get(CLIENTI);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).isEqualTo("2002 - credenziali non valide");
        assertThat(simulator.userLocked()).isFalse();

        simulator.failNext(1, 500);
        Answer broken = get(CLIENTI);
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.detail()).startsWith("5001");
        assertThat(get(CLIENTI).status()).isEqualTo(200);
    }

    @Test
    void resetFaultsDisarmsInjectedFailures() {
        simulator.failNext(5, 500);
        simulator.resetFaults();

        assertThat(get(CLIENTI).status()).isEqualTo(200);
    }

    @Test
    void everyRequestIsRecordedWithItsBodyIncludingRefusedOnes() {
        call("POST", CLIENTI, "{\"codice\":\"501.AUTO\"}", passepartout("WEBAPI1", "nope"), COORDINATES);
        post(CLIENTI + "?x=1", "{\"codice\":\"501.AUTO\",\"ragione_sociale\":\"Bar Sport\"}");

        List<ErpSimulator.RecordedRequest> requests = simulator.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).status()).isEqualTo(401);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo("/webapi/risorse/clienti");
        assertThat(requests.get(0).body()).isEqualTo("{\"codice\":\"501.AUTO\"}");
        assertThat(requests.get(1).status()).isEqualTo(201);
        assertThat(requests.get(1).rawQuery()).isEqualTo("x=1");
        assertThat(requests.get(1).at()).isNotNull();
        assertThat(simulator.callCount()).isEqualTo(2);

        simulator.clearRequests();
        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.callCount()).isEqualTo(2);
    }
}
