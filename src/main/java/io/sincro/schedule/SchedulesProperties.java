package io.sincro.schedule;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Schedules set in configuration, for deployments managed as code. They are written over what is
 * stored at every start and cannot be changed through the API (which says they come from CONFIG).
 * <pre>
 * sincro.schedules.accounts.shop-it.frequency=DAILY
 * sincro.schedules.accounts.shop-it.runs-per-day=3
 * sincro.schedules.accounts.shop-it.window-start=08:00
 * sincro.schedules.accounts.shop-it.window-end=20:00
 * sincro.schedules.erp-delta.frequency=EVERY_N_DAYS
 * sincro.schedules.erp-delta.every-days=1
 * sincro.schedules.erp-delta.days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY
 * sincro.schedules.erp-delta.at=02:00
 * </pre>
 */
@ConfigurationProperties("sincro.schedules")
public record SchedulesProperties(Map<String, Schedule> accounts, Schedule erpDelta) {

    public SchedulesProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }
}
