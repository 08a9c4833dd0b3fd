package io.sincro.contract;

import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.shop.magento.MagentoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties turns extension auto-detection on): every
 * request the hub's Magento client sends to a Magento simulator, in any scenario, is checked against
 * Magento's REST schema as it arrives; a test class during which one did not conform fails, naming the
 * request and what the schema lacks.
 */
public class MagentoContractExtension implements BeforeAllCallback, AfterAllCallback {

    private static final MagentoContract CONTRACT = MagentoContract.load();
    private static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong CHECKED = new AtomicLong();

    static {
        MagentoSimulator.observeAll(observed -> {
            if (observed.userAgent() == null || !observed.userAgent().startsWith(MagentoClient.USER_AGENT)) {
                return; // a test talking to the simulator on purpose, not the hub
            }
            CHECKED.incrementAndGet();
            var request = observed.request();
            // the raw path: a SKU's encoded "/" is one segment, as Magento's router sees it
            CONTRACT.violations(request.method(), request.rawPath(), request.rawQuery(), request.body())
                    .forEach(v -> VIOLATIONS.add(v + "  [" + request.method() + " " + request.rawPath()
                            + (request.rawQuery() == null ? "" : "?" + request.rawQuery()) + "]"));
        });
    }

    /** How many of the hub's Magento requests were checked so far in this JVM. */
    public static long checked() {
        return CHECKED.get();
    }

    /** Takes the violations seen so far. */
    public static List<String> drain() {
        List<String> seen = new ArrayList<>();
        for (String v; (v = VIOLATIONS.poll()) != null; ) {
            seen.add(v);
        }
        return seen;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // loads the class, so the observer is in place before the class's first request
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> seen = drain();
        if (!seen.isEmpty()) {
            throw new AssertionError("The hub sent Magento requests that " + CONTRACT.source() + " does not have:\n  "
                    + String.join("\n  ", seen.stream().distinct().toList()));
        }
    }
}
