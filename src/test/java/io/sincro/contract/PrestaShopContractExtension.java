package io.sincro.contract;

import io.sincro.sandbox.prestashop.PrestaShopSimulator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties turns extension auto-detection on): every
 * request sent to a PrestaShop simulator, in any test, is checked against the webservice facts
 * ({@link PrestaShopContract}) as it arrives; a test class during which one did not conform fails, naming the
 * request and what the facts do not allow. The only requests not checked are those the simulator's own tests
 * send wrong on purpose, marked by the User-Agent {@link #DELIBERATE}.
 */
public class PrestaShopContractExtension implements BeforeAllCallback, AfterAllCallback {

    /** The User-Agent of a test that sends a wrong request on purpose, to see the shop refuse it. */
    public static final String DELIBERATE = "prestashop-simulator-test/deliberate";

    private static final PrestaShopContract CONTRACT = PrestaShopContract.load();
    private static final ViolationLog LOG = new ViolationLog();

    static {
        PrestaShopSimulator.observeAll(observed -> {
            var request = observed.request();
            if (DELIBERATE.equals(request.userAgent())) {
                return;
            }
            LOG.checked(request.method(), request.path(), request.rawQuery(),
                    CONTRACT.violations(request.method(), request.path(), request.rawQuery(), request.body()));
        });
    }

    /** How many PrestaShop requests were checked so far in this JVM. */
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
        LOG.assertNone("Requests were sent to the PrestaShop simulator that " + CONTRACT.source() + " does not allow");
    }
}
