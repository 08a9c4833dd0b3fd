package io.sincro.erp;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code erpLogin} in {@code /actuator/health}: OUT_OF_SERVICE while the ERP login guard stops every ERP
 * call, with when, where and what the ERP said. Only the overall health shows it: the liveness probe
 * stays UP, as restarting the hub would not help.
 */
@Component
public class ErpLoginHealthIndicator implements HealthIndicator {

    private final ErpLoginGuard guard;

    public ErpLoginHealthIndicator(ErpLoginGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        ErpLoginRecord.State state = guard.state();
        if (!state.refused()) {
            return Health.up().build();
        }
        return Health.outOfService()
                .withDetail("refusedAt", state.refusedAt().toString())
                .withDetail("node", state.refusedNode())
                .withDetail("erpMessage", state.refusedMessage())
                .withDetail("reason", ErpLoginGuard.stoppedBecause(state))
                .build();
    }
}
