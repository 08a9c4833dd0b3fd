package io.sincro.shop.magento;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueConnector;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopThrottle;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The catalogue channels of the Magento accounts: one {@link CatalogueChannel} per account, all of an
 * account's channels sharing one throttle (its {@code catalogue.maxConcurrentCalls} and
 * {@code catalogue.callsPerSecond}) and what the hub found out about the shop's inventory (MSI or not).
 */
@Component
public class MagentoCatalogue implements CatalogueConnector {

    private final MagentoClient client;
    private final ObjectMapper json;
    private final Map<String, ShopThrottle> throttles = new ConcurrentHashMap<>();
    /** Per account and shop address: whether the shop has MSI inventory sources, once asked. */
    private final Map<String, Boolean> msi = new ConcurrentHashMap<>();
    /**
     * Sends the batches of one quantity or price change list side by side; how many run at once is the
     * account's throttle's business, so this pool only has to be large enough never to be the limit.
     */
    private final ExecutorService batches;

    public MagentoCatalogue(MagentoClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        this.batches = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "magento-catalogue-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Platform platform() {
        return Platform.MAGENTO;
    }

    /** The catalogue of this Magento account. */
    @Override
    public CatalogueChannel channel(ShopAccount account) {
        if (account.platform() != Platform.MAGENTO) {
            throw new IllegalArgumentException("account " + account.id() + " is not a Magento shop");
        }
        CatalogueSettings settings = account.settings().catalogue();
        // a change of the limits takes effect at once: the key names them
        String key = account.id() + "|" + settings.maxConcurrentCalls() + "|" + settings.callsPerSecond();
        ShopThrottle throttle = throttles.computeIfAbsent(key,
                k -> new ShopThrottle(settings.maxConcurrentCalls(), settings.callsPerSecond()));
        return new MagentoCatalogueChannel(account, client, json, throttle, batches,
                msi.get(account.id() + "|" + account.baseUrl()), this::rememberMsi);
    }

    private void rememberMsi(ShopAccount account, boolean hasSources) {
        msi.put(account.id() + "|" + account.baseUrl(), hasSources);
    }

    @PreDestroy
    void stop() {
        batches.shutdownNow();
    }
}
