package io.sincro.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) on the console of a test hub. Started with the flags this closed, root-run machine needs:
 * no sandbox, no network of its own (background networking, component updates, sync, QUIC), a fresh
 * profile each time. Every wait is an explicit one: the console loads its data after the page.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("sincro.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("sincro.test.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private final String base;

    ConsoleBrowser(int port) {
        try {
            profile = Files.createTempDirectory("sincro-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=it-IT",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        base = "http://127.0.0.1:" + port;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a console address, e.g. {@code "/#/orders"}, and waits until the console has started. */
    void open(String path) {
        driver.get(base + path);
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** Goes to a view of the console already open (a #fragment), as a link would. */
    void go(String fragment) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", fragment);
    }

    void signIn(String username, String password) {
        WebElement user = visible(By.name("username"));
        user.sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        visible(By.id("nav"));
    }

    WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.elementToBeClickable(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(WAIT, condition);
    }

    /** Views that follow a running run or an order on its way re-draw themselves: an element may go stale. */
    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Saves what the browser shows as a PNG (parent folders made). */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            return Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile harms nothing
            }
        }
    }
}
