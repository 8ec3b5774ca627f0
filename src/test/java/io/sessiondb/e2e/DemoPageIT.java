package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The demo page (index.html + app.js) in a real headless Chromium, against the packaged WAR on Payara
 * Micro with the default configuration (the server shared through {@link DefaultConfigurationServer}).
 * The system's Chromium and ChromeDriver are used by explicit path, so Selenium Manager never
 * downloads anything; without them the tests are skipped. Every test starts with no cookies, so with a
 * new session.
 */
@ExtendWith(DefaultConfigurationServer.class)
@ResourceLock(DefaultConfigurationServer.LOCK)
class DemoPageIT {

    private static final Path SCREENSHOT = Path.of("target", "demo-page.png");

    private static PayaraMicroServer server;

    @RegisterExtension
    static final HeadlessChromium browser = HeadlessChromium.on(() -> server);

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void pageShowsTheNewVisitorsSessionSignedInAsNobodyWithAnEmptyCart() {
        openPage();

        assertThat(visits()).isGreaterThanOrEqualTo(1);
        assertThat(text("start-date")).matches(".*\\d.*").isNotIn("…", "—");
        assertThat(text("last-request-date")).matches(".*\\d.*").isNotIn("…", "—");
        assertThat(text("username")).isEqualTo("nobody");
        assertThat(cartItems()).isEmpty();
        assertThat(browser.driver().findElement(By.id("cart-empty")).isDisplayed())
                .isTrue();
        assertThat(text("error")).isEmpty();
        assertThat(signOutShown())
                .as("Sign out, to a visitor who is not signed in")
                .isFalse();
    }

    @Test
    void addedItemIsShownAndSurvivesAReloadThatCountsMoreVisits() {
        openPage();

        addItem("apple");
        browser.await().until(d -> cartItems().equals(List.of("apple")));
        assertThat(browser.driver().findElement(By.id("cart-empty")).isDisplayed())
                .isFalse();
        assertThat(browser.driver().findElement(By.id("item-name")).getAttribute("value"))
                .as("the input is cleared after a successful add")
                .isEmpty();
        long visitsBeforeReload = visits();

        browser.driver().navigate().refresh();
        awaitPageLoaded();

        assertThat(cartItems()).containsExactly("apple");
        assertThat(visits()).isGreaterThan(visitsBeforeReload);
    }

    @Test
    void sessionLivesInAnHttpOnlySessionDbCookieAndNeverInJsessionId() {
        openPage();
        addItem("apple");
        browser.await().until(d -> cartItems().equals(List.of("apple")));

        Cookie cookie = browser.driver().manage().getCookieNamed("SESSIONDB");
        assertThat(cookie).as("SESSIONDB cookie").isNotNull();
        assertThat(cookie.isHttpOnly()).as("HttpOnly").isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(browser.driver().manage().getCookieNamed("JSESSIONID")).isNull();
        assertThat((String) js("return document.cookie"))
                .as("page scripts cannot read the session cookie")
                .doesNotContain("SESSIONDB");
    }

    @Test
    void removeButtonTakesTheItemOutAndShowsTheEmptyCart() {
        openPage();
        addItem("pear");
        browser.await().until(d -> cartItems().equals(List.of("pear")));

        browser.driver()
                .findElement(By.cssSelector("#cart-items > li > button"))
                .click();

        browser.await().until(d -> d.findElement(By.id("cart-empty")).isDisplayed());
        assertThat(cartItems()).isEmpty();
        assertThat(text("error")).isEmpty();

        browser.driver().navigate().refresh();
        awaitPageLoaded();
        assertThat(cartItems()).as("the removal was saved").isEmpty();
    }

    @Test
    void signingInShowsTheUserKeepsTheCartAndChangesTheSessionCookie() {
        openPage();
        addItem("banana");
        browser.await().until(d -> cartItems().equals(List.of("banana")));
        String cookieBefore = sessionCookieValue();

        signIn("alice");

        browser.await().until(d -> text("username").equals("alice"));
        assertThat(signOutShown()).as("Sign out, to the signed-in user").isTrue();
        assertThat(sessionCookieValue()).isNotBlank().isNotEqualTo(cookieBefore);
        assertThat(cartItems()).containsExactly("banana");
        assertThat(text("error")).isEmpty();

        browser.driver().navigate().refresh();
        awaitPageLoaded();
        assertThat(text("username")).isEqualTo("alice");
        assertThat(cartItems()).containsExactly("banana");
        assertThat(signOutShown())
                .as("Sign out, to the signed-in user after a reload")
                .isTrue();
    }

