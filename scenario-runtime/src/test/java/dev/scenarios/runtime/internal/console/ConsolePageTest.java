package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.internal.delivery.FileMessageQueue;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The connections page in Debian's headless Chromium (driven by its chromedriver) against a real console and a
 * GreenMail SMTP server: create a connection, check it, break its password, download its journal. With
 * {@code -Dconsole.screenshot=docs/console.png} it also saves the form's picture.
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
    }

    private void open(String language) throws IOException {
        open(language, false);
    }

    /**
     * Starts the console (with {@code devInbox}, as {@code serve --dev-inbox}) and logs in in a browser in
     * {@code language}.
     */
    private void open(String language, boolean devInbox) throws IOException {
        if (console == null) {
            console = new ConsoleFixture(dir.resolve("workspace"), Map.of(), devInbox);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + browserProfile,
                "--window-size=1280,2000",
                "--lang=" + language);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "intl.accept_languages",
                        language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        browser.get(console.server.url());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        token.sendKeys(ConsoleFixture.TOKEN);
        browser.findElement(By.id("token-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-object")));
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
        browser.findElement(By.id("new-object")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp"); // the test class path also has the runtime's fake type
        assertThat(browser.findElement(By.cssSelector("label[for=field-server]"))
                        .getText())
                .isEqualTo("Mail server address");

        type("systemName", "mail");
        select("journal", "full");
        type("server", "127.0.0.1");
        type("port", String.valueOf(console.mail.getSmtp().getPort()));
        select("encryption", "none");
        select("authentication", "windows");
        assertThat(shown("domain"))
                .as("domain is asked for windows authentication")
                .isTrue();
        select("authentication", "basic");
        assertThat(shown("domain"))
                .as("domain is hidden for basic authentication")
                .isFalse();
        type("username", ConsoleFixture.SMTP_USER);
        type("password", ConsoleFixture.SMTP_PASSWORD);
        field("allowInsecureAuthentication").click();
        type("senderAddress", "not-an-address");
        assertThat(shown("testRecipients"))
                .as("test recipients while a check sends a test message")
                .isTrue();
        field("checkWithoutSending").click();
        assertThat(shown("testRecipients"))
                .as("no test recipients when checking without sending")
                .isFalse();

        browser.findElement(By.id("save")).click();
        WebElement senderError =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-senderAddress")));
        assertThat(senderError.getText()).isNotBlank();
        assertThat(Files.exists(console.workspace.resolve("connections/mail.yaml")))
                .isFalse();

        field("senderAddress").clear();
        type("senderAddress", "shop@example.com");
        browser.findElement(By.id("save")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved to connections/mail.yaml"));
        assertThat(console.file("connections/mail.yaml"))
                .contains("password: \"${file:data/secrets/mail.password}\"")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(field("password").getAttribute("value")).isEmpty();
        assertThat(field("password").getAttribute("placeholder"))
                .isEqualTo("stored in file data/secrets/mail.password; leave empty to keep");
        assertThat(browser.findElement(By.cssSelector("#object-list li[data-name=mail]"))
                        .getText())
                .isEqualTo("mail");

        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "Check succeeded"));
        List<WebElement> steps = browser.findElements(By.cssSelector("#check-steps tbody tr"));
        assertThat(steps)
                .extracting(row -> row.getAttribute("data-step"))
                .contains("connect", "greeting", "ehlo", "auth");
        assertThat(steps)
                .allSatisfy(row -> assertThat(row.getAttribute("data-status")).isIn("PASSED", "SKIPPED"));
        WebElement auth = browser.findElement(By.cssSelector("#check-steps tr[data-step=auth]"));
        assertThat(auth.getText()).startsWith("Authentication passed").containsPattern("\\d+ ms");
        screenshotIfAsked();

        type("password", "wrong-password");
        browser.findElement(By.id("save")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved to connections/mail.yaml"));
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "Check failed"));
        WebElement failedAuth = browser.findElement(By.cssSelector("#check-steps tr[data-step=auth]"));
        assertThat(failedAuth.getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(failedAuth.getText()).startsWith("Authentication failed");
        assertThat(browser.findElement(By.id("check-summary")).getText())
                .contains("authentication failed for user " + ConsoleFixture.SMTP_USER);
        assertThat(browser.getPageSource())
                .doesNotContain("wrong-password")
                .doesNotContain(ConsoleFixture.SMTP_PASSWORD);

        browser.findElement(By.id("journal")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "mail-journal.log"));
        Path journal = downloads.resolve("mail-journal.log");
        wait.until(d -> Files.isRegularFile(journal) && size(journal) > 0);
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        assertThat(text).contains("mail").doesNotContain("wrong-password").doesNotContain(ConsoleFixture.SMTP_PASSWORD);
        assertThat(text.lines().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRussianBrowserGetsTheFormInRussian() throws IOException {
        open("ru-RU");
        browser.findElement(By.id("new-object")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp"); // the test class path also has the runtime's fake type
        assertThat(browser.findElement(By.id("check")).getText()).isEqualTo("Проверить подключение");
        assertThat(browser.findElement(By.id("journal")).getAttribute("textContent"))
                .isEqualTo("Скачать журнал");
        assertThat(browser.findElement(By.id("journal")).isDisplayed())
                .as("no journal for an unsaved connection")
                .isFalse();
        assertThat(browser.findElement(By.id("save")).getText()).isEqualTo("Сохранить");
        assertThat(browser.findElement(By.cssSelector("label[for=field-server]"))
                        .getText())
                .isEqualTo("Адрес почтового сервера");
    }

    @Test
    void createAPathAndSendATestMessageToTheDevInbox() throws Exception {
        open("en-US", true);
        assertThat(console.api(
                                "POST",
                                "/api/connections",
                                Map.of(
                                        "type",
                                        "smtp",
                                        "values",
                                        console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)))
                        .statusCode())
                .isEqualTo(201);
        browser.findElement(By.id("tab-paths")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-object"), "New path"));
        browser.findElement(By.id("new-object")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp-send");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-htmlBody"))); // smtp-send's form is drawn
        type("systemName", "orders");
        assertThat(new Select(field("connection")).getOptions())
                .extracting(WebElement::getText)
                .containsExactly("", "mail");
        select("connection", "mail");
        assertThat(new Select(field("delivery")).getOptions())
                .extracting(o -> o.getAttribute("value"))
                .contains("direct", "queued");
        browser.findElement(By.id("add-attributes")).click();
        WebElement row = browser.findElement(By.cssSelector("#wrap-attributes tbody tr"));
        row.findElement(By.cssSelector("[data-key=name]")).sendKeys("OrderNo");
        row.findElement(By.cssSelector("[data-key=required]")).click();
        type("subject", "Order {OrderNo} accepted");
        type("body", "Your order {OrderNo} is on its way.");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved to paths/orders.yaml"));
        assertThat(console.file("paths/orders.yaml")).contains("connection: mail", "name: OrderNo", "required: true");

        WebElement to = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-To")));
        to.sendKeys("buyer@example.com");
        browser.findElement(By.id("test-OrderNo")).sendKeys("42");
        browser.findElement(By.id("send-test-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("send-result"), "data-status", "SENT"));
        assertThat(browser.findElement(By.id("send-result")).getText()).startsWith("Sent: Message-ID <");
        assertThat(console.inbox.awaitMessages(1, Duration.ofSeconds(10))).isTrue();
        assertThat(console.inbox.received().get(0).getSubject()).isEqualTo("Order 42 accepted");
        screenshotIfAsked("console-paths.png");

        browser.findElement(By.id("tab-connections")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#object-list li[data-name=mail]")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete")))
                .click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "used by the paths orders"));
        assertThat(Files.exists(console.workspace.resolve("connections/mail.yaml")))
                .isTrue();

        browser.findElement(By.id("tab-paths")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#object-list li[data-name=orders]")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete")))
                .click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deleted-note")));
        assertThat(Files.exists(console.workspace.resolve("paths/orders.yaml"))).isFalse();
    }

    @Test
    void anUnknownPlaceholderIsMarkedAtItsFieldWhileTyping() throws Exception {
        open("en-US");
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        browser.findElement(By.id("tab-paths")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-object"), "New path"));
        browser.findElement(By.id("new-object")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-systemName")));
        select("type", "smtp-send");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-htmlBody")));
        type("systemName", "orders");

        field("subject").sendKeys("Order {OrderNo} accepted");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-subject")));
        assertThat(error.getText())
                .isEqualTo("placeholder {OrderNo} names no declared attribute (no attributes are" + " declared)");
        // only the field typed in is marked: the body, required but not touched yet, stays quiet
        assertThat(browser.findElement(By.id("error-body")).isDisplayed()).isFalse();

        browser.findElement(By.id("add-attributes")).click();
        browser.findElement(By.cssSelector("#wrap-attributes tbody tr [data-key=name]"))
                .sendKeys("OrderNo");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("error-subject")));
        field("subject").sendKeys(" {Orderno}");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("error-subject"), "placeholder {Orderno} names no declared attribute (declared: OrderNo)"));
        assertThat(Files.exists(console.workspace.resolve("paths/orders.yaml")))
                .as("checked, not saved")
                .isFalse();
    }

    @Test
    void aQueuedMessageIsListedAndRetried() throws Exception {
        open("en-US", true);
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        Map<String, Object> path = new java.util.LinkedHashMap<>();
        path.put("systemName", "later");
        path.put("connection", "mail");
        path.put("delivery", "queued");
        path.put("bus", 2);
        path.put("subject", "Queued");
        path.put("body", "Sent later.");
        assertThat(console.api("POST", "/api/paths", Map.of("type", "smtp-send", "values", path))
                        .statusCode())
                .isEqualTo(201);
        // a test message through a queued path stays in the queue: no runtime sends it here
        var sent = console.api(
                "POST", "/api/paths/later/send", Map.of("attributes", Map.of("To", List.of("buyer@example.com"))));
        assertThat(ConsoleFixture.json(sent).get("status").asText())
                .as(sent.body())
                .isEqualTo("QUEUED");

        browser.findElement(By.id("tab-queue")).click();
        WebElement row =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#queue-table tbody tr")));
        assertThat(row.getAttribute("data-state")).isEqualTo("PENDING");
        assertThat(row.getText()).contains("later", "1 / 0");
        assertThat(browser.findElement(By.id("th-q-bus")).getText()).isEqualTo("Data bus");
        assertThat(row.findElements(By.tagName("td")).get(2).getText())
                .as("the bus column")
                .isEqualTo("2");
        assertThat(browser.findElement(By.id("queue-counts")).getText()).contains("pending: 1");
        screenshotIfAsked("console-queue.png");
        clickFresh(By.cssSelector("#queue-table tbody tr button.retry"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-status"), "The message is due now"));
        assertThat(Files.readString(console.workspace.resolve("data/queue/events.log")))
                .contains("RETRY");

        clickFresh(By.cssSelector("#queue-table tbody tr button.purge"));
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-counts"), "The queue is empty."));
    }

    @Test
    void aWorkspaceProblemIsShownInThePageAndAtItsField() throws Exception {
        open("en-US");
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        Files.writeString(
                console.workspace.resolve("paths/broken.yaml"),
                "type: smtp-send\nsystemName: broken\nconnection: nowhere\nsubject: Hello\nbody: Hi\n",
                StandardCharsets.UTF_8);
        browser.findElement(By.id("tab-paths")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#problems-table tr[data-file='paths/broken.yaml']")));
        assertThat(problem.getText()).startsWith("paths/broken.yaml:3").contains("nowhere");
        browser.findElement(By.cssSelector("#object-list li[data-name=broken]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-connection")));
        assertThat(error.getText()).contains("nowhere");
    }

    @Test
    void everyPageInRussianShowsNoEnglishAndNoYamlKey() throws Exception {
        open("ru-RU", true);
        console.api(
                "POST",
                "/api/connections",
                Map.of("type", "smtp", "values", console.smtpValues("mail", ConsoleFixture.SMTP_PASSWORD)));
        Files.writeString(
                console.workspace.resolve("paths/broken.yaml"),
                "type: smtp-send\nsystemName: broken\nconnection: mail\nsubject: \"{Missing}\"\n",
                StandardCharsets.UTF_8);
        List<String> seen = new java.util.ArrayList<>();
        QueuedMessage dead = seedDeadMessage();
        browser.findElement(By.id("tab-connections")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#object-list li[data-name=mail]")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-server")));
        // the check's steps with their details
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#check-steps tr[data-step=ehlo]")));
        assertThat(browser.findElement(By.cssSelector("#check-steps tr[data-step=greeting]"))
                        .getText())
                .contains("ответ сервера: «220");
        seen.add(visibleText());
        browser.findElement(By.id("tab-paths")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#object-list li[data-name=broken]")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-To")));
        seen.add(visibleText());
        browser.findElement(By.id("new-object")).click();
        // the form of the path opened before stays until the new one is drawn, with its type locked
        wait.until(d -> field("type").isEnabled());
        select("type", "smtp-send"); // the test class path also has the runtime's fake type, labelled in English
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-htmlBody")));
        browser.findElement(By.id("add-attributes")).click();
        seen.add(visibleText());
        browser.findElement(By.id("tab-queue")).click();
        // the dead message with its stored reason
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#queue-table tbody tr[data-id='" + dead.id() + "']")));
        assertThat(row.getText()).contains("получатели отказали: «gone@example.com 550 5.1.1 user unknown»");
        seen.add(visibleText());
        for (String text : seen) {
            // what may stay Latin: names the user chose or the protocol fixes, values typed into fields (not in
            // innerText), data the page marks as verbatim (a server's reply) and data our texts quote «like this»
            String rest = text.replaceAll("«[^»]*»", "")
                    .replaceAll(
                            "paths/broken\\.yaml|broken|mail|smtp-send|SMTP|Message-ID|TLS|STARTTLS|SSL|OAuth2?|NTLM|HTML|Missing|To|Cc|Bcc|E-?mail|ID|EHLO|PLAIN|LOGIN|Windows|XOAUTH2|SMTPS|IMAP|TCP|AUTH|MAIL FROM|RSET|QUIT",
                            "");
            assertThat(rest).as(text).doesNotContainPattern("[A-Za-z]{3,}");
        }
    }

    /** A message the queue has given up on, with its reason as the sender stores it: key and arguments. */
    private QueuedMessage seedDeadMessage() throws IOException {
        FileMessageQueue queue = new FileMessageQueue(console.workspace.resolve("data/queue"));
        try {
            Instant now = Instant.now();
            QueuedMessage added = queue.add(
                    "broken",
                    new PreparedMessage(
                            "<dead@test>",
                            List.of("gone@example.com"),
                            "Message-ID: <dead@test>\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)),
                    now,
                    now.plusSeconds(3600));
            queue.flush();
            QueuedMessage dead = new QueuedMessage(
                    added.id(),
                    added.path(),
                    added.messageId(),
                    List.of(),
                    List.of(),
                    List.of(new SendResult.Rejection("gone@example.com", 550, "550 5.1.1 user unknown")),
                    QueuedMessage.State.DEAD,
                    1,
                    added.queuedAt(),
                    added.nextAttemptAt(),
                    added.expiresAt(),
                    "550 5.1.1 user unknown",
                    false,
                    QueueReason.of("queue.reason.recipientsRefused", "gone@example.com 550 5.1.1 user unknown")
                            .stored());
            queue.update(dead);
            return dead;
        } finally {
            queue.close();
        }
    }

    /** Clicks what {@code by} finds, finding it again when the page's polling replaced it meanwhile. */
    private void clickFresh(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private String visibleText() {
        // labels, legends, buttons, headings, problems and option texts: everything a user reads, but for the cells
        // the page marks as data shown as it is (a Message-ID, a server's reply)
        String text = (String) browser.executeScript("return document.body.innerText");
        @SuppressWarnings("unchecked")
        List<String> verbatim = (List<String>)
                browser.executeScript("return [...document.querySelectorAll('[data-verbatim]')].map(e => e.innerText)");
        for (String data : verbatim) {
            if (!data.isBlank()) {
                text = text.replace(data, "");
            }
        }
        return text;
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
            screenshot(Path.of(target).toAbsolutePath());
        }
    }

    /** With {@code -Dconsole.screenshot=docs/console.png}, saves the page as {@code fileName} next to that picture. */
    private void screenshotIfAsked(String fileName) throws IOException {
        String target = System.getProperty("console.screenshot");
        if (target != null && !target.isBlank()) {
            screenshot(Path.of(target).toAbsolutePath().resolveSibling(fileName));
        }
    }

    private void screenshot(Path out) throws IOException {
        browser.executeScript("window.scrollTo(0, 0)");
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(out.getParent());
        Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    }
}
