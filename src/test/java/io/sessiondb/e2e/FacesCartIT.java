package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.HeadlessChromium.LoadedStylesheet;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Faces cart page ({@code /cart.xhtml}, server-side state saving) in headless Chromium: its view state
 * and Faces' own session data are in the SessionDB session, there is never a container session, and a
 * postback from a page rendered before a server restart works after it.
 */
class FacesCartIT {

    /** Where Mojarra keeps server-side view state in the session. */
    private static final String VIEW_STATE_ATTRIBUTE = "com.sun.faces.renderkit.ServerSideStateHelper.LogicalViewMap";

    private static final Path SCREENSHOT = Path.of("target", "faces-cart-page.png");

    @RegisterExtension
    static final PayaraMicroServer server =
            PayaraMicroServer.named("FacesCartIT").keepingItsPortAcrossRestarts();

    @RegisterExtension
    static final HeadlessChromium browser = HeadlessChromium.on(() -> server);

    private static WebDriver driver() {
        return browser.driver();
    }

    @Test
    void viewStateLivesInTheDatabaseSessionAndAPostbackAfterARestartWorks() {
        openPage();
        assertThat(text("cart:empty")).isEqualTo("Your cart is empty.");

        addItem("apple");
        browser.await().until(d -> items().equals(List.of("apple")));
        assertThat(driver().findElement(By.name("jakarta.faces.ViewState")).getAttribute("value"))
                .as("a server-side state id, not the serialized view")
                .matches("-?\\d+:-?\\d+");
        assertThat(driver().manage().getCookieNamed("JSESSIONID")).isNull();
        assertThat(storedAttributeNames()).contains(VIEW_STATE_ATTRIBUTE, "cart");

        server.restart();
        addItem("pear"); // a postback of the page rendered before the restart

        browser.await().until(d -> items().equals(List.of("apple", "pear")));
        assertThat(driver().getPageSource()).doesNotContain("ViewExpired");
        assertThat(driver().manage().getCookieNamed("JSESSIONID")).isNull();
    }

    @Test
    void removeButtonTakesTheItemOutThroughAPostback() {
        openPage();
        addItem("plum");
        browser.await().until(d -> items().equals(List.of("plum")));

        driver().findElement(By.cssSelector("#cart\\:items input[type=submit]")).click();

        browser.await().until(d -> !d.findElements(By.id("cart:empty")).isEmpty());
        openPage();
        assertThat(text("cart:empty")).as("the removal was saved").isEqualTo("Your cart is empty.");
    }

    @Test
    void blankItemNameIsRefusedWithTheCartsMessage() {
        openPage();
        addItem("fig");
        browser.await().until(d -> items().equals(List.of("fig")));

        addItem(" ");

        browser.await().until(d -> text("cart:messages").contains("name is required"));
        assertThat(items()).containsExactly("fig");
    }

    /**
     * The Faces page looks like the demo page: it links the same stylesheet, which the browser loaded, so it is
     * set in the demo page's font, not the browser's default, and as narrow.
     */
    @Test
    void cartPageHasTheDemoPagesStylesheetAndLook() throws IOException {
        browser.open("/app.js"); // a document without a stylesheet: the browser's default font
        String defaultFont = browser.computedStyle("body", "font-family");
        browser.open("/");
        List<URI> demoStylesheets =
                browser.stylesheets().stream().map(LoadedStylesheet::address).toList();
        String demoFont = browser.computedStyle("body", "font-family");
        String demoWidth = browser.computedStyle("body", "max-width");
        assertThat(demoStylesheets).as("the demo page's stylesheets").hasSize(1);

        openPage();

        List<LoadedStylesheet> stylesheets = browser.stylesheets();
        assertThat(stylesheets).extracting(LoadedStylesheet::address).isEqualTo(demoStylesheets);
        for (LoadedStylesheet stylesheet : stylesheets) {
            assertThat(stylesheet.rules())
                    .as("CSS rules the browser loaded from %s", stylesheet.address())
                    .isPositive();
            assertThat(stylesheet.status())
                    .as("status of %s, as the browser got it", stylesheet.address())
                    .isEqualTo(200);
            ApiResponse response =
                    server.visitorWithoutCookies().get(stylesheet.address().getRawPath());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.firstHeader("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        }
        assertThat(browser.computedStyle("body", "font-family"))
                .as("the cart page's font")
                .isNotEqualTo(defaultFont)
                .isEqualTo(demoFont);
        assertThat(browser.computedStyle("body", "max-width")).isEqualTo(demoWidth);

        addItem("apple");
        browser.await().until(d -> items().equals(List.of("apple")));
        browser.saveScreenshot(SCREENSHOT);
    }

    private static void openPage() {
        browser.open("/cart.xhtml");
        browser.await().until(d -> !d.findElements(By.id("cart:add")).isEmpty());
    }

    private static void addItem(String name) {
        WebElement input = driver().findElement(By.id("cart:item"));
        input.clear();
        input.sendKeys(name);
        driver().findElement(By.id("cart:add")).click();
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText().strip();
    }

    /** The names in the cart table (its first column), or none when the table is not shown. */
    private static List<String> items() {
        return driver().findElements(By.cssSelector("#cart\\:items tbody tr td:first-child")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    /** The attribute names of the browser's session as stored, read over HTTP with its cookie. */
    private static List<String> storedAttributeNames() {
        Cookie cookie = driver().manage().getCookieNamed("SESSIONDB");
        assertThat(cookie).as("SESSIONDB cookie").isNotNull();
        HttpSessionClient sameSession = HttpSessionClient.withoutCookies(() -> server.uri("/"));
        return sameSession
                .get("/api/session", HttpSessionClient.sessionCookieHeader(cookie.getValue()))
                .json()
                .getJsonArray("attributeNames")
                .getValuesAs(jakarta.json.JsonString.class)
                .stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }
}
