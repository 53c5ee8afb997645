package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.testing.TestPostgres;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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

    /**
     * With {@code queue.store: postgresql} the console's gauges and its queue page read the database, through one pool
     * kept open between requests (not a pool and a migration per request).
     */
    @Test
    void withThePostgresqlStoreTheGaugesShowItsDepthAndTheQueuePageKeepsOnePool() throws Exception {
        String schema = TestPostgres.newSchema();
        Files.writeString(workspace.resolve("workspace.yaml"), TestPostgres.workspaceYaml(schema));
        QueueSettings settings =
                new QueueSettings(QueueSettings.Store.POSTGRESQL, TestPostgres.url(), "postgres", "", schema);
        Instant now = Instant.now();
        try (QueueStore store = QueueStore.open(workspace, settings, false)) {
            for (String id : List.of("<a@test>", "<b@test>")) {
                store.queue()
                        .add(
                                "orders",
                                new PreparedMessage(
                                        id,
                                        List.of("anna@example.com"),
                                        ("Message-ID: " + id + "\r\n\r\nhi\r\n").getBytes(StandardCharsets.US_ASCII)),
                                now.minusSeconds(120),
                                now.plusSeconds(86400));
            }
        }
        try (ConsoleServer server = ConsoleServer.start(
                workspace,
                "127.0.0.1",
                0,
                Connectors.fromClassPath(),
                Map.of(),
                AdminToken.given(TOKEN, Map.of()),
                type -> Map.of())) {
            String metrics = new String(get(server, "/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics)
                    .contains("scenario_queue_messages{state=\"pending\"} 2.0")
                    .contains("scenario_queue_messages{state=\"dead\"} 0.0")
                    .doesNotContain("scenario_queue_oldest_age_seconds 0.0")
                    .doesNotContain("@");

            HttpResponse<byte[]> first = get(server, "/api/queue", "X-Admin-Token", TOKEN);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(first.body())).hasSize(2);
            Set<Integer> before = queueSessions();
            for (int i = 0; i < 4; i++) {
                assertThat(get(server, "/api/queue", "X-Admin-Token", TOKEN).statusCode())
                        .isEqualTo(200);
            }
            assertThat(before).as("the store stays open between requests").isNotEmpty();
            assertThat(queueSessions()).containsAll(before);
        }
        // a backend leaves pg_stat_activity a moment after its client closed the connection
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!queueSessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(queueSessions()).as("closed with the console").isEmpty();
    }

    /** The database sessions of the queue's pools now open (their application name is the runtime's). */
    private static Set<Integer> queueSessions() throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.url(), "postgres", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = 'scenario-runtime'")) {
            Set<Integer> pids = new HashSet<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        }
    }
}
