package io.sincro.sandbox;

import io.sincro.sandbox.erp.ErpSimulator;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import io.sincro.sandbox.prestashop.SandboxPrestaShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.FieldMapping;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopConnectors;
import io.sincro.shop.ShopCredentials;
import io.sincro.store.Articles;
import io.sincro.store.ShopAccounts;
import io.sincro.sync.OrderSyncs;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The sandbox (profile {@code sandbox}): an in-process Magento 2 shop with generated orders and an
 * in-process ERP WebAPI, both over real HTTP on loopback, and an account that uses them, so a first
 * run shows orders flowing from the shop into the ERP. Its credentials
 * are made up at each start; the ERP articles the shop sells are mirrored into the hub, except the few
 * unknown SKUs, which the sandbox account codes automatically.
 *
 * <p>A PrestaShop 8 shop runs beside it ({@link PrestaShopSimulator}, generated Italian orders), with the
 * account {@value #PRESTASHOP_ACCOUNT_ID} once the hub has a PrestaShop connector.
 */
@Configuration
@Profile("sandbox")
public class SandboxConfiguration {

    public static final String ACCOUNT_ID = "sandbox-magento";
    public static final String PRESTASHOP_ACCOUNT_ID = "sandbox-prestashop";
    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    private final MagentoSimulator.Credentials credentials = new MagentoSimulator.Credentials(
            "sandbox-" + UUID.randomUUID(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            UUID.randomUUID().toString(), false);

    /** A webservice key as the merchant generates it: 32 letters and digits, made up at each start. */
    private final String prestaShopKey = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);

    @Bean(destroyMethod = "close")
    MagentoSimulator sandboxMagento(@Value("${sincro.sandbox.magento.port}") int port,
            @Value("${sincro.sandbox.magento.orders}") int orders, @Value("${sincro.sandbox.magento.seed}") long seed) {
        SandboxShop shop = SandboxShop.generate(seed, orders, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        MagentoSimulator simulator = MagentoSimulator.start(port, "default", credentials, shop);
        log.info("Sandbox Magento shop with {} orders at {}", orders, simulator.baseUrl());
        return simulator;
    }

    @Bean(destroyMethod = "close")
    PrestaShopSimulator sandboxPrestaShop(@Value("${sincro.sandbox.prestashop.port:0}") int port,
            @Value("${sincro.sandbox.prestashop.orders:60}") int orders,
            @Value("${sincro.sandbox.prestashop.seed:42}") long seed) {
        var shop = SandboxPrestaShop.generate(seed, orders, LocalDateTime.now(io.sincro.sandbox.prestashop.PrestaShopShop.SHOP_ZONE)
                .truncatedTo(ChronoUnit.SECONDS), SandboxPrestaShop.StateIds.freshInstall());
        PrestaShopSimulator simulator = PrestaShopSimulator.start(port, List.of(PrestaShopSimulator.fullKey(prestaShopKey)), shop);
        log.info("Sandbox PrestaShop shop with {} orders at {}/api", orders, simulator.baseUrl());
        return simulator;
    }

    /** The sandbox ERP: a WebAPI simulator whose articles are the shop's catalogue (not its unknown SKUs). */
    @Bean(destroyMethod = "close")
    ErpSimulator sandboxErp(@Value("${sincro.sandbox.erp.port}") int port, @Value("${sincro.erp.company}") String company,
            @Value("${sincro.erp.user}") String user, @Value("${sincro.erp.password}") String password,
            @Value("${sincro.sandbox.erp.data-file:}") String dataFile,
            io.sincro.erp.ErpProperties erpProperties, MagentoSimulator shop) {
        ErpSimulator erp = ErpSimulator.start(port, company, new ErpSimulator.Credentials(user, password, null), 5);
        // the console's actions work among the documents of the year the hub writes its orders in
        erp.workingYear(erpProperties.workingYear());
        shop.shop().catalogue().forEach(item -> erp.addArticle(item.sku(), item.name(),
                item.vatRate().stripTrailingZeros().toPlainString()));
        // and the PrestaShop shop's catalogue, so that its orders need no automatic coding either
        SandboxPrestaShop.CATALOGUE.forEach(item -> erp.addArticle(item.reference(), item.name(),
                String.valueOf(item.vatRate())));
        // the ERP keeps what the hub wrote across restarts, as the hub's store does: else a restarted sandbox ERP
        // would number its orders from 1 again and give a new order the key of one the hub already holds
        if (!dataFile.isBlank()) {
            erp.keepIn(java.nio.file.Path.of(dataFile));
        }
        log.info("Sandbox ERP WebAPI at {}", erp.baseUrl());
        return erp;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void prepare(ApplicationReadyEvent ready) {
        var context = ready.getApplicationContext();
        MagentoSimulator simulator = context.getBean(MagentoSimulator.class);
        context.getBean(ErpSimulator.class);
        ShopAccounts accounts = context.getBean(ShopAccounts.class);
        Articles articles = context.getBean(Articles.class);
        simulator.shop().catalogue().forEach(item -> articles.mirrorFromErp(item.sku(), null, item.name(),
                item.vatRate().stripTrailingZeros().toPlainString(), "pz"));
        SandboxPrestaShop.CATALOGUE.forEach(item -> articles.mirrorFromErp(item.reference(), null, item.name(),
                String.valueOf(item.vatRate()), "pz"));
        ShopAccount account = new ShopAccount(ACCOUNT_ID, "Sandbox Magento shop", Platform.MAGENTO,
                simulator.baseUrl(), simulator.storeCode(),
                new ShopCredentials(ShopCredentials.AuthMode.OAUTH1, credentials.consumerKey(),
                        credentials.consumerSecret(), credentials.accessToken(), credentials.accessTokenSecret()),
                settings(), null);
        if (accounts.find(ACCOUNT_ID).isPresent()) {
            accounts.update(account);
        } else {
            accounts.create(account);
        }
        boolean prestaShop = context.getBean(ShopConnectors.class).canReadOrders(Platform.PRESTASHOP);
        if (prestaShop) {
            ShopAccount presta = prestaShopAccount(context.getBean(PrestaShopSimulator.class), prestaShopKey);
            if (accounts.find(PRESTASHOP_ACCOUNT_ID).isPresent()) {
                accounts.update(presta);
            } else {
                accounts.create(presta);
            }
        } else {
            log.info("No PrestaShop connector in this build: the sandbox PrestaShop shop runs without an account");
        }
        if (context.getEnvironment().getProperty("sincro.sandbox.sync-on-start", Boolean.class, true)) {
            context.getBean(OrderSyncs.class).request(ACCOUNT_ID, "SANDBOX_START");
            if (prestaShop) {
                context.getBean(OrderSyncs.class).request(PRESTASHOP_ACCOUNT_ID, "SANDBOX_START");
            }
        }
    }

    /**
     * The sandbox PrestaShop account: the webservice key as credentials (mode WEBSERVICE, the key in
     * accessToken), the shop's payment modules and carriers (by id_reference) mapped to ERP codes. Its
     * PrestaShop settings are the defaults (shop 1, language 1, the PS_OS_* states to import and the state
     * mapping resolved from the shop's configurations), which are the sandbox shop's.
     */
    static ShopAccount prestaShopAccount(PrestaShopSimulator simulator, String key) {
        // by name: the WEBSERVICE mode comes with the PrestaShop connector; this is only called when it is there
        ShopCredentials credentials = new ShopCredentials(ShopCredentials.AuthMode.WEBSERVICE, null, null, key, null);
        // null field mapping and import statuses: the defaults, which the PrestaShop connector reads as the
        // invoice address's vat_number and dni, and its own PS_OS_* import states
        AccountSettings settings = new AccountSettings(null, true, null,
                Map.of("ps_checkpayment", "1", "ps_wirepayment", "2", "paypal", "3", "ps_cashondelivery", "4"),
                Map.of("1", "1", "2", "1", "3", "2", "4", "3"), "1", List.of("merchant@sandbox.local"), 50, 10, null,
                Map.of(), null, null);
        return new ShopAccount(PRESTASHOP_ACCOUNT_ID, "Sandbox PrestaShop shop", Platform.PRESTASHOP, simulator.baseUrl(),
                null, credentials, settings, null);
    }

    /** The settings a merchant would give the sandbox shop. */
    public static AccountSettings settings() {
        // the sandbox shop keeps PEC and SDI code as customer attributes, as Italian localisation modules do
        FieldMapping fields = new FieldMapping("order:billing_address.vat_id", "order:customer_taxvat", "customer:pec",
                "customer:codice_sdi");
        return new AccountSettings(List.of("pending", "processing"), true, fields,
                Map.of("checkmo", "1", "banktransfer", "2", "paypal_express", "3", "cashondelivery", "4"),
                Map.of("flatrate", "1", "tablerate", "1", "freeshipping", "1", "dhl", "2", "ups", "3"), "1",
                List.of("merchant@sandbox.local"), 100, 10, null, Map.of("2", "dhl", "3", "ups"));
    }
}
