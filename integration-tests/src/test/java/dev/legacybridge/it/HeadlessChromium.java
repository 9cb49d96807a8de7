package dev.legacybridge.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium and ChromeDriver (Debian {@code chromium} and {@code chromium-driver}) under Selenium, headless,
 * with explicit binary and driver paths so that Selenium Manager never tries to download a browser. Paths come from
 * {@code it.browser.chromium} / {@code it.browser.chromedriver} (the {@code browser} profile sets them), else the
 * usual Debian locations.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Keycloak and the API share two busy cores with the browser: waits are generous, polls are short. */
    static final Duration WAIT = Duration.ofSeconds(90);

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;
    private final Path profileDir;

    private HeadlessChromium(WebDriver driver, Path screenshots, Path profileDir) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
        this.screenshots = screenshots;
        this.profileDir = profileDir;
    }

    static HeadlessChromium start(Path screenshots) {
        Path chromium = executable("it.browser.chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = executable("it.browser.chromedriver", "/usr/bin/chromedriver");
        try {
            Files.createDirectories(screenshots);
            Path profile = Files.createTempDirectory("legacy-bridge-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=en-US", "--user-data-dir=" + profile, "--window-size=1366,1000");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).build();
            return new HeadlessChromium(new ChromeDriver(service, options), screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path executable(String property, String... candidates) {
        String configured = System.getProperty(property);
        List<String> tried = configured == null || configured.isBlank() ? List.of(candidates)
                : List.of(configured);
        for (String c : tried) {
            File f = new File(c);
            if (f.canExecute()) {
                return f.toPath();
            }
        }
        throw new IllegalStateException("No executable at " + tried + " (-D" + property + "); install Debian's chromium "
                + "and chromium-driver, e.g. with integration-tests/browser-test.sh");
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait await() {
        return wait;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Scrolls the element into view ({@code start}, {@code center}) inside whatever container scrolls it. */
    void scrollTo(WebElement element, String block) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: arguments[1]})", element,
                block);
    }

    /** Scrolls the element's scroll container by {@code dy} pixels (negative = up). */
    void scrollContainerBy(WebElement element, int dy) {
        ((JavascriptExecutor) driver).executeScript("""
                let e = arguments[0];
                while (e && e.scrollHeight <= e.clientHeight) { e = e.parentElement; }
                (e || document.scrollingElement).scrollBy(0, arguments[1]);""", element, dy);
    }

    /** Writes the visible viewport to {@code <screenshots>/<name>.png}. */
    Path screenshot(String name) {
        Path file = screenshots.resolve(name.toLowerCase(Locale.ROOT) + ".png");
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profileDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans it eventually
        }
    }
}
