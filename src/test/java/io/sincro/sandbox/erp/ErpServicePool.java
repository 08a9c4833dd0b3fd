package io.sincro.sandbox.erp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pool of concurrent services each WebAPI user has (5 on the real service): a request beyond it is refused
 * at once with 503 / 3002, never queued. Also keeps, per user, the highest number of requests seen in flight.
 */
final class ErpServicePool {

    private final int capacity;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> highest = new HashMap<>();

    ErpServicePool(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean tryAcquire(String user) {
        String key = user.toLowerCase(Locale.ROOT);
        int now = inFlight.getOrDefault(key, 0);
        if (now >= capacity) {
            return false;
        }
        inFlight.put(key, now + 1);
        highest.merge(key, now + 1, Math::max);
        return true;
    }

    synchronized void release(String user) {
        inFlight.computeIfPresent(user.toLowerCase(Locale.ROOT), (key, now) -> now <= 1 ? null : now - 1);
    }

    /** Services running now, all users together. */
    synchronized int inFlight() {
        return inFlight.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int maxObserved() {
        return highest.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** From now on: what is in flight at this moment counts as the highest seen so far. */
    synchronized void resetStats() {
        highest.clear();
        highest.putAll(inFlight);
    }
}
