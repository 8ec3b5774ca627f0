package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.HttpSessionClient;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo's admin page (admin.html + admin.js) and the "Your devices" list of its main page, in a real
 * headless Chromium against the packaged WAR with the default configuration (dev: admin user {@code admin},
 * password {@code admin}). Other visitors' sessions are made over plain HTTP beside the browser.
 */
@ExtendWith(DefaultConfigurationServer.class)
@ResourceLock(DefaultConfigurationServer.LOCK)
class AdminPageIT {

    private static final Path SCREENSHOT = Path.of("target", "admin-page.png");

    private static PayaraMicroServer server;

    @RegisterExtension
    static final HeadlessChromium browser = HeadlessChromium.on(() -> server);

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void theAdminListsAUsersSessionsAndRevokesOne() throws Exception {
        String user = "page-user-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient phone = signedIn(user, "Phone/1");
        openAdminPage(AdminCredentials.DEMO);

        filterBy(user);

        browser.await().until(d -> rows().size() == 2);
        assertThat(rows())
                .extracting(row -> row.getAttribute("data-fingerprint"))
                .containsExactlyInAnyOrder(OperationsServer.fingerprint(laptop), OperationsServer.fingerprint(phone));
        assertThat(row(phone).getText()).contains(user).contains("Phone/1");
        assertThat(browser.driver().findElement(By.id("totals")).getText()).matches("\\d+ live sessions, .*");

        row(phone).findElement(By.tagName("button")).click();

        browser.await().until(d -> rows().size() == 1);
        assertThat(rows().get(0).getAttribute("data-fingerprint")).isEqualTo(OperationsServer.fingerprint(laptop));
        assertThat(phone.get("/api/session").json().isNull("username"))
                .as("the phone is signed out")
                .isTrue();
        assertThat(laptop.get("/api/session").json().getString("username")).isEqualTo(user);
        assertThat(text("error")).isEmpty();

        browser.saveScreenshot(SCREENSHOT);
    }

    @Test
    void loggingAUserOutEverywhereEndsAllTheirSessions() {
        String user = "everywhere-page-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient phone = signedIn(user, "Phone/1");
        openAdminPage(AdminCredentials.DEMO);
        filterBy(user);
        browser.await().until(d -> rows().size() == 2);

        browser.driver().findElement(By.id("end-all")).click();

        browser.await().until(d -> text("status").equals("Ended 2 sessions of " + user + "."));
        browser.await().until(d -> rows().isEmpty());
        assertThat(laptop.get("/api/session").json().isNull("username")).isTrue();
        assertThat(phone.get("/api/session").json().isNull("username")).isTrue();
    }

    @Test
    void aWrongPasswordShowsTheApisAnswerAndNoSessions() {
        openAdminPage(AdminCredentials.DEMO.withPassword("not-the-password"));

        browser.await().until(d -> !text("error").isEmpty());
        assertThat(text("error")).contains("Sign in as the SessionDB admin");
        assertThat(browser.driver().findElement(By.id("sessions-view")).isDisplayed())
                .isFalse();
    }

    @Test
    void aSignedInVisitorSeesTheirDevicesAndSignsAnotherOneOut() {
        String user = "devices-page-" + UUID.randomUUID();
        HttpSessionClient phone = signedIn(user, "Phone/1");
        browser.open("/");
        browser.await().until(d -> !text("username").equals("…"));
        browser.driver().findElement(By.id("login-name")).sendKeys(user);
        browser.driver()
                .findElement(By.cssSelector("#login button[type=submit]"))
                .click();

        browser.await().until(d -> devices().size() == 2);
        WebElement phoneEntry = device(phone);
        assertThat(phoneEntry.getText()).contains("Phone/1");
        assertThat(devices())
                .extracting(entry -> entry.findElement(By.tagName("button")).getText())
                .containsExactlyInAnyOrder("Sign out", "Sign out (this device)");

        phoneEntry.findElement(By.tagName("button")).click();

        browser.await().until(d -> devices().size() == 1);
        assertThat(phone.get("/api/session").json().isNull("username")).isTrue();
        assertThat(text("username")).isEqualTo(user);
    }

    private static HttpSessionClient signedIn(String user, String userAgent) {
        return OperationsServer.signedIn(server, user, userAgent);
    }

    private static void openAdminPage(AdminCredentials admin) {
        browser.open("/admin.html");
        browser.driver().findElement(By.id("admin-user")).sendKeys(admin.user());
        browser.driver().findElement(By.id("admin-password")).sendKeys(admin.password());
        browser.driver()
                .findElement(By.cssSelector("#sign-in button[type=submit]"))
                .click();
    }

    private static void filterBy(String user) {
        browser.await().until(d -> d.findElement(By.id("sessions-view")).isDisplayed());
        browser.driver().findElement(By.id("principal")).sendKeys(user);
        browser.driver()
                .findElement(By.cssSelector("#filter button[type=submit]"))
                .click();
    }

    private static List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#sessions > tr"));
    }

    private static WebElement row(HttpSessionClient visitor) {
        return browser.driver()
                .findElement(By.cssSelector(
                        "#sessions > tr[data-fingerprint='" + OperationsServer.fingerprint(visitor) + "']"));
    }

    private static List<WebElement> devices() {
        return browser.driver().findElements(By.cssSelector("#devices > li"));
    }

    private static WebElement device(HttpSessionClient visitor) {
        return browser.driver()
                .findElement(By.cssSelector(
                        "#devices > li[data-fingerprint='" + OperationsServer.fingerprint(visitor) + "']"));
    }

    private static String text(String id) {
        return browser.text(id);
    }
}
