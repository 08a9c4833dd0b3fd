package io.sincro.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.TestShops;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accounts the per-order work reads ({@link ShopAccounts#current}), as two nodes on one real store
 * see them: read once and kept (no settings parsed nor secrets opened per order), a node's own change
 * seen at once, another node's within the cache's time to live.
 */
class ShopAccountsCacheTest {

    static final String KEY = TestShops.secretsKey();
    static final Duration TTL = Duration.ofMillis(500);

    JdbcClient jdbc;
    ShopAccounts nodeA;
    ShopAccounts nodeB;

    @BeforeEach
    void store() {
        jdbc = JdbcClient.create(io.sincro.MigratedStores.hsqldb("accounts-cache"));
        nodeA = new ShopAccounts(jdbc, new ObjectMapper(), new SecretsAtRest(KEY), "", TTL);
        nodeB = new ShopAccounts(jdbc, new ObjectMapper(), new SecretsAtRest(KEY), "", TTL);
    }

    static ShopAccount account(String carrier, String token) {
        AccountSettings settings = new AccountSettings(null, false, null, null, null, carrier, null, null, null, null,
                null, null);
        return new ShopAccount("shop-1", "Shop", Platform.MAGENTO, "https://shop.example.it", "default",
                new ShopCredentials(ShopCredentials.AuthMode.BEARER, null, null, token, null), settings, null);
    }

    @Test
    void anAccountIsReadOnceForTheOrdersOfItsTimeToLive() {
        ShopAccounts node = new ShopAccounts(jdbc, new ObjectMapper(), new SecretsAtRest(KEY), "",
                Duration.ofMinutes(1));
        node.create(account("1", "token-1"));

        ShopAccount first = node.current("shop-1").orElseThrow();

        assertThat(node.current("shop-1")).containsSame(first);
        assertThat(first.credentials().accessToken()).isEqualTo("token-1");
    }

    @Test
    void aNodeSeesItsOwnChangeAtOnceAndAnotherNodesWithinTheTimeToLive() {
        nodeA.create(account("1", "token-1"));
        assertThat(nodeB.current("shop-1").orElseThrow().settings().defaultCarrier()).isEqualTo("1");
        assertThat(nodeA.current("shop-1").orElseThrow().settings().defaultCarrier()).isEqualTo("1");

        nodeA.update(account("2", "token-2"));

        assertThat(nodeA.current("shop-1").orElseThrow().settings().defaultCarrier()).isEqualTo("2");
        assertThat(nodeA.current("shop-1").orElseThrow().credentials().accessToken()).isEqualTo("token-2");
        await().atMost(TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> nodeB.current("shop-1").orElseThrow().settings().defaultCarrier().equals("2"));
        assertThat(nodeB.current("shop-1").orElseThrow().credentials().accessToken()).isEqualTo("token-2");
    }

    @Test
    void aDeletedAccountIsGoneAtOnceOnItsNode() {
        nodeA.create(account("1", "token-1"));
        assertThat(nodeA.current("shop-1")).isPresent();

        nodeA.delete("shop-1");

        assertThat(nodeA.current("shop-1")).isEmpty();
    }
}
