package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.HttpSessionClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's admin page (admin.html + admin.js) and the "Your devices" list of its main page, in a real
 * headless Chromium against the packaged WAR with the default configuration (dev: admin user {@code admin},
 * password {@code admin}). Other visitors' sessions are made over plain HTTP beside the browser.
 */
@ExtendWith(DefaultConfigurationServer.class)
class AdminPageIT {

    private static final Path SCREENSHOT = Path.of("target", "admin-page.png");

    private static PayaraMicroServer server;

    @RegisterExtension
    static final HeadlessChromium browser =
            HeadlessChromium.forSite(() -> server.uri("/admin.js"), Path.of("target", "admin-page-it"));

    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
        driver = browser.driver();
        wait = browser.await();
    }

    @Test
    void theAdminListsAUsersSessionsAndRevokesOne() throws Exception {
        String user = "page-user-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient phone = signedIn(user, "Phone/1");
        openAdminPage("admin", "admin");

        filterBy(user);

        wait.until(d -> rows().size() == 2);
        assertThat(rows())
                .extracting(row -> row.getAttribute("data-fingerprint"))
                .containsExactlyInAnyOrder(OperationsServer.fingerprint(laptop), OperationsServer.fingerprint(phone));
        assertThat(row(phone).getText()).contains(user).contains("Phone/1");
        assertThat(driver.findElement(By.id("totals")).getText()).matches("\\d+ live sessions, .*");

        row(phone).findElement(By.tagName("button")).click();

        wait.until(d -> rows().size() == 1);
        assertThat(rows().get(0).getAttribute("data-fingerprint")).isEqualTo(OperationsServer.fingerprint(laptop));
        assertThat(phone.get("/api/session").json().isNull("username"))
                .as("the phone is signed out")
                .isTrue();
        assertThat(laptop.get("/api/session").json().getString("username")).isEqualTo(user);
        assertThat(text("error")).isEmpty();

        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void loggingAUserOutEverywhereEndsAllTheirSessions() {
        String user = "everywhere-page-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient phone = signedIn(user, "Phone/1");
        openAdminPage("admin", "admin");
        filterBy(user);
        wait.until(d -> rows().size() == 2);

        driver.findElement(By.id("end-all")).click();

        wait.until(d -> text("status").equals("Ended 2 sessions of " + user + "."));
        wait.until(d -> rows().isEmpty());
        assertThat(laptop.get("/api/session").json().isNull("username")).isTrue();
        assertThat(phone.get("/api/session").json().isNull("username")).isTrue();
    }

    @Test
    void aWrongPasswordShowsTheApisAnswerAndNoSessions() {
        openAdminPage("admin", "not-the-password");

        wait.until(d -> !text("error").isEmpty());
        assertThat(text("error")).contains("Sign in as the SessionDB admin");
        assertThat(driver.findElement(By.id("sessions-view")).isDisplayed()).isFalse();
    }

    @Test
    void aSignedInVisitorSeesTheirDevicesAndSignsAnotherOneOut() {
        String user = "devices-page-" + UUID.randomUUID();
        HttpSessionClient phone = signedIn(user, "Phone/1");
        driver.get(server.uri("/").toString());
        wait.until(d -> !text("username").equals("…"));
        driver.findElement(By.id("login-name")).sendKeys(user);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();

        wait.until(d -> devices().size() == 2);
        WebElement phoneEntry = device(phone);
        assertThat(phoneEntry.getText()).contains("Phone/1");
        assertThat(devices())
                .extracting(entry -> entry.findElement(By.tagName("button")).getText())
                .containsExactlyInAnyOrder("Sign out", "Sign out (this device)");

        phoneEntry.findElement(By.tagName("button")).click();

        wait.until(d -> devices().size() == 1);
        assertThat(phone.get("/api/session").json().isNull("username")).isTrue();
        assertThat(text("username")).isEqualTo(user);
    }

    private static HttpSessionClient signedIn(String user, String userAgent) {
        return OperationsServer.signedIn(server, user, userAgent);
    }

    private static void openAdminPage(String user, String password) {
        driver.get(server.uri("/admin.html").toString());
        driver.findElement(By.id("admin-user")).sendKeys(user);
        driver.findElement(By.id("admin-password")).sendKeys(password);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    private static void filterBy(String user) {
        wait.until(d -> d.findElement(By.id("sessions-view")).isDisplayed());
        driver.findElement(By.id("principal")).sendKeys(user);
        driver.findElement(By.cssSelector("#filter button[type=submit]")).click();
    }

    private static List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#sessions > tr"));
    }

    private static WebElement row(HttpSessionClient visitor) {
        return driver.findElement(
                By.cssSelector("#sessions > tr[data-fingerprint='" + OperationsServer.fingerprint(visitor) + "']"));
    }

    private static List<WebElement> devices() {
        return driver.findElements(By.cssSelector("#devices > li"));
    }

    private static WebElement device(HttpSessionClient visitor) {
        return driver.findElement(
                By.cssSelector("#devices > li[data-fingerprint='" + OperationsServer.fingerprint(visitor) + "']"));
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
