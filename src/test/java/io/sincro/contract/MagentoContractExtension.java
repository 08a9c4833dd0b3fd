package io.sincro.contract;

import io.sincro.sandbox.magento.MagentoSimulator;
import io.sincro.shop.magento.MagentoClient;
import java.util.List;
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
    private static final ViolationLog LOG = new ViolationLog();

    static {
        MagentoSimulator.observeAll(observed -> {
            if (observed.userAgent() == null || !observed.userAgent().startsWith(MagentoClient.USER_AGENT)) {
                return; // a test talking to the simulator on purpose, not the hub
            }
            var request = observed.request();
            // the raw path: a SKU's encoded "/" is one segment, as Magento's router sees it
            LOG.checked(request.method(), request.rawPath(), request.rawQuery(),
                    CONTRACT.violations(request.method(), request.rawPath(), request.rawQuery(), request.body()));
        });
    }

    /** How many of the hub's Magento requests were checked so far in this JVM. */
    public static long checked() {
        return LOG.count();
    }

    /** Takes the violations seen so far. */
    public static List<String> drain() {
        return LOG.drain();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // loads the class, so the observer is in place before the class's first request
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LOG.assertNone("The hub sent Magento requests that " + CONTRACT.source() + " does not have");
    }
}
