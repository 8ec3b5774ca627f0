package io.sessiondb.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven through the system's ChromeDriver by explicit path, so Selenium
 * Manager never downloads anything. A JUnit extension of a browser test class ({@code @RegisterExtension
 * static final HeadlessChromium browser = HeadlessChromium.forSite(...)}): it starts before the class's
 * first test and quits after its last, and each test starts without cookies, so with a new session.
 * Without Chromium or ChromeDriver, every test is reported as skipped.
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path workDir;
    private final Supplier<URI> sitePage;
    private Path userDataDir;
    private WebDriver driver;
    private WebDriverWait wait;

    private HeadlessChromium(Path workDir, Supplier<URI> sitePage) {
        this.workDir = workDir;
        this.sitePage = sitePage;
    }

    /**
     * A browser for the site of {@code sitePage}, a page that sets no cookie: cookies can only be cleared
     * from a page of their site. ChromeDriver logs into {@code workDir}.
     */
    static HeadlessChromium forSite(Supplier<URI> sitePage, Path workDir) {
        return new HeadlessChromium(workDir, sitePage);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            return; // each test is skipped in beforeEach, so the reports count them
        }
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        userDataDir = Files.createTempDirectory("sessiondb-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1024,900",
                "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        // a condition checked while a form post replaces the page may hold an element of the old one
        wait = (WebDriverWait) new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(
                installed(),
                "Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER + ") not installed;"
                        + " apt-get install chromium chromium-driver");
        driver.get(sitePage.get().toString());
        driver.manage().deleteAllCookies();
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait await() {
        return wait;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
        } finally {
            deleteRecursively(userDataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
