package io.sincro.erp;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the delta and full ERP syncs pull, and how many of them the contract allows.
 *
 * @param monthlyQuota  successful full and delta syncs allowed per calendar month (the contract's
 *                      "monte sincronizzazioni"); partial syncs, shop syncs and immediate insertions never count
 * @param quotaZone     the zone whose calendar months the quota counts in
 * @param priceLists    the ERP price lists whose prices the hub keeps
 * @param warehouses    the ERP warehouses whose availability the hub keeps
 * @param pageSize      records per WebAPI page while pulling
 * @param shopOrderWait how long a full/delta sync waits for the order syncs of the accounts, started together
 */
@ConfigurationProperties("sincro.erp.sync")
public record ErpSyncProperties(Integer monthlyQuota, ZoneId quotaZone, List<Integer> priceLists,
        List<Integer> warehouses, Integer pageSize, Duration shopOrderWait) {

    public ErpSyncProperties {
        monthlyQuota = monthlyQuota == null || monthlyQuota < 0 ? 30 : monthlyQuota;
        quotaZone = quotaZone == null ? ZoneId.of("Europe/Rome") : quotaZone;
        priceLists = priceLists == null || priceLists.isEmpty() ? List.of(1) : List.copyOf(priceLists);
        warehouses = warehouses == null || warehouses.isEmpty() ? List.of(1) : List.copyOf(warehouses);
        pageSize = pageSize == null || pageSize <= 0 ? 500 : pageSize;
        shopOrderWait = shopOrderWait == null ? Duration.ofMinutes(10) : shopOrderWait;
    }
}
