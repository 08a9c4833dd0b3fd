package io.sincro.sandbox.magento;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The faults an integration test asked for, consumed one request at a time. Every method is
 * synchronized: tests arm faults from their own thread while server threads consume them.
 */
final class FaultPlan {

    /** "The next {@code remaining} matching requests answer {@code status}". */
    private record Countdown(int remaining, int status) {
    }

    /** Order-list calls number {@code first}…{@code first + times - 1}, counted from arming, answer {@code status}. */
    private record CallWindow(int first, int times, int status, int seen) {
    }

    private final Map<Integer, Countdown> orderPages = new HashMap<>();
    private CallWindow orderListCalls;
    private final Map<Long, Countdown> customers = new HashMap<>();
    private Countdown allRequests;
    private Countdown writesBefore;
    private Countdown writesAfterCommit;
    private Countdown rateLimit;
    private Duration latency = Duration.ZERO;
    private boolean legacyPaging;

    synchronized void failOrderPage(int page, int times, int status) {
        orderPages.put(page, new Countdown(times, status));
    }

    synchronized void failOrderListCall(int call, int times, int status) {
        orderListCalls = new CallWindow(call, times, status, 0);
    }

    synchronized void failCustomer(long customerId, int times, int status) {
        customers.put(customerId, new Countdown(times, status));
    }

    synchronized void failAllRequests(int times, int status) {
        allRequests = new Countdown(times, status);
    }

    /** The next {@code times} write calls answer {@code status} before anything is done. */
    synchronized void failNextWrites(int times, int status) {
        writesBefore = new Countdown(times, status);
    }

    /** The next {@code times} successful write calls are performed, then answered {@code status}. */
    synchronized void failAfterCommit(int times, int status) {
        writesAfterCommit = new Countdown(times, status);
    }

    /** The Countdown's status carries the Retry-After seconds. */
    synchronized void rateLimit(int times, int retryAfterSeconds) {
        rateLimit = new Countdown(times, retryAfterSeconds);
    }

    synchronized void latency(Duration perRequest) {
        latency = perRequest == null ? Duration.ZERO : perRequest;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized void legacyPaging(boolean on) {
        legacyPaging = on;
    }

    synchronized boolean legacyPaging() {
        return legacyPaging;
    }

    synchronized void reset() {
        orderPages.clear();
        customers.clear();
        allRequests = null;
        writesBefore = null;
        writesAfterCommit = null;
        orderListCalls = null;
        rateLimit = null;
        latency = Duration.ZERO;
        legacyPaging = false;
    }

    /** The Retry-After seconds when this request is to be rate limited. */
    synchronized OptionalInt takeRateLimit() {
        OptionalInt taken = take(rateLimit);
        rateLimit = next(rateLimit);
        return taken;
    }

    synchronized OptionalInt takeAllRequests() {
        OptionalInt taken = take(allRequests);
        allRequests = next(allRequests);
        return taken;
    }

    synchronized OptionalInt takeWriteBefore() {
        OptionalInt taken = take(writesBefore);
        writesBefore = next(writesBefore);
        return taken;
    }

    synchronized OptionalInt takeWriteAfterCommit() {
        OptionalInt taken = take(writesAfterCommit);
        writesAfterCommit = next(writesAfterCommit);
        return taken;
    }

    synchronized OptionalInt takeOrderPage(int page) {
        OptionalInt taken = take(orderPages.get(page));
        orderPages.computeIfPresent(page, (p, countdown) -> next(countdown));
        return taken;
    }

    /** Counts one order-list call; its status when it falls in the armed window. */
    synchronized OptionalInt takeOrderListCall() {
        if (orderListCalls == null) {
            return OptionalInt.empty();
        }
        CallWindow window = orderListCalls;
        int call = window.seen() + 1;
        orderListCalls = call >= window.first() + window.times() - 1 ? null
                : new CallWindow(window.first(), window.times(), window.status(), call);
        return call >= window.first() && call < window.first() + window.times()
                ? OptionalInt.of(window.status()) : OptionalInt.empty();
    }

    synchronized OptionalInt takeCustomer(long customerId) {
        OptionalInt taken = take(customers.get(customerId));
        customers.computeIfPresent(customerId, (id, countdown) -> next(countdown));
        return taken;
    }

    private static OptionalInt take(Countdown countdown) {
        return countdown == null || countdown.remaining() <= 0 ? OptionalInt.empty() : OptionalInt.of(countdown.status());
    }

    private static Countdown next(Countdown countdown) {
        return countdown == null || countdown.remaining() <= 1 ? null
                : new Countdown(countdown.remaining() - 1, countdown.status());
    }
}
