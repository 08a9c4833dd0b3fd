package io.sincro.sandbox.prestashop;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The faults a test asked for, consumed one request at a time (the Magento simulator's FaultPlan, for the
 * webservice). Synchronized: tests arm faults from their own thread while server threads consume them.
 */
final class PrestaShopFaults {

    private record Countdown(int remaining, int status) {
    }

    private record CallWindow(int first, int times, int status, int seen) {
    }

    private Countdown allRequests;
    /** A rate-limiting proxy in front of the shop: 429 with Retry-After (its status field holds the seconds). */
    private Countdown rateLimit;
    private Countdown writesBefore;
    private Countdown writesAfterCommit;
    private int carrierMailFailures;
    private CallWindow orderListCalls;
    private boolean disabled;
    private Duration latency = Duration.ZERO;
    /** Orders whose rows the shop cannot output (a PHP warning in OrderDetail): every answer showing them is a 500. */
    private final java.util.Set<Long> unreadableOrders = new java.util.HashSet<>();

    synchronized void failAllRequests(int times, int status) {
        allRequests = new Countdown(times, status);
    }

    synchronized void rateLimit(int times, int retryAfterSeconds) {
        rateLimit = new Countdown(times, retryAfterSeconds);
    }

    synchronized OptionalInt takeRateLimit() {
        return take(rateLimit, c -> rateLimit = c);
    }

    synchronized void failNextWrites(int times, int status) {
        writesBefore = new Countdown(times, status);
    }

    synchronized void failAfterCommit(int times, int status) {
        writesAfterCommit = new Countdown(times, status);
    }

    synchronized void carrierMailFails(int times) {
        carrierMailFailures = times;
    }

    synchronized void failOrderListCall(int call, int times, int status) {
        orderListCalls = new CallWindow(call, times, status, 0);
    }

    synchronized void unreadable(long orderId) {
        unreadableOrders.add(orderId);
    }

    synchronized boolean unreadable(java.util.Collection<Long> orderIds) {
        return orderIds.stream().anyMatch(unreadableOrders::contains);
    }

    synchronized void disabled(boolean off) {
        disabled = off;
    }

    synchronized void latency(Duration perRequest) {
        latency = perRequest;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized boolean disabled() {
        return disabled;
    }

    synchronized OptionalInt takeAllRequests() {
        return take(allRequests, c -> allRequests = c);
    }

    synchronized OptionalInt takeWriteBefore() {
        return take(writesBefore, c -> writesBefore = c);
    }

    synchronized OptionalInt takeWriteAfterCommit() {
        return take(writesAfterCommit, c -> writesAfterCommit = c);
    }

    synchronized boolean takeCarrierMailFailure() {
        if (carrierMailFailures <= 0) {
            return false;
        }
        carrierMailFailures--;
        return true;
    }

    /** Counts an authenticated GET /api/orders list call, and says whether it is one to fail. */
    synchronized OptionalInt takeOrderListCall() {
        if (orderListCalls == null) {
            return OptionalInt.empty();
        }
        CallWindow w = orderListCalls;
        int call = w.seen() + 1;
        orderListCalls = new CallWindow(w.first(), w.times(), w.status(), call);
        return call >= w.first() && call < w.first() + w.times() ? OptionalInt.of(w.status()) : OptionalInt.empty();
    }

    synchronized void reset() {
        allRequests = null;
        rateLimit = null;
        writesBefore = null;
        writesAfterCommit = null;
        carrierMailFailures = 0;
        orderListCalls = null;
        disabled = false;
        latency = Duration.ZERO;
        unreadableOrders.clear();
    }

    private static OptionalInt take(Countdown countdown, java.util.function.Consumer<Countdown> store) {
        if (countdown == null || countdown.remaining() <= 0) {
            return OptionalInt.empty();
        }
        store.accept(countdown.remaining() == 1 ? null : new Countdown(countdown.remaining() - 1, countdown.status()));
        return OptionalInt.of(countdown.status());
    }
}
