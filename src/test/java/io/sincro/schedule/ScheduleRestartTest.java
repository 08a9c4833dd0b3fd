package io.sincro.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sincro.HubClient;
import io.sincro.HubNode;
import io.sincro.TestShops;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Schedules survive a restart: the hub is stopped and started again on the same file database, and
 * the schedules (set through the API or in configuration) are there with the same next runs, which
 * Quartz kept in its JDBC job store.
 */
class ScheduleRestartTest {

    @Test
    void schedulesAndTheirNextRunsAreThereAfterARestart() {
        Path database = Path.of("target", "restart-test-" + UUID.randomUUID(), "sincro");
        Map<String, String> properties = Map.of(
                "spring.datasource.url", "jdbc:hsqldb:file:" + database
                        + ";sql.syntax_pgs=true;hsqldb.default_table_type=cached;hsqldb.tx=mvcc;shutdown=true",
                "sincro.schedules.erp-delta.frequency", "EVERY_N_DAYS",
                "sincro.schedules.erp-delta.every-days", "2",
                "sincro.schedules.erp-delta.days", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY",
                "sincro.schedules.erp-delta.at", "02:30",
                // the same scheduler and secrets key as before the restart (the test profile gives each hub its own)
                "spring.quartz.properties.org.quartz.scheduler.instanceName", "sincro-restarted",
                "sincro.secrets.key", TestShops.secretsKey());

        String nextBefore;
        String erpNextBefore;
        try (HubNode hub = HubNode.start(properties)) {
            HubClient client = hub.client();
            assertThat(client.post("/api/accounts", Map.of("id", "kept", "name", "Kept", "baseUrl",
                    "http://127.0.0.1:9", "credentials", Map.of("mode", "BEARER", "accessToken", "t"))).status())
                    .isEqualTo(201);
            HubClient.Response saved = client.put("/api/accounts/kept/schedule", Map.of("frequency", "WEEKLY",
                    "days", java.util.List.of("MONDAY", "THURSDAY"), "at", "07:30"));
            assertThat(saved.status()).as(saved.text()).isEqualTo(200);
            nextBefore = saved.body().path("nextRun").asText();
            JsonNode erp = client.get("/api/erp/schedule").body();
            assertThat(erp.path("source").asText()).isEqualTo("CONFIG");
            erpNextBefore = erp.path("nextRun").asText();
            HubClient.Response change = client.put("/api/erp/schedule", Map.of("frequency", "DAILY"));
            assertThat(change.status()).as("a configured schedule is changed in the configuration").isEqualTo(409);
            assertThat(change.body().path("detail").asText()).contains("sincro.schedules");
        }

        try (HubNode hub = HubNode.start(properties)) {
            HubClient client = hub.client();
            JsonNode schedule = client.get("/api/accounts/kept/schedule").body();
            assertThat(schedule.path("source").asText()).isEqualTo("API");
            assertThat(schedule.path("schedule").path("frequency").asText()).isEqualTo("WEEKLY");
            assertThat(schedule.path("schedule").path("at").asText()).startsWith("07:30");
            assertThat(schedule.path("nextRun").asText()).isEqualTo(nextBefore);
            assertThat(client.get("/api/erp/schedule").body().path("nextRun").asText()).isEqualTo(erpNextBefore);
        }
    }
}
