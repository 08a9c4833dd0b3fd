package io.sincro;

import java.util.List;

/**
 * Every secret the tests hand to the hub, in one place: {@code SecretsInLogsTest} (run last) looks for
 * each of them in the logs of the whole suite. A test that gives the hub a new secret declares it here.
 */
public final class TestSecrets {

    public static final String CORPUS_SHOP_TOKEN = "corpus-shop-token-5f2e9a7c41";
    public static final String CORPUS_NEW_TOKEN = "corpus-new-token-b83d10e6f2";
    public static final String OLD_SHOP_TOKEN = "old-shop-token-7c1a3e9b55";
    public static final String NEW_SHOP_TOKEN = "new-shop-token-2d8f6b0a93";
    public static final String SEALED_FILE_TOKEN = "sealed-file-token-4e7b2c9d16";
    public static final String OPEN_LEGACY_TOKEN = "open-legacy-token-9a3f5d1e72";
    public static final String ROTATED_TOKEN = "rotated-token-6b0e8c2f47";

    private TestSecrets() {
    }

    /** The secrets above and those of the shared fixtures (shop and ERP simulator users). */
    public static List<String> all() {
        return List.of(CORPUS_SHOP_TOKEN, CORPUS_NEW_TOKEN, OLD_SHOP_TOKEN, NEW_SHOP_TOKEN, SEALED_FILE_TOKEN,
                OPEN_LEGACY_TOKEN, ROTATED_TOKEN, TestShops.ERP_USER.password(),
                "test-consumer-secret", "test-access-token-secret", "test-access-token");
    }
}
