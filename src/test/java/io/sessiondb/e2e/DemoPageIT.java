package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page (index.html + app.js) in a real headless Chromium, against the packaged WAR on Payara
 * Micro with the default configuration (the server shared through {@link DefaultConfigurationServer}).
 * The system's Chromium and ChromeDriver are used by explicit path, so Selenium Manager never
 * downloads anything; without them the tests are skipped. Every test starts with no cookies, so with a
 * new session.
 */
@ExtendWith(DefaultConfigurationServer.class)
class DemoPageIT {

    private static final Path SCREENSHOT = Path.of("target", "demo-page.png");

    private static PayaraMicroServer server;

    @RegisterExtension
    static final HeadlessChromium browser =
            HeadlessChromium.forSite(() -> server.uri("/app.js"), Path.of("target", "demo-page-it"));

    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
        driver = browser.driver();
        wait = browser.await();
    }

    @Test
    void pageShowsTheNewVisitorsSessionSignedInAsNobodyWithAnEmptyCart() {
        openPage();

        assertThat(visits()).isGreaterThanOrEqualTo(1);
        assertThat(text("start-date")).matches(".*\\d.*").isNotIn("…", "—");
        assertThat(text("last-request-date")).matches(".*\\d.*").isNotIn("…", "—");
        assertThat(text("username")).isEqualTo("nobody");
        assertThat(cartItems()).isEmpty();
        assertThat(driver.findElement(By.id("cart-empty")).isDisplayed()).isTrue();
        assertThat(text("error")).isEmpty();
    }

    @Test
    void addedItemIsShownAndSurvivesAReloadThatCountsMoreVisits() {
        openPage();

        addItem("apple");
        wait.until(d -> cartItems().equals(List.of("apple")));
        assertThat(driver.findElement(By.id("cart-empty")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("item-name")).getAttribute("value"))
                .as("the input is cleared after a successful add")
                .isEmpty();
        long visitsBeforeReload = visits();

        driver.navigate().refresh();
        awaitPageLoaded();

        assertThat(cartItems()).containsExactly("apple");
        assertThat(visits()).isGreaterThan(visitsBeforeReload);
    }

    @Test
    void sessionLivesInAnHttpOnlySessionDbCookieAndNeverInJsessionId() {
        openPage();
        addItem("apple");
        wait.until(d -> cartItems().equals(List.of("apple")));

        Cookie cookie = driver.manage().getCookieNamed("SESSIONDB");
        assertThat(cookie).as("SESSIONDB cookie").isNotNull();
        assertThat(cookie.isHttpOnly()).as("HttpOnly").isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(driver.manage().getCookieNamed("JSESSIONID")).isNull();
        assertThat((String) js("return document.cookie"))
                .as("page scripts cannot read the session cookie")
                .doesNotContain("SESSIONDB");
    }

    @Test
    void removeButtonTakesTheItemOutAndShowsTheEmptyCart() {
        openPage();
        addItem("pear");
        wait.until(d -> cartItems().equals(List.of("pear")));

        driver.findElement(By.cssSelector("#cart-items > li > button")).click();

        wait.until(d -> d.findElement(By.id("cart-empty")).isDisplayed());
        assertThat(cartItems()).isEmpty();
        assertThat(text("error")).isEmpty();

        driver.navigate().refresh();
        awaitPageLoaded();
        assertThat(cartItems()).as("the removal was saved").isEmpty();
    }

    @Test
    void signingInShowsTheUserKeepsTheCartAndChangesTheSessionCookie() {
        openPage();
        addItem("banana");
        wait.until(d -> cartItems().equals(List.of("banana")));
        String cookieBefore = sessionCookieValue();

        signIn("alice");

        wait.until(d -> text("username").equals("alice"));
        assertThat(sessionCookieValue()).isNotBlank().isNotEqualTo(cookieBefore);
        assertThat(cartItems()).containsExactly("banana");
        assertThat(text("error")).isEmpty();

        driver.navigate().refresh();
        awaitPageLoaded();
        assertThat(text("username")).isEqualTo("alice");
        assertThat(cartItems()).containsExactly("banana");
    }

    @Test
    void signingOutShowsNobodyAndAnEmptyCartInANewSession() {
        openPage();
        addItem("banana");
        wait.until(d -> cartItems().equals(List.of("banana")));
        signIn("alice");
        wait.until(d -> text("username").equals("alice"));
        String signedInCookie = sessionCookieValue();

        driver.findElement(By.id("logout")).click();

        wait.until(d -> text("username").equals("nobody"));
        wait.until(d -> d.findElement(By.id("cart-empty")).isDisplayed());
        assertThat(cartItems()).isEmpty();
        Cookie cookieAfter = driver.manage().getCookieNamed("SESSIONDB");
        assertThat(cookieAfter == null ? null : cookieAfter.getValue())
                .as("the signed-in session's cookie is gone")
                .isNotEqualTo(signedInCookie);

        driver.navigate().refresh();
        awaitPageLoaded();
        assertThat(text("username")).isEqualTo("nobody");
        assertThat(cartItems()).isEmpty();
    }

    @Test
    void whitespaceItemNameShowsTheApiErrorAndLeavesTheCartUnchanged() {
        openPage();
        addItem("apple");
        wait.until(d -> cartItems().equals(List.of("apple")));

        addItem(" ");

        wait.until(d -> !text("error").isEmpty());
        assertThat(text("error")).contains("name is required");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isTrue();
        assertThat(cartItems()).containsExactly("apple");

        driver.navigate().refresh();
        awaitPageLoaded();
        assertThat(cartItems()).as("nothing was stored").containsExactly("apple");
    }

    @Test
    void emptyItemNameIsStoppedByTheBrowserBeforeAnyRequest() {
        openPage();
        WebElement input = driver.findElement(By.id("item-name"));

        driver.findElement(By.cssSelector("#add-item button[type=submit]")).click();

        assertThat((Boolean) js("return arguments[0].validity.valueMissing", input))
                .isTrue();
        assertThat((String) js("return arguments[0].validationMessage", input)).isNotBlank();
        assertThat(text("error")).isEmpty();
        assertThat(cartItems()).isEmpty();
    }

    @Test
    void pageWithSeveralItemsRendersThemInOrderAndIsCapturedAsScreenshot() throws IOException {
        openPage();
        for (String item : List.of("apple", "pear", "banana")) {
            addItem(item);
            wait.until(d -> cartItems().contains(item));
        }
        signIn("alice");
        wait.until(d -> text("username").equals("alice"));

        assertThat(cartItems()).containsExactly("apple", "pear", "banana");
        assertThat(driver.findElements(By.cssSelector("#cart-items > li > button")))
                .hasSize(3)
                .allSatisfy(button -> assertThat(button.getText()).isEqualTo("Remove"));

        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image).as("a readable PNG at " + SCREENSHOT).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(0);
    }

    // --- the page, as a user drives it

    private static void openPage() {
        driver.get(server.uri("/").toString());
        awaitPageLoaded();
    }

    /** Waits until app.js has shown both the session and the cart. */
    private static void awaitPageLoaded() {
        wait.until(d -> text("visits").matches("\\d+")
                && (d.findElement(By.id("cart-empty")).isDisplayed()
                        || !d.findElements(By.cssSelector("#cart-items > li")).isEmpty()));
    }

    private static void addItem(String name) {
        WebElement input = driver.findElement(By.id("item-name"));
        input.clear();
        input.sendKeys(name);
        driver.findElement(By.cssSelector("#add-item button[type=submit]")).click();
    }

    private static void signIn(String username) {
        WebElement input = driver.findElement(By.id("login-name"));
        input.clear();
        input.sendKeys(username);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    private static long visits() {
        return Long.parseLong(text("visits"));
    }

    /** The item names in the cart list, without their Remove buttons' labels. */
    private static List<String> cartItems() {
        List<?> names = (List<?>)
                js("return Array.from(document.querySelectorAll('#cart-items > li'), li => li.firstChild.textContent)");
        return names.stream().map(String.class::cast).toList();
    }

    private static String sessionCookieValue() {
        Cookie cookie = driver.manage().getCookieNamed("SESSIONDB");
        assertThat(cookie).as("SESSIONDB cookie").isNotNull();
        return cookie.getValue();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
