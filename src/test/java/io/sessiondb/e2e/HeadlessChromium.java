package io.sessiondb.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven through the system's ChromeDriver by explicit path, so Selenium
 * Manager never downloads anything: the one browser fixture of the browser tests. A JUnit extension of a
 * browser test class ({@code @RegisterExtension static final HeadlessChromium browser =
 * HeadlessChromium.on(() -> server)}): it starts before the class's first test and quits after its last, and
 * each test starts without cookies, so with a new session. Without Chromium or ChromeDriver, every test is
 * reported as skipped. ChromeDriver logs into {@code target/<test-class>/} ({@code target/demo-page-it/} for
 * {@code DemoPageIT}).
 */
final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A page of the demo that sets no cookie: cookies can only be cleared from a page of their site. */
    private static final String COOKIELESS_PAGE = "/app.js";

    private final Supplier<? extends DemoServer> server;
    private Path userDataDir;
    private WebDriver driver;
    private WebDriverWait wait;

    private HeadlessChromium(Supplier<? extends DemoServer> server) {
        this.server = server;
    }

    /**
     * A browser for the demo WAR on {@code server}, which may be known only once the class's {@code @BeforeAll}
     * methods ran (a shared server): it is asked for before each test.
     */
    static HeadlessChromium on(Supplier<? extends DemoServer> server) {
        return new HeadlessChromium(server);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            return; // each test is skipped in beforeEach, so the reports count them
        }
        Path workDir = Path.of("target", workDirName(context.getRequiredTestClass()));
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
        driver.get(server.get().uri(COOKIELESS_PAGE).toString());
        driver.manage().deleteAllCookies();
    }

    /** {@code DemoPageIT}: {@code demo-page-it}. */
    static String workDirName(Class<?> testClass) {
        return testClass
                .getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
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

    /** Opens {@code path} of the server's site. */
    void open(String path) {
        driver.get(server.get().uri(path).toString());
    }

    /** The text of the element with that id, without leading and trailing white space. */
    String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    /** Runs {@code script} in the page, with {@code args} as {@code arguments}, and returns its value. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The value of CSS {@code property} of the first element {@code selector} matches, as the page computed it. */
    String computedStyle(String selector, String property) {
        return (String) js(
                "return getComputedStyle(document.querySelector(arguments[0])).getPropertyValue(arguments[1])",
                selector,
                property);
    }

    /**
     * The page's stylesheet links, each as the address the browser resolved, how many CSS rules of it the page
     * got (-1: none, the sheet was not loaded) and the HTTP status the browser's resource timing recorded.
     */
    List<LoadedStylesheet> stylesheets() {
        List<?> sheets = (List<?>)
                js(
                        """
                return Array.from(document.querySelectorAll('link[rel=stylesheet]'), link => {
                  const timing = performance.getEntriesByName(link.href, 'resource')[0];
                  let rules = -1;
                  try { rules = link.sheet ? link.sheet.cssRules.length : -1; } catch (e) { rules = -1; }
                  return [link.href, rules, timing ? timing.responseStatus : -1];
                })""");
        return sheets.stream()
                .map(List.class::cast)
                .map(sheet -> new LoadedStylesheet(
                        URI.create((String) sheet.get(0)),
                        ((Number) sheet.get(1)).intValue(),
                        ((Number) sheet.get(2)).intValue()))
                .toList();
    }

    /** A stylesheet link of a page, as {@link #stylesheets()} found it. */
    record LoadedStylesheet(URI address, int rules, int status) {}

    /** Saves a screenshot of the window as a PNG file {@code png}. */
    void saveScreenshot(Path png) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
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
