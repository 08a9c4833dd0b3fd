package io.sincro.benchmark;

import io.sincro.http.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sincro.model.ChannelOutcome;
import io.sincro.model.QuantityChange;
import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.sandbox.magento.SandboxShop;
import io.sincro.shop.AccountSettings;
import io.sincro.shop.CatalogueChannel;
import io.sincro.shop.CatalogueSettings;
import io.sincro.shop.Platform;
import io.sincro.shop.ShopAccount;
import io.sincro.shop.ShopCredentials;
import io.sincro.shop.ShopProperties;
import io.sincro.shop.magento.MagentoCatalogue;
import io.sincro.shop.magento.MagentoClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark P5: 10,000 QUANTITY changes to an MSI shop whose every call takes 50 ms, through an account
 * throttled to 4 calls at once. Prints the calls made against the minimum (10,000 / batch size, plus the
 * one look at the shop's inventory sources) and the ratio of the throttle's limit (⌈calls / 4⌉ × 50 ms)
 * to the time taken: 1.0 is the throttle's full speed. Targets: calls ≤ 1.05 × the minimum (asserted),
 * ratio ≥ 0.85 (printed, with the machine's load average: on shared cores it measures the load too).
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify}; not part of the test suite.
 */
class CatalogueQuantityBenchmark {

    static final int CHANGES = Integer.getInteger("bench.quantities", 10_000);
    static final int BATCH = Integer.getInteger("bench.batchSize", 20);
    static final int AT_ONCE = 4;
    static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("bench.latencyMs", 50));

    @Test
    void tenThousandQuantitiesToAnMsiShopThrottledToFourCallsAtOnce() {
        MagentoSimulator.Credentials credentials = new MagentoSimulator.Credentials("ck", "cs", "at", "ats", true);
        ObjectMapper json = new ObjectMapper();
        try (MagentoSimulator shop = MagentoSimulator.start(0, "it", credentials, new SandboxShop())) {
            IntStream.range(0, CHANGES).forEach(i -> shop.addProduct(json.createObjectNode().put("sku", "ART-" + i)
                    .put("name", "Articolo " + i).put("price", 10).put("attribute_set_id", 4)));
            MagentoClient client = TestHttp.magento(json,
                    new ShopProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), 2, Duration.ofSeconds(5), true));
            MagentoCatalogue catalogue = new MagentoCatalogue(client, json);
            // the calls a second are set well above what 4 calls of 50 ms can make (80 a second): the bound is the 4
            CatalogueSettings throttle = new CatalogueSettings(AT_ONCE, 1000.0, BATCH, "DETECT", "default", null, null,
                    null, null, null);
            ShopAccount account = new ShopAccount("bench", "Bench", Platform.MAGENTO, shop.baseUrl(), "it",
                    new ShopCredentials(ShopCredentials.AuthMode.OAUTH1, "ck", "cs", "at", "ats"),
                    new AccountSettings(null, false, null, null, null, null, null, null, null, null, null, null, throttle),
                    null);
            CatalogueChannel channel = catalogue.channel(account);
            List<QuantityChange> changes = IntStream.range(0, CHANGES)
                    .mapToObj(i -> new QuantityChange("ART-" + i, BigDecimal.valueOf(i % 50))).toList();
            shop.clearRequests();
            shop.latency(LATENCY);

            long started = System.nanoTime();
            List<ChannelOutcome> outcomes = channel.setQuantities(changes);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            long calls = shop.requests().size();
            long minimum = (CHANGES + BATCH - 1) / BATCH + 1;
            Duration limit = LATENCY.multipliedBy((calls + AT_ONCE - 1) / AT_ONCE);
            double ratio = (double) limit.toNanos() / took.toNanos();
            System.out.printf(Locale.ROOT, "%n=== Sincro benchmark P5: catalogue quantities (MSI) ===%n"
                            + "%,d quantity changes, batch size %d, %d calls at once, %d ms a call%n"
                            + "calls made %d, minimum %d (%,d / %d + 1 inventory check) -> %.3f x the minimum (target <= 1.05)%n"
                            + "took %.2f s; the throttle's limit is %.2f s (ceil(%d / %d) x %d ms) -> ratio %.2f (target >= 0.85)%n"
                            + "machine: %d cores, load average %.1f%n%n",
                    CHANGES, BATCH, AT_ONCE, LATENCY.toMillis(), calls, minimum, CHANGES, BATCH,
                    (double) calls / minimum, took.toMillis() / 1000.0, limit.toMillis() / 1000.0, calls, AT_ONCE,
                    LATENCY.toMillis(), ratio, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            assertThat(outcomes).hasSize(CHANGES).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ChannelOutcome.Kind.DONE));
            assertThat(shop.sourceQuantity("ART-" + (CHANGES - 1), "default"))
                    .isEqualByComparingTo(BigDecimal.valueOf((CHANGES - 1) % 50));
            assertThat((double) calls / minimum).isLessThanOrEqualTo(1.05);
            // the time ratio is printed, not asserted: on a shared machine it measures the machine's load too
        }
    }
}
