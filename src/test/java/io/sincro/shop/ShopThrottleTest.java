package io.sincro.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An account's catalogue throttle: calls at once, calls a second, and the shop's Retry-After. */
class ShopThrottleTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(12);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void neverMoreCallsAtOnceThanTheAccountAllowsAndTheSlotsAreUsed() throws Exception {
        ShopThrottle throttle = new ShopThrottle(3, 1000);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeAtOnce = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> throttle.call(() -> {
                int now = inFlight.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                if (now == 3) {
                    threeAtOnce.countDown();
                }
                try {
                    // holds the slot until three calls were in flight together once (or a while has passed)
                    threeAtOnce.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return now;
            }), callers));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void callStartsAreSpacedByTheAccountsCallsPerSecond() throws Exception {
        ShopThrottle throttle = new ShopThrottle(8, 20);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            calls.add(CompletableFuture.runAsync(() -> throttle.call(() -> starts.add(System.nanoTime())), callers));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        Collections.sort(starts);
        // 11 starts at 20 a second are at least 10 spacings of 50 ms apart
        assertThat(Duration.ofNanos(starts.get(10) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(490));
    }

    @Test
    void aPauseTheShopAskedForHoldsEveryNextCallOfTheAccountBack() {
        ShopThrottle throttle = new ShopThrottle(4, 1000);
        long asked = System.nanoTime();
        throttle.pause(Duration.ofMillis(300));

        long started = throttle.call(System::nanoTime);

        assertThat(Duration.ofNanos(started - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
