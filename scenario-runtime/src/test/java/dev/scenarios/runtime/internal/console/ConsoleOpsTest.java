package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's health, metrics and dev-inbox API over real HTTP, with messages sent to the dev inbox over real SMTP.
 */
class ConsoleOpsTest {

    private static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path workspace;

    private HttpResponse<byte[]> get(ConsoleServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void mail(DevInbox inbox, String to, String subject) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", inbox.host());
        p.setProperty("mail.smtp.port", String.valueOf(inbox.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        p.setProperty("mail.smtp.writetimeout", "5000");
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("shop@example.com"));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText("Здравствуйте!", "UTF-8");
        Transport.send(m);
    }

    @Test
    void listsAndServesTheDevInboxMessagesToTheAdminOnly() throws Exception {
        try (DevInbox inbox = DevInbox.start(new PrintWriter(new StringWriter(), true), Locale.ENGLISH);
                ConsoleServer server = ConsoleServer.start(
                        workspace,
                        "127.0.0.1",
                        0,
                        Connectors.fromClassPath(),
                        Map.of(),
                        AdminToken.given(TOKEN, Map.of()),
                        type -> Map.of(),
                        inbox)) {
            mail(inbox, "anna@example.com", "Заказ №1");
            mail(inbox, "boris@example.com", "Заказ №2");
            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(5))).isTrue();

            assertThat(get(server, "/api/dev-inbox").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> list = get(server, "/api/dev-inbox", "Authorization", "Bearer " + TOKEN);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(list.body());
            assertThat(body.get("accepted").asInt()).isEqualTo(2);
            assertThat(body.get("messages"))
                    .extracting(m -> m.get("subject").asText())
                    .containsExactly("Заказ №2", "Заказ №1");
            assertThat(body.at("/messages/1/recipients/0").asText()).isEqualTo("anna@example.com");
            assertThat(body.at("/messages/1/envelopeFrom").asText()).isEqualTo("shop@example.com");

            HttpResponse<byte[]> eml =
                    get(server, "/api/dev-inbox/" + body.at("/messages/1/id").asLong(), "X-Admin-Token", TOKEN);
            assertThat(eml.statusCode()).isEqualTo(200);
            assertThat(eml.headers().firstValue("Content-Type")).hasValue("message/rfc822");
            assertThat(eml.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"dev-inbox-1.eml\"");
            MimeMessage downloaded = new MimeMessage(null, new ByteArrayInputStream(eml.body()));
            assertThat(downloaded.getSubject()).isEqualTo("Заказ №1");
            assertThat(get(server, "/api/dev-inbox/3", "X-Admin-Token", TOKEN).statusCode())
                    .isEqualTo(404);

            HttpResponse<byte[]> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).as("no token needed").isEqualTo(200);
            assertThat(new String(metrics.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("scenario_dev_inbox_messages_total 2.0")
                    .contains("scenario_queue_messages{state=\"pending\"} 0")
                    .doesNotContain("@");
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> ready = get(server, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void withoutTheDevInboxTheApiSaysSo() throws Exception {
        try (ConsoleServer server = ConsoleServer.start(
                workspace,
                "127.0.0.1",
                0,
                Connectors.fromClassPath(),
                Map.of(),
                AdminToken.given(TOKEN, Map.of()),
                type -> Map.of())) {
            HttpResponse<byte[]> list =
                    get(server, "/api/dev-inbox", "Authorization", "Bearer " + TOKEN, "Accept-Language", "ru");
            assertThat(list.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(list.body()).get("error").asText()).startsWith("консоль запущена без --dev-inbox");
        }
    }
}
