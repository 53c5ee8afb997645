package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev-inbox page's API over real HTTP, with a message sent to the dev inbox over real SMTP: the parts of a message,
 * its attachments under their exact (Cyrillic) names, clearing; and from an attacker's side, nothing without the token.
 */
class DevInboxApiTest {

    static final byte[] PDF = "%PDF-1.4 счёт".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    ConsoleFixture console;

    @BeforeEach
    void start() throws Exception {
        console = new ConsoleFixture(dir.resolve("workspace"), Map.of(), true);
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", console.inbox.host());
        p.setProperty("mail.smtp.port", String.valueOf(console.inbox.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        p.setProperty("mail.smtp.writetimeout", "5000");
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("shop@example.com", "Магазин", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "anna@example.com");
        m.setSubject("Счёт к заказу №7", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Здравствуйте, Анна!", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Здравствуйте, <b>Анна</b>!</p><script>alert(1)</script>", "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        // Angus writes a non-ASCII name as RFC 2231 (filename*=utf-8''%D1%81...)
        attachment.setFileName("счёт №7.pdf");
        m.setContent(new MimeMultipart(body, attachment));
        Transport.send(m);
        assertThat(console.inbox.awaitMessages(1, Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void partsGiveHeadersBodiesAndAttachments() {
        HttpResponse<String> list = console.api("GET", "/api/dev-inbox", null);
        JsonNode first = ConsoleFixture.json(list).at("/messages/0");
        assertThat(first.get("size").asLong()).isPositive();
        assertThat(first.get("date").asText()).isNotEmpty();
        assertThat(first.get("attachments").get(0).asText()).isEqualTo("счёт №7.pdf");

        HttpResponse<String> parts = console.api("GET", "/api/dev-inbox/1/parts", null);
        assertThat(parts.statusCode()).isEqualTo(200);
        JsonNode body = ConsoleFixture.json(parts);
        assertThat(body.get("text").asText()).isEqualTo("Здравствуйте, Анна!");
        assertThat(body.get("html").asText()).startsWith("<p>Здравствуйте, <b>Анна</b>!</p>");
        assertThat(body.get("headers"))
                .anySatisfy(h -> {
                    assertThat(h.get("name").asText()).isEqualTo("Subject");
                    assertThat(h.get("value").asText()).isEqualTo("Счёт к заказу №7");
                })
                .anySatisfy(h -> assertThat(h.get("value").asText()).isEqualTo("Магазин <shop@example.com>"));
        assertThat(body.get("attachments")).singleElement().satisfies(a -> {
            assertThat(a.get("index").asInt()).isZero();
            assertThat(a.get("fileName").asText()).isEqualTo("счёт №7.pdf");
            assertThat(a.get("contentType").asText()).isEqualTo("application/pdf");
            assertThat(a.get("size").asLong()).isEqualTo(PDF.length);
        });
    }

    @Test
    void anAttachmentDownloadsUnderItsExactNameAndIsNeverRendered() throws Exception {
        HttpResponse<byte[]> file = console.client.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + console.server.port() + "/api/dev-inbox/1/attachments/0"))
                        .header("X-Admin-Token", ConsoleFixture.TOKEN)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PDF);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"____ _7.pdf\"; filename*=UTF-8''"
                        + "%D1%81%D1%87%D1%91%D1%82%20%E2%84%967.pdf");

        assertThat(console.api("GET", "/api/dev-inbox/1/attachments/1", null).statusCode())
                .isEqualTo(404);
        assertThat(console.api("GET", "/api/dev-inbox/2/parts", null).statusCode())
                .isEqualTo(404);
        assertThat(console.api("GET", "/api/dev-inbox/1/other", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void clearForgetsEveryMessage() {
        HttpResponse<String> cleared = console.api("DELETE", "/api/dev-inbox", null);
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(ConsoleFixture.json(console.api("GET", "/api/dev-inbox", null))
                        .get("messages"))
                .isEmpty();
        assertThat(console.api("GET", "/api/dev-inbox/1", null).statusCode()).isEqualTo(404);
        assertThat(console.api("DELETE", "/api/dev-inbox/1", null).statusCode()).isEqualTo(405);
    }

    @Test
    void withoutTheTokenNothingIsShownNorCleared() {
        for (String path : new String[] {
            "/api/dev-inbox", "/api/dev-inbox/1", "/api/dev-inbox/1/parts", "/api/dev-inbox/1/attachments/0"
        }) {
            HttpResponse<String> response = console.send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("Анна", "shop@example.com", "PDF");
        }
        assertThat(console.send("DELETE", "/api/dev-inbox", null).statusCode()).isEqualTo(401);
        assertThat(console.send("DELETE", "/api/dev-inbox", null, "Authorization", "Bearer wrong-token-0123456789")
                        .statusCode())
                .isEqualTo(401);
        assertThat(console.inbox.kept()).hasSize(1);
    }
}
