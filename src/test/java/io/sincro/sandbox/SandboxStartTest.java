package io.sincro.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sincro.model.OrderState;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.store.Orders;
import io.sincro.store.SyncRuns;
import io.sincro.sync.PartialErpSync;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The README's first command: the sandbox profile alone shows shop orders flowing into the ERP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sincro.mail.enabled=false", "sincro.sandbox.magento.orders=120", "sincro.sandbox.erp.port=19105"})
@ActiveProfiles({"test", "sandbox"})
class SandboxStartTest {

    @Autowired
    SyncRuns runs;
    @Autowired
    Orders orders;
    @Autowired
    ErpSimulator erp;

    @Test
    void theSandboxAccountImportsItsShopsOrdersAtStartAndTheyReachTheSandboxErp() {
        SyncRuns.SyncRun run = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(SandboxConfiguration.ACCOUNT_ID, 1).stream().findFirst().orElse(null),
                        r -> r != null && r.state() != SyncRuns.State.RUNNING);
        SyncRuns.SyncRun partial = await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.list(null, 10).stream().filter(r -> r.kind().equals(PartialErpSync.LOCK_KIND))
                        .findFirst().orElse(null), r -> r != null && r.state() != SyncRuns.State.RUNNING);

        assertThat(run.state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(run.ordersImported()).isPositive();
        assertThat(partial.state()).isEqualTo(SyncRuns.State.COMPLETED);
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.STORED)).isEqualTo(run.ordersImported());
        assertThat(orders.count(SandboxConfiguration.ACCOUNT_ID, OrderState.HELD)).isEqualTo(run.ordersHeld());
        assertThat(erp.orders()).hasSize(run.ordersImported());
    }
}
