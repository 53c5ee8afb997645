package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The connections page in Debian's headless Chromium (driven by its chromedriver) against a real
 * console and a GreenMail SMTP server: create a connection, check it, break its password, download
 * its journal. With {@code -Dconsole.screenshot=docs/console.png} it also saves the form's picture.
 */
class ConsolePageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @TempDir
    Path browserProfile;

    @TempDir
    Path downloads;

    ConsoleFixture console;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String hint = "the browser tests need Debian's chromium and chromium-driver: "
                + "apt-get install -y chromium chromium-driver (.ci/run installs them)";
        // A developer's machine with only a JDK reports these tests as skipped with the hint; CI sets
        // -Dbrowser.required=true so that a missing browser fails there instead of hiding the tests.
        if (Boolean.getBoolean("browser.required")) {
            assertThat(present).as(hint).isTrue();
        }
        Assumptions.assumeTrue(present, hint);
        console = new ConsoleFixture(dir.resolve("workspace"), Map.of());
    }

    private void open(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + browserProfile, "--window-size=1280,2000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(console.server.url());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        token.sendKeys(ConsoleFixture.TOKEN);
        browser.findElement(By.id("token-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-connection")));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void createCheckBreakThePasswordAndDownloadTheJournal() throws Exception {
        open("en-US");
        browser.findElement(By.id("new-connection")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp"); // the test class path also has the runtime's fake type
        assertThat(browser.findElement(By.cssSelector("label[for=field-server]")).getText()).isEqualTo("Mail server address");

        type("systemName", "mail");
        select("journal", "full");
        type("server", "127.0.0.1");
        type("port", String.valueOf(console.mail.getSmtp().getPort()));
        select("encryption", "none");
        select("authentication", "windows");
        assertThat(shown("domain")).as("domain is asked for windows authentication").isTrue();
        select("authentication", "basic");
        assertThat(shown("domain")).as("domain is hidden for basic authentication").isFalse();
        type("username", ConsoleFixture.SMTP_USER);
        type("password", ConsoleFixture.SMTP_PASSWORD);
        field("allowInsecureAuthentication").click();
        type("senderAddress", "not-an-address");
        assertThat(shown("testRecipients")).as("test recipients while a check sends a test message").isTrue();
        field("checkWithoutSending").click();
        assertThat(shown("testRecipients")).as("no test recipients when checking without sending").isFalse();

        browser.findElement(By.id("save")).click();
        WebElement senderError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-senderAddress")));
        assertThat(senderError.getText()).isNotBlank();
        assertThat(Files.exists(console.workspace.resolve("connections/mail.yaml"))).isFalse();

        field("senderAddress").clear();
        type("senderAddress", "shop@example.com");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved to connections/mail.yaml"));
        assertThat(console.file("connections/mail.yaml")).contains("password: \"${file:data/secrets/mail.password}\"")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(field("password").getAttribute("value")).isEmpty();
        assertThat(field("password").getAttribute("placeholder")).isEqualTo("stored in file data/secrets/mail.password; leave empty to keep");
        assertThat(browser.findElement(By.cssSelector("#connection-list li[data-name=mail]")).getText()).isEqualTo("mail");

        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "Check succeeded"));
        List<WebElement> steps = browser.findElements(By.cssSelector("#check-steps tbody tr"));
        assertThat(steps).extracting(row -> row.getAttribute("data-step")).contains("connect", "greeting", "ehlo", "auth");
        assertThat(steps).allSatisfy(row -> assertThat(row.getAttribute("data-status")).isIn("PASSED", "SKIPPED"));
        WebElement auth = browser.findElement(By.cssSelector("#check-steps tr[data-step=auth]"));
        assertThat(auth.getText()).startsWith("Authentication passed").containsPattern("\\d+ ms");
        screenshotIfAsked();

        type("password", "wrong-password");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved to connections/mail.yaml"));
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "Check failed"));
        WebElement failedAuth = browser.findElement(By.cssSelector("#check-steps tr[data-step=auth]"));
        assertThat(failedAuth.getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(failedAuth.getText()).startsWith("Authentication failed");
        assertThat(browser.findElement(By.id("check-summary")).getText()).contains("authentication failed for user " + ConsoleFixture.SMTP_USER);
        assertThat(browser.getPageSource()).doesNotContain("wrong-password").doesNotContain(ConsoleFixture.SMTP_PASSWORD);

        browser.findElement(By.id("journal")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "mail-journal.log"));
        Path journal = downloads.resolve("mail-journal.log");
        wait.until(d -> Files.isRegularFile(journal) && size(journal) > 0);
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        assertThat(text).contains("mail").doesNotContain("wrong-password").doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(text.lines().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRussianBrowserGetsTheFormInRussian() {
        open("ru-RU");
        browser.findElement(By.id("new-connection")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp"); // the test class path also has the runtime's fake type
        assertThat(browser.findElement(By.id("check")).getText()).isEqualTo("Проверить подключение");
        assertThat(browser.findElement(By.id("journal")).getText()).isEqualTo("Скачать журнал");
        assertThat(browser.findElement(By.id("save")).getText()).isEqualTo("Сохранить");
        assertThat(browser.findElement(By.cssSelector("label[for=field-server]")).getText()).isEqualTo("Адрес почтового сервера");
    }

    private WebElement field(String name) {
        return browser.findElement(By.id("field-" + name));
    }

    private void type(String name, String text) {
        field(name).clear();
        field(name).sendKeys(text);
    }

    private void select(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    private boolean shown(String name) {
        return browser.findElement(By.id("wrap-" + name)).isDisplayed();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void screenshotIfAsked() throws IOException {
        String target = System.getProperty("console.screenshot");
        if (target != null && !target.isBlank()) {
            browser.executeScript("window.scrollTo(0, 0)");
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path out = Path.of(target).toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
