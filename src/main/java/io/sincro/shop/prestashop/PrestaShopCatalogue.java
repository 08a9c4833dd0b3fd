package io.sincro.shop.prestashop;

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
 * The catalogue channels of the PrestaShop accounts: one {@link CatalogueChannel} per account, all of an
 * account's channels sharing one throttle (its {@code catalogue.maxConcurrentCalls} and
 * {@code catalogue.callsPerSecond}), as Magento's do.
 */
@Component("prestashopCatalogue")
public class PrestaShopCatalogue implements CatalogueConnector {

    private final PrestaShopClient client;
    private final Map<String, ShopThrottle> throttles = new ConcurrentHashMap<>();
    /** Sends the SKUs of one quantity or price list side by side; the throttle decides how many at once. */
    private final ExecutorService senders;

    public PrestaShopCatalogue(PrestaShopClient client) {
        this.client = client;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "prestashop-catalogue-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Platform platform() {
        return Platform.PRESTASHOP;
    }

    @Override
    public CatalogueChannel channel(ShopAccount account) {
        if (account.platform() != Platform.PRESTASHOP) {
            throw new IllegalArgumentException("account " + account.id() + " is not a PrestaShop shop");
        }
        CatalogueSettings settings = account.settings().catalogue();
        // a change of the limits takes effect at once: the key names them
        String key = account.id() + "|" + settings.maxConcurrentCalls() + "|" + settings.callsPerSecond();
        ShopThrottle throttle = throttles.computeIfAbsent(key,
                k -> new ShopThrottle(settings.maxConcurrentCalls(), settings.callsPerSecond()));
        return new PrestaShopCatalogueChannel(account, client, throttle, senders);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
