package io.sincro.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import jakarta.annotation.PostConstruct;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Shop accounts. Secrets are stored for the connectors' use, sealed when the hub has a key
 * ({@link SecretsAtRest}), and never leave through the API.
 */
@Repository
public class ShopAccounts {

    private static final Logger log = LoggerFactory.getLogger(ShopAccounts.class);

    private static final String COLUMNS = "id, name, platform, base_url, store_code, auth_mode, consumer_key, "
            + "consumer_secret, access_token, access_token_secret, settings, order_watermark";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final SecretsAtRest secrets;
    private final StoreFiles files;
    /**
     * Accounts as the per-order work reads them ({@link #current}): parsing the settings and opening four
     * sealed secrets for every order imported and pushed cost more CPU than the rest of the order's
     * intake. This node's own changes evict an entry at once; another node's are seen when it expires.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Duration cacheTtl;

    private record Cached(ShopAccount account, long readAtNanos) {
    }

    public ShopAccounts(JdbcClient jdbc, ObjectMapper json, SecretsAtRest secrets) {
        this(jdbc, json, secrets, "", Duration.ofSeconds(5));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ShopAccounts(JdbcClient jdbc, ObjectMapper json, SecretsAtRest secrets,
            @org.springframework.beans.factory.annotation.Value("${spring.datasource.url:}") String databaseUrl,
            @org.springframework.beans.factory.annotation.Value("${sincro.accounts.cache-ttl:5s}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
        this.files = StoreFiles.of(databaseUrl);
        this.cacheTtl = cacheTtl;
    }

    /**
     * At start: a hub that cannot open the stored secrets (no key, or another key) stops here with what
     * to do, instead of failing at every sync; secrets stored before the hub had a key, or sealed under
     * {@code sincro.secrets.previous-key}, are sealed under the key; then the store is compacted, so no
     * copy of the old values stays in its files, and its files are made readable by the hub's user only.
     */
    @PostConstruct
    public void checkAndSealStoredSecrets() {
        Map<String, List<String>> stored = jdbc.sql("SELECT id, consumer_key, consumer_secret, access_token, "
                        + "access_token_secret FROM shop_account ORDER BY id")
                .query(rs -> {
                    Map<String, List<String>> byAccount = new LinkedHashMap<>();
                    while (rs.next()) {
                        byAccount.put(rs.getString(1), Arrays.asList(rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                    return byAccount;
                });
        int sealed = 0;
        for (Map.Entry<String, List<String>> account : stored.entrySet()) {
            for (String value : account.getValue()) {
                try {
                    secrets.open(value);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException("the secrets of shop account " + account.getKey()
                            + " cannot be opened: " + e.getMessage() + ". Start the hub with the key they were sealed "
                            + "with; if it is lost, clear them (UPDATE shop_account SET consumer_key = NULL, "
                            + "consumer_secret = NULL, access_token = NULL, access_token_secret = NULL) and enter "
                            + "them again with PUT /api/accounts/{id}", e);
                }
            }
            if (account.getValue().stream().anyMatch(secrets::needsSealing)) {
                writeSecrets(account.getKey(), find(account.getKey()).orElseThrow().credentials());
                sealed++;
            }
        }
        if (sealed > 0) {
            log.info("Sealed the secrets of {} shop accounts (stored open, or under the previous key) under the "
                    + "current key", sealed);
            compact();
        }
        files.protect();
    }

    /**
     * Rewrites the store so that the values just sealed leave no open copy behind: HSQLDB keeps old rows
     * in its log and in the free space of its data file until a defragmenting checkpoint; PostgreSQL keeps
     * dead row versions until the table is rewritten.
     */
    private void compact() {
        try {
            if (files.isFile()) {
                jdbc.sql("CHECKPOINT DEFRAG").update();
            } else if (isPostgres()) {
                jdbc.sql("VACUUM FULL shop_account").update();
            }
        } catch (RuntimeException e) {
            log.warn("The store could not be compacted after sealing the shops' secrets ({}): copies of the values "
                    + "stored before may remain in its files until it is", e.getMessage());
        }
    }

    private boolean isPostgres() {
        return jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    public List<ShopAccount> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM shop_account ORDER BY id").query(this::map).list();
    }

    public Optional<ShopAccount> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM shop_account WHERE id = ?").param(id).query(this::map).optional();
    }

    /**
     * The account for work done order by order (mapping, intake, ERP push): its settings and credentials
     * as read at most {@code sincro.accounts.cache-ttl} (5 s) ago, or since this node last changed it.
     * Its order watermark may be older than the stored one: whatever reads the watermark uses {@link #find}.
     */
    public Optional<ShopAccount> current(String id) {
        Cached cached = cache.get(id);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < cacheTtl.toNanos()) {
            return Optional.of(cached.account());
        }
        Optional<ShopAccount> read = find(id);
        read.ifPresentOrElse(account -> cache.put(id, new Cached(account, now)), () -> cache.remove(id));
        return read;
    }

    /** Forgets this node's copy now and, inside a transaction, again once it ends (a read meanwhile sees the old row). */
    private void evict(String id) {
        cache.remove(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.remove(id);
                }
            });
        }
    }

    public void create(ShopAccount account) {
        evict(account.id());
        Instant now = Instant.now();
        ShopCredentials c = account.credentials();
        jdbc.sql("INSERT INTO shop_account (" + COLUMNS + ", created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(account.id(), account.name(), account.platform().name(), account.baseUrl(),
                        storeCode(account), c.mode().name(), secrets.seal(c.consumerKey()),
                        secrets.seal(c.consumerSecret()), secrets.seal(c.accessToken()),
                        secrets.seal(c.accessTokenSecret()), write(account.settings()),
                        Timestamps.of(account.orderWatermark()),
                        Timestamps.of(now), Timestamps.of(now))
                .update();
    }

    /** Replaces everything but the watermark, which only the order sync moves. */
    @Transactional
    public void update(ShopAccount account) {
        evict(account.id());
        jdbc.sql("UPDATE shop_account SET name = ?, platform = ?, base_url = ?, store_code = ?, auth_mode = ?, "
                        + "settings = ?, updated_at = ? WHERE id = ?")
                .params(account.name(), account.platform().name(), account.baseUrl(), storeCode(account),
                        account.credentials().mode().name(), write(account.settings()), Timestamps.of(Instant.now()),
                        account.id())
                .update();
        writeSecrets(account.id(), account.credentials());
    }

    /** A shop without store views (PrestaShop: its shop is a setting) is stored under Magento's default one. */
    private static String storeCode(ShopAccount account) {
        return account.storeCode() == null || account.storeCode().isBlank() ? "default" : account.storeCode();
    }

    private void writeSecrets(String id, ShopCredentials c) {
        evict(id);
        jdbc.sql("UPDATE shop_account SET consumer_key = ?, consumer_secret = ?, access_token = ?, "
                        + "access_token_secret = ? WHERE id = ?")
                .params(secrets.seal(c.consumerKey()), secrets.seal(c.consumerSecret()), secrets.seal(c.accessToken()),
                        secrets.seal(c.accessTokenSecret()), id)
                .update();
    }

    /** Sets where the next order poll starts (operators may move it back to force re-reads). */
    public void setWatermark(String id, Instant watermark) {
        evict(id);
        jdbc.sql("UPDATE shop_account SET order_watermark = ?, updated_at = ? WHERE id = ?")
                .params(Timestamps.of(watermark), Timestamps.of(Instant.now()), id).update();
    }

    /** Moves the watermark forward only: a slower run finishing late never moves it back. */
    public void advanceWatermark(String id, Instant watermark) {
        jdbc.sql("UPDATE shop_account SET order_watermark = ? WHERE id = ? "
                        + "AND (order_watermark IS NULL OR order_watermark < ?)")
                .params(Timestamps.of(watermark), id, Timestamps.of(watermark)).update();
    }

    public boolean delete(String id) {
        evict(id);
        return jdbc.sql("DELETE FROM shop_account WHERE id = ?").param(id).update() > 0;
    }

    public boolean isReferenced(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM shop_order WHERE account_id = ?").param(id).query(Long.class).single() > 0
                || jdbc.sql("SELECT COUNT(*) FROM customer_shop_binding WHERE account_id = ?").param(id)
                        .query(Long.class).single() > 0
                // a listing publishes on the account
                || jdbc.sql("SELECT COUNT(*) FROM listing WHERE account_id = ?").param(id).query(Long.class).single() > 0;
    }

    private ShopAccount map(ResultSet rs, int row) throws SQLException {
        ShopCredentials credentials = new ShopCredentials(ShopCredentials.AuthMode.valueOf(rs.getString("auth_mode")),
                secrets.open(rs.getString("consumer_key")), secrets.open(rs.getString("consumer_secret")),
                secrets.open(rs.getString("access_token")), secrets.open(rs.getString("access_token_secret")));
        return new ShopAccount(rs.getString("id"), rs.getString("name"), Platform.valueOf(rs.getString("platform")),
                rs.getString("base_url"), rs.getString("store_code"), credentials, read(rs.getString("settings")),
                Timestamps.read(rs, "order_watermark"));
    }

    private String write(AccountSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("account settings cannot be written", e);
        }
    }

    private AccountSettings read(String text) {
        try {
            return json.readValue(text, AccountSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("account settings cannot be read", e);
        }
    }

    /** The shop time up to which a scheduled customer sync read the account's customers; empty before the first. */
    public Optional<Instant> customerWatermark(String id) {
        return jdbc.sql("SELECT customer_watermark FROM shop_account WHERE id = ?").param(id)
                .query((rs, n) -> Timestamps.read(rs, "customer_watermark")).optional().filter(java.util.Objects::nonNull);
    }

    public void setCustomerWatermark(String id, Instant watermark) {
        jdbc.sql("UPDATE shop_account SET customer_watermark = ? WHERE id = ?").params(Timestamps.of(watermark), id)
                .update();
    }
}
