package io.sincro.console;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A failed browser test leaves a picture of what the browser showed, under
 * {@code target/browser-screenshots/<class>-<test>.png}: taken right after the test, before its
 * browser is closed. The test class says which browser by implementing {@link Watched}.
 */
public class ScreenshotOnFailure implements AfterTestExecutionCallback {

    /** A test whose browser may be photographed. */
    interface Watched {
        ConsoleBrowser browser();
    }

    static final Path FOLDER = Path.of("target", "browser-screenshots");

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()
                || !(context.getRequiredTestInstance() instanceof Watched watched) || watched.browser() == null) {
            return;
        }
        Path file = FOLDER.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName() + ".png");
        try {
            watched.browser().screenshot(file);
            System.err.println("Browser screenshot of the failure: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            context.getExecutionException().get().addSuppressed(e);
        }
    }
}