    @Test
    void signingOutShowsNobodyAndAnEmptyCartInANewSession() {
        openPage();
        addItem("banana");
        browser.await().until(d -> cartItems().equals(List.of("banana")));
        signIn("alice");
        browser.await().until(d -> text("username").equals("alice"));
        String signedInCookie = sessionCookieValue();

        browser.driver().findElement(By.id("logout")).click();

        browser.await().until(d -> text("username").equals("nobody"));
        browser.await().until(d -> d.findElement(By.id("cart-empty")).isDisplayed());
        assertThat(cartItems()).isEmpty();
        assertThat(signOutShown()).as("Sign out, once signed out").isFalse();
        Cookie cookieAfter = browser.driver().manage().getCookieNamed("SESSIONDB");
        assertThat(cookieAfter == null ? null : cookieAfter.getValue())
                .as("the signed-in session's cookie is gone")
                .isNotEqualTo(signedInCookie);

        browser.driver().navigate().refresh();
        awaitPageLoaded();
        assertThat(text("username")).isEqualTo("nobody");
        assertThat(cartItems()).isEmpty();
        assertThat(signOutShown()).isFalse();
    }

    @Test
    void whitespaceItemNameShowsTheApiErrorAndLeavesTheCartUnchanged() {
        openPage();
        addItem("apple");
        browser.await().until(d -> cartItems().equals(List.of("apple")));

        addItem(" ");

        browser.await().until(d -> !text("error").isEmpty());
        assertThat(text("error")).contains("name is required");
        assertThat(browser.driver().findElement(By.id("error")).isDisplayed()).isTrue();
        assertThat(cartItems()).containsExactly("apple");

        browser.driver().navigate().refresh();
        awaitPageLoaded();
        assertThat(cartItems()).as("nothing was stored").containsExactly("apple");
    }

    @Test
    void emptyItemNameIsStoppedByTheBrowserBeforeAnyRequest() {
        openPage();
        WebElement input = browser.driver().findElement(By.id("item-name"));

        browser.driver()
                .findElement(By.cssSelector("#add-item button[type=submit]"))
                .click();

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
            browser.await().until(d -> cartItems().contains(item));
        }
        signIn("alice");
        browser.await().until(d -> text("username").equals("alice"));

        assertThat(cartItems()).containsExactly("apple", "pear", "banana");
        assertThat(browser.driver().findElements(By.cssSelector("#cart-items > li > button")))
                .hasSize(3)
                .allSatisfy(button -> assertThat(button.getText()).isEqualTo("Remove"));

        browser.saveScreenshot(SCREENSHOT);
        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image).as("a readable PNG at " + SCREENSHOT).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(0);
    }

    // --- the page, as a user drives it

    private static void openPage() {
        browser.open("/");
        awaitPageLoaded();
    }

    /** Waits until app.js has shown both the session and the cart. */
    private static void awaitPageLoaded() {
        browser.await()
                .until(d -> text("visits").matches("\\d+")
                        && (d.findElement(By.id("cart-empty")).isDisplayed()
                                || !d.findElements(By.cssSelector("#cart-items > li"))
                                        .isEmpty()));
    }

    private static void addItem(String name) {
        WebElement input = browser.driver().findElement(By.id("item-name"));
        input.clear();
        input.sendKeys(name);
        browser.driver()
                .findElement(By.cssSelector("#add-item button[type=submit]"))
                .click();
    }

    private static void signIn(String username) {
        WebElement input = browser.driver().findElement(By.id("login-name"));
        input.clear();
        input.sendKeys(username);
        browser.driver()
                .findElement(By.cssSelector("#login button[type=submit]"))
                .click();
    }

    private static String text(String id) {
        return browser.text(id);
    }

    /** Whether the page shows its Sign out button. */
    private static boolean signOutShown() {
        return browser.driver().findElement(By.id("logout")).isDisplayed();
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
        Cookie cookie = browser.driver().manage().getCookieNamed("SESSIONDB");
        assertThat(cookie).as("SESSIONDB cookie").isNotNull();
        return cookie.getValue();
    }

    private static Object js(String script, Object... args) {
        return browser.js(script, args);
    }
}
