package io.sincro.sandbox.erp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The faults a test armed, consumed one request at a time. Every method is synchronized: tests arm faults
 * from their own thread while server threads consume them.
 */
final class ErpFaults {

    static final Duration DEFAULT_STALL = Duration.ofSeconds(5);

    private int failTimes;
    private int failStatus;
    private Duration latency = Duration.ZERO;
    private Duration stall = DEFAULT_STALL;
    private final Map<ErpResource, Integer> timeoutsAfterCommit = new HashMap<>();
    private final Map<ErpResource, Integer> failingResources = new HashMap<>();

    synchronized void failNext(int times, int status) {
        failTimes = Math.max(0, times);
        failStatus = status;
    }

    synchronized OptionalInt takeFailNext() {
        if (failTimes <= 0) {
            return OptionalInt.empty();
        }
        failTimes--;
        return OptionalInt.of(failStatus);
    }

    synchronized void latency(Duration perCall) {
        latency = perCall == null || perCall.isNegative() ? Duration.ZERO : perCall;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized void stallFor(Duration duration) {
        stall = duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    synchronized Duration stall() {
        return stall;
    }

    synchronized void timeoutAfterCommit(ErpResource resource, int times) {
        if (times <= 0) {
            timeoutsAfterCommit.remove(resource);
        } else {
            timeoutsAfterCommit.put(resource, times);
        }
    }

    synchronized int timeoutsAfterCommitLeft(ErpResource resource) {
        return timeoutsAfterCommit.getOrDefault(resource, 0);
    }

    /** True when this (successful) create is one whose answer is to be withheld. */
    synchronized boolean takeTimeoutAfterCommit(ErpResource resource) {
        Integer left = timeoutsAfterCommit.get(resource);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            timeoutsAfterCommit.remove(resource);
        } else {
            timeoutsAfterCommit.put(resource, left - 1);
        }
        return true;
    }

    synchronized void failResource(ErpResource resource, int status) {
        if (status <= 0) {
            failingResources.remove(resource);
        } else {
            failingResources.put(resource, status);
        }
    }

    /** The status every request to that resource answers now, if it was made to fail. */
    synchronized OptionalInt failing(ErpResource resource) {
        Integer status = failingResources.get(resource);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    synchronized void reset() {
        failingResources.clear();
        failTimes = 0;
        latency = Duration.ZERO;
        stall = DEFAULT_STALL;
        timeoutsAfterCommit.clear();
    }
}
