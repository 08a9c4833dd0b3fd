package io.sincro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sincro.model.OrderState;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The README's first command: the sandbox profile alone shows orders flowing into the hub. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.mail.enabled=false", "sincro.sandbox.magento.orders=120"})
@ActiveProfiles({"test", "sandbox"})
class SandboxStartTest {

    @Autowired
    SyncRuns runs;
    @Autowired
    Orders orders;

    @Test
    void theSandboxAccountImportsItsShopsOrdersAtStart() {
        SyncRuns.SyncRun run = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(SandboxConfiguration.ACCOUNT_ID, 1).stream().findFirst().orElse(null),
                        r -> r != null && r.state() != SyncRuns.State.RUNNING);

        assertThat(run.state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(run.ordersImported()).isPositive();
        assertThat(run.erpSyncRequested()).isTrue();
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.NEW)).isEqualTo(run.ordersImported());
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.HELD)).isEqualTo(run.ordersHeld());
    }
}
