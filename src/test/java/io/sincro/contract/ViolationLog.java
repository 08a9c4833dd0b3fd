package io.sincro.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a contract extension saw: how many requests it checked and the violations not yet reported. Requests
 * arrive on simulator threads while a test class runs; the class's end reports and clears them.
 */
final class ViolationLog {

    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicLong checked = new AtomicLong();

    /** One request checked, with what it broke (nothing when it conformed). */
    void checked(String method, String path, String rawQuery, List<String> broken) {
        checked.incrementAndGet();
        broken.forEach(v -> violations.add(v + "  [" + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + "]"));
    }

    long count() {
        return checked.get();
    }

    /** Takes the violations seen so far. */
    List<String> drain() {
        List<String> seen = new ArrayList<>();
        for (String v; (v = violations.poll()) != null; ) {
            seen.add(v);
        }
        return seen;
    }

    /** Fails with {@code heading} and each distinct violation seen since the last report. */
    void assertNone(String heading) {
        List<String> seen = drain();
        if (!seen.isEmpty()) {
            throw new AssertionError(heading + ":\n  " + String.join("\n  ", seen.stream().distinct().toList()));
        }
    }
}
