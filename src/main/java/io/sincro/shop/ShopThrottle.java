package io.sincro.shop;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The catalogue calls of one shop account: at most {@code maxConcurrent} at once, their starts spaced by
 * {@code 1 / callsPerSecond}, and none at all before a {@code Retry-After} the shop asked for has passed
 * (a 429 holds the whole account back, not only the call that got it).
 *
 * <p>One throttle for every platform's catalogue channel, so each paces its calls the one way.
 */
public final class ShopThrottle {

    private final Semaphore slots;
    private final long spacingNanos;
    /** The earliest start of the next call (System.nanoTime). */
    private long nextStart = System.nanoTime();
    private long pausedUntil = System.nanoTime();

    public ShopThrottle(int maxConcurrent, double callsPerSecond) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.spacingNanos = (long) (TimeUnit.SECONDS.toNanos(1) / callsPerSecond);
    }

    /** Runs one call when a slot is free and its turn has come. */
    public <T> T call(Supplier<T> call) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopException.Unavailable("interrupted while waiting for the shop's call slot", 0, e);
        }
        try {
            waitUntil(reserveStart());
            return call.get();
        } finally {
            slots.release();
        }
    }

    /** The shop asked for a pause: no call of this account starts before it has passed. */
    public synchronized void pause(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        long until = System.nanoTime() + wait.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    private synchronized long reserveStart() {
        long now = System.nanoTime();
        long start = Math.max(Math.max(now, nextStart), pausedUntil);
        nextStart = start + spacingNanos;
        return start;
    }

    private static void waitUntil(long start) {
        for (long left = start - System.nanoTime(); left > 0; left = start - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                throw new ShopException.Unavailable("interrupted while waiting for the shop's pace", 0, null);
            }
        }
    }
}
