package io.sincro;

import static org.assertj.core.api.Assertions.assertThat;

import io.sincro.sandbox.SandboxConfiguration;
import io.sincro.sandbox.SimulatedShop;
import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the scenario tests set up the same way: the ERP simulator's user, and Magento accounts on a simulator. */
public final class TestShops {

    public static final MagentoSimulator.Credentials SHOP =
            new MagentoSimulator.Credentials("ck", "cs", "at", "ats", true);
    public static final ErpSimulator.Credentials ERP_USER =
            new ErpSimulator.Credentials("webapi", "webapi-test-password", null);

    private TestShops() {
    }

    /** A WebAPI simulator of company SIN with the test user and the real 5-call pool. */
    public static ErpSimulator startErp() {
        return ErpSimulator.start(0, "SIN", ERP_USER, 5);
    }

    /** Points the hub at the simulator, as that user, company SIN, year 2026. */
    public static void erp(DynamicPropertyRegistry registry, ErpSimulator erp) {
        erpProperties(erp.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * A scenario's hub on this ERP simulator: a busy ERP is retried after 50 ms (not the production backoff),
     * and no mail is sent.
     */
    public static void scenarioErp(DynamicPropertyRegistry registry, ErpSimulator erp) {
        erp(registry, erp);
        registry.add("sincro.erp.busy-backoff", () -> "50ms");
        registry.add("sincro.mail.enabled", () -> "false");
    }

    /** The same as plain properties, for a hub started as a node. */
    public static Map<String, String> erpProperties(String baseUrl) {
        return Map.of("sincro.erp.base-url", baseUrl, "sincro.erp.user", ERP_USER.user(),
                "sincro.erp.password", ERP_USER.password(), "sincro.erp.company", "SIN", "sincro.erp.year", "2026");
    }

    /**
     * A Magento simulator with {@code orders} generated sandbox orders (the newest updated an hour ago), whose
     * catalogue the ERP knows.
     */
    public static MagentoSimulator startShop(ErpSimulator erp, long seed, int orders) {
        MagentoSimulator shop = MagentoSimulator.start(0, "it", SHOP, SandboxShop.generate(seed, orders,
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
        stockErp(erp, shop);
        return shop;
    }

    /** The ERP knows what the shop sells (those it does not have yet). */
    public static void stockErp(ErpSimulator erp, MagentoSimulator shop) {
        Set<String> known = erp.articles().stream().map(a -> a.path("codice").asText()).collect(Collectors.toSet());
        shop.shop().catalogue().stream().filter(item -> !known.contains(item.sku()))
                .forEach(item -> erp.addArticle(item.sku(), item.name(), item.vatRate().stripTrailingZeros()
                        .toPlainString()));
    }

    /**
     * Creates, through the API, a Magento account on the simulator with the sandbox's payment and carrier
     * tables, auto-coding on, orders as OC series 1; {@code extra} adds or overrides settings.
     */
    public static String magentoAccount(HubClient hub, MagentoSimulator shop, String id, Map<String, Object> extra) {
        var sandbox = SandboxConfiguration.settings();
        Map<String, Object> settings = new HashMap<>();
        settings.put("autoCodeArticles", true);
        settings.put("paymentMethods", sandbox.paymentMethods());
        settings.put("carriers", sandbox.carriers());
        settings.put("defaultCarrier", "1");
        settings.put("erp", Map.of("sigla", "OC", "serie", 1, "zeroVatCode", "N3.2"));
        settings.putAll(extra);
        HubClient.Response created = hub.post("/api/accounts", Map.of("id", id, "name", "Shop " + id,
                "baseUrl", shop.baseUrl(), "storeCode", shop.storeCode(),
                "credentials", Map.of("mode", "BEARER", "accessToken", SHOP.accessToken()), "settings", settings));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    /** A shop of the starter's platform with {@code orders} generated orders, whose catalogue the ERP knows. */
    public static SimulatedShop startShop(SimulatedShop.Starter starter, ErpSimulator erp, long seed, int orders) {
        SimulatedShop shop = starter.start(seed, orders);
        stockErp(erp, shop);
        return shop;
    }

    /** The ERP knows what the shop sells (those it does not have yet). */
    public static void stockErp(ErpSimulator erp, SimulatedShop shop) {
        Set<String> known = erp.articles().stream().map(a -> a.path("codice").asText()).collect(Collectors.toSet());
        shop.catalogue().stream().filter(item -> !known.contains(item.sku()))
                .forEach(item -> erp.addArticle(item.sku(), item.name(), item.vatRate().stripTrailingZeros()
                        .toPlainString()));
    }

    /**
     * Creates, through the API, an account on the simulated shop with the sandbox's payment and carrier tables,
     * auto-coding on, orders as OC series 1; {@code extra} adds or overrides settings.
     */
    public static String account(HubClient hub, SimulatedShop shop, String id, Map<String, Object> extra) {
        HubClient.Response created = hub.post("/api/accounts", shop.accountBody(id, extra));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return id;
    }

    /** A fresh key for sealing the shops' secrets, for hubs that must share one (64 hex digits). */
    public static String secretsKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.HexFormat.of().formatHex(key);
    }
}
