package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dev-inbox page in Debian's headless Chromium against a real console with a dev inbox: a test message sent from
 * the paths page and a message with a Cyrillic attachment and a hostile HTML body sent over SMTP show up, open, and
 * download; the HTML body runs no script and loads no remote picture. With
 * {@code -Dconsole.screenshot=docs/console.png} it saves {@code console-dev-inbox.png} next to that picture.
 */
class DevInboxPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PDF = "%PDF-1.4 счёт".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @TempDir
    Path browserProfile;

    @TempDir
    Path downloads;

    ConsoleFixture console;
    ChromeDriver browser;
    WebDriverWait wait;
    /** Stands for a sender's tracking server: counts requests for the mail's remote picture. */
    HttpServer tracker;

    final AtomicInteger trackerHits = new AtomicInteger();

    @BeforeEach
    void start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String hint = "the browser tests need Debian's chromium and chromium-driver: "
                + "apt-get install -y chromium chromium-driver (.ci/run installs them)";
        if (Boolean.getBoolean("browser.required")) {
            assertThat(present).as(hint).isTrue();
        }
        Assumptions.assumeTrue(present, hint);
    }

    private void open(String language, boolean devInbox) throws IOException {
        console = new ConsoleFixture(dir.resolve("workspace"), Map.of(), devInbox);
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
                "--window-size=1280,1400",
                "--lang=" + language);
        if (screenshotAsked()) {
            // Headless Chromium's screenshot leaves out a sandboxed frame that runs in a process of its own (it is
            // drawn on screen); for the picture only, the frame shares the page's process. The sandbox is the same.
            options.addArguments("--disable-features=IsolateSandboxedIframes");
        }
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
        if (tracker != null) {
            tracker.stop(0);
        }
    }

    @Test
    void aTestMessageAndAnAttachmentInTheDevInboxPageInRussian() throws Exception {
        open("ru-RU", true);
        tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/", exchange -> {
            trackerHits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        tracker.start();
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
        Map<String, Object> path = new java.util.LinkedHashMap<>();
        path.put("systemName", "orders");
        path.put("connection", "mail");
        path.put("attributes", List.of(Map.of("name", "OrderNo", "required", true)));
        path.put("subject", "Заказ {OrderNo} принят");
        path.put("body", "Здравствуйте! Ваш заказ {OrderNo} уже в пути.");
        assertThat(console.api("POST", "/api/paths", Map.of("type", "smtp-send", "values", path))
                        .statusCode())
                .isEqualTo(201);

        // the everyday way: "send test message" on the paths page
        browser.findElement(By.id("tab-paths")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#object-list li[data-name=orders]")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-To")))
                .sendKeys("anna@example.com");
        browser.findElement(By.id("test-OrderNo")).sendKeys("42");
        browser.findElement(By.id("send-test-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("send-result"), "data-status", "SENT"));

        // a message with an attachment and an HTML body that tries what hostile mail tries
        sendHostileMailWithAttachment();
        assertThat(console.inbox.awaitMessages(2, Duration.ofSeconds(10))).isTrue();

        browser.findElement(By.id("tab-devinbox")).click();
        assertThat(browser.findElement(By.id("tab-devinbox")).getText()).isEqualTo("Тестовый ящик");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-table tbody tr"), 2));
        assertThat(browser.findElement(By.id("th-i-from")).getText()).isEqualTo("От");
        WebElement testMessage = browser.findElement(By.cssSelector("#inbox-table tbody tr[data-id='1']"));
        assertThat(testMessage.getText()).contains("Заказ 42 принят", "anna@example.com");
        WebElement withAttachment = browser.findElement(By.cssSelector("#inbox-table tbody tr[data-id='2']"));
        assertThat(withAttachment.getText()).contains("Счёт к заказу №7");
        assertThat(withAttachment
                        .findElement(By.cssSelector("td.clip .clip-icon"))
                        .getAttribute("aria-label"))
                .isEqualTo("счёт №7.pdf");
        assertThat(testMessage.findElements(By.cssSelector(".clip-icon"))).isEmpty();

        testMessage.click();
        wait.until(ExpectedConditions.textToBe(By.id("im-subject"), "Заказ 42 принят"));
        assertThat(browser.findElement(By.id("im-text")).getText()).isEqualTo("Здравствуйте! Ваш заказ 42 уже в пути.");
        assertThat(browser.findElement(By.id("im-attachments-section")).isDisplayed())
                .isFalse();

        browser.findElement(By.cssSelector("#inbox-table tbody tr[data-id='2']"))
                .click();
        wait.until(ExpectedConditions.textToBe(By.id("im-subject"), "Счёт к заказу №7"));
        assertThat(browser.findElement(By.id("im-envelope")).getText())
                .contains("От", "Магазин «Ромашка» <shop@example.com>", "Кому", "anna@example.com");
        WebElement attachment = browser.findElement(By.cssSelector("#im-attachments button.attachment"));
        assertThat(attachment.getText()).isEqualTo("счёт №7.pdf");
        assertThat(browser.findElement(By.id("im-text")).getText()).isEqualTo("Здравствуйте, Анна! Счёт во вложении.");

        // the HTML body is drawn, in its sandbox, without running its script or fetching its remote picture
        browser.switchTo().frame(browser.findElement(By.id("im-html")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Счёт во вложении"));
        wait.until(d -> "complete".equals(browser.executeScript("return document.readyState")));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-pwned"))
                .isNull();
        browser.switchTo().defaultContent();
        assertThat(browser.getTitle()).isEqualTo("Тестовый ящик");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-pwned"))
                .isNull();
        assertThat(trackerHits.get()).as("requests for the remote picture").isZero();
        screenshotIfAsked("console-dev-inbox.png");

        // every label of the page is Russian; only the protocol's names and the mail's own content stay Latin
        String labels = (String) browser.executeScript("return [...document.querySelectorAll("
                + "'#tabs button, #devinbox-view h2, #inbox-summary, #devinbox-view button, #inbox-table thead th,"
                + " #im-envelope th, #devinbox-view h4, #im-html-note, #im-headers summary')]"
                + ".filter(e => e.offsetParent !== null).map(e => e.innerText + ' ' + (e.title || '')).join(' | ')");
        assertThat(labels).contains("Тестовый ящик", "Очистить", "Скачать .eml", "Вложения", "Все заголовки");
        assertThat(labels.replaceAll("SMTP|HTML|\\.eml|счёт №7\\.pdf|[0-9.:]+", ""))
                .as(labels)
                .doesNotContainPattern("[A-Za-z]{3,}");

        // the attachment downloads under its own Cyrillic name
        attachment.click();
        Path file = downloads.resolve("счёт №7.pdf");
        wait.until(d -> Files.exists(file) && size(file) == PDF.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(PDF);
        browser.findElement(By.id("im-eml")).click();
        Path eml = downloads.resolve("dev-inbox-2.eml");
        wait.until(d -> Files.exists(eml) && size(eml) > 0);
        assertThat(Files.readString(eml, StandardCharsets.UTF_8)).contains("filename*=");

        // a third message shows up without a reload (the page polls)
        sendPlain("Ещё одно письмо");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#inbox-table tbody tr"), 3));

        browser.findElement(By.id("inbox-clear")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBe(By.id("inbox-status"), "Тестовый ящик пуст."));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-empty")));
        assertThat(browser.findElement(By.id("inbox-message")).isDisplayed()).isFalse();
        assertThat(console.inbox.kept()).isEmpty();
        assertThat(trackerHits.get()).as("requests for the remote picture").isZero();
    }

    @Test
    void withoutADevInboxThereIsNoTab() throws Exception {
        open("en-US", false);
        // the tab decides after asking the API; the page has settled once the connections list is drawn
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-queue")));
        wait.until(d -> !browser.findElements(By.cssSelector("#object-list li")).isEmpty());
        assertThat(browser.findElement(By.id("tab-devinbox")).isDisplayed()).isFalse();
    }

    private Session smtp() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", console.inbox.host());
        p.setProperty("mail.smtp.port", String.valueOf(console.inbox.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        p.setProperty("mail.smtp.writetimeout", "5000");
        return Session.getInstance(p);
    }

    private void sendHostileMailWithAttachment() throws Exception {
        MimeMessage m = new MimeMessage(smtp());
        m.setFrom(new InternetAddress("shop@example.com", "Магазин «Ромашка»", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "anna@example.com");
        m.setSubject("Счёт к заказу №7", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Здравствуйте, Анна! Счёт во вложении.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        String pixel = "http://127.0.0.1:" + tracker.getAddress().getPort() + "/pixel.png";
        html.setText(
                "<p>Здравствуйте, <b>Анна</b>! Счёт во вложении.</p>"
                        + "<img src=\"" + pixel + "\" alt=\"\">"
                        + "<script>document.body.dataset.pwned = 'yes'; parent.document.title = 'pwned';"
                        + " parent.document.body.dataset.pwned = 'yes';</script>"
                        + "<img src=\"x\" onerror=\"parent.document.title = 'pwned'\">",
                "UTF-8",
                "html");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(new MimeMultipart("alternative", text, html));
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        attachment.setFileName("счёт №7.pdf"); // RFC 2231: filename*=utf-8''...
        m.setContent(new MimeMultipart(body, attachment));
        Transport.send(m);
    }

    private void sendPlain(String subject) throws Exception {
        MimeMessage m = new MimeMessage(smtp());
        m.setFrom(new InternetAddress("shop@example.com"));
        m.setRecipients(Message.RecipientType.TO, "boris@example.com");
        m.setSubject(subject, "UTF-8");
        m.setText("Текст.", "UTF-8");
        Transport.send(m);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** With {@code -Dconsole.screenshot=docs/console.png}, saves the page as {@code fileName} next to that picture. */
    private static boolean screenshotAsked() {
        String target = System.getProperty("console.screenshot");
        return target != null && !target.isBlank();
    }

    private void screenshotIfAsked(String fileName) throws IOException {
        String target = System.getProperty("console.screenshot");
        if (screenshotAsked()) {
            browser.executeScript("window.scrollTo(0, 0)");
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path out = Path.of(target).toAbsolutePath().resolveSibling(fileName);
            Files.createDirectories(out.getParent());
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
