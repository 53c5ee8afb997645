package dev.scenarios.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.cli.ScenarioCommand;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example exactly as {@code scenario run <example> --dev-inbox} does (the dev inbox, the workspace loaded
 * with its overrides, the scenarios started) on a copy of the example, and asserts what arrived. Needs the real SMTP
 * connector (types {@code smtp} and {@code smtp-send}).
 */
class ExamplesEndToEndTest {

    private static final Path EXAMPLES =
            Path.of("").toAbsolutePath().resolve("order-notifications").getParent();

    @TempDir
    Path copy;

    private Path copyOf(String example) throws IOException {
        Path source = EXAMPLES.resolve(example);
        Path target = copy.resolve(example);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file :
                    files.filter(f -> !source.relativize(f).startsWith("data")).toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }

    private static Workspace load(Path example, DevInbox inbox) {
        // No SMTP_PASSWORD: the dev inbox needs none, as on a fresh machine.
        Workspace ws = Workspace.load(example, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH, inbox::overrides);
        assertThat(ws.problems()).isEmpty();
        return ws;
    }

    @Test
    void everyExampleIsTested() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            assertThat(dirs.filter(d -> Files.isDirectory(d.resolve("scenarios")))
                            .map(d -> d.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "order-notifications", "error-handling", "send-options", "webhook-orders", "support-inbox");
        }
    }

    @Test
    void supportInboxAcknowledgesARequestInRussianWithATicketAndMovesItToProcessed() throws Exception {
        Path example = copyOf("support-inbox");
        StringWriter valid = new StringWriter();
        assertThat(ScenarioCommand.execute(
                        new String[] {"validate", example.toString()},
                        new PrintWriter(valid, true),
                        new PrintWriter(new StringWriter(), true),
                        Connectors.fromClassPath(),
                        Map.of("SMTP_PASSWORD", "x", "IMAP_PASSWORD", "y"),
                        Locale.ENGLISH))
                .as(valid.toString())
                .isZero();
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(printed, true), Locale.ENGLISH);
                ScenarioRuntime runtime = ScenarioRuntime.start(load(example, inbox), SendEvents.NONE, true)) {
            assertThat(printed.toString()).contains("IMAP on 127.0.0.1:" + inbox.imapPort());
            // A customer mails the support address through the dev inbox's SMTP side.
            Properties props = new Properties();
            props.setProperty("mail.smtp.host", inbox.host());
            props.setProperty("mail.smtp.port", String.valueOf(inbox.port()));
            props.setProperty("mail.smtp.connectiontimeout", "5000");
            props.setProperty("mail.smtp.timeout", "5000");
            props.setProperty("mail.smtp.writetimeout", "5000");
            MimeMessage request = new MimeMessage(Session.getInstance(props));
            request.setFrom(new InternetAddress("anna@example.org", "Анна Петрова", "UTF-8"));
            request.setRecipient(Message.RecipientType.TO, new InternetAddress("support@example.com"));
            request.setSubject("Не работает принтер в офисе", "UTF-8");
            request.setText("Здравствуйте! Принтер не печатает с утра.", "UTF-8");
            Transport.send(request);

            // The request itself, then the acknowledgement.
            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(30)))
                    .as(printed.toString())
                    .isTrue();
            MimeMessage reply = inbox.received().get(1);
            assertThat(reply.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("anna@example.org");
            assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo("support@example.com");
            String ticket = reply.getHeader("X-Ticket", null);
            assertThat(ticket).matches("SUP-\\d+");
            assertThat(reply.getSubject()).isEqualTo("Обращение №" + ticket + " принято: Не работает принтер в офисе");
            assertThat(String.valueOf(reply.getContent()))
                    .startsWith("Здравствуйте!")
                    .contains("Ваше обращение «Не работает принтер в офисе» получено и зарегистрировано под номером "
                            + ticket + ".")
                    .contains("служба поддержки «Ромашка»");

            // The path moves the request after the route succeeded: poll its mailbox's IMAP side, bounded.
            Map<String, Integer> folders = Map.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                folders = folderCounts(inbox, "support@example.com", "INBOX", "Processed");
                if (folders.get("Processed") == 1 && folders.get("INBOX") == 0) {
                    break;
                }
                Thread.sleep(100); // between bounded polls of the server, not a wait for a guess
            }
            assertThat(folders).containsEntry("Processed", 1).containsEntry("INBOX", 0);
        }
        assertThat(Files.readString(example.resolve("data/journals/mailbox.log")))
                .contains("succeeded; moved to Processed");
    }

    /** How many mails each of {@code folders} of {@code user}'s mailbox on the dev inbox's IMAP side holds. */
    private static Map<String, Integer> folderCounts(DevInbox inbox, String user, String... folders)
            throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "5000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect(inbox.host(), inbox.imapPort(), user, "any");
        try (store) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (String name : folders) {
                Folder folder = store.getFolder(name);
                counts.put(name, folder.exists() ? folder.getMessageCount() : 0);
            }
            return counts;
        }
    }

    @Test
    void examplesValidateWithTheirPasswordAndNameItWhenMissing() throws IOException {
        for (String example : List.of("order-notifications", "error-handling", "send-options", "webhook-orders")) {
            Path dir = copyOf(example);
            StringWriter out = new StringWriter();
            int valid = ScenarioCommand.execute(
                    new String[] {"validate", dir.toString()},
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true),
                    Connectors.fromClassPath(),
                    Map.of("SMTP_PASSWORD", "x"),
                    Locale.ENGLISH);
            assertThat(valid).as(out.toString()).isZero();

            StringWriter missing = new StringWriter();
            int invalid = ScenarioCommand.execute(
                    new String[] {"validate", dir.toString()},
                    new PrintWriter(missing, true),
                    new PrintWriter(new StringWriter(), true),
                    Connectors.fromClassPath(),
                    Map.of(),
                    Locale.ENGLISH);
            assertThat(invalid).isEqualTo(2);
            assertThat(missing.toString())
                    .matches(
                            "(?s)connections/mail\\.yaml:\\d+: connection mail password: environment variable SMTP_PASSWORD is not set\n.*");
        }
    }

    @Test
    void webhookOrdersMailsAConfirmationForAPostedOrderAndRepliesWithItsMessageId() throws Exception {
        Path example = copyOf("webhook-orders");
        // Any free port instead of the example's 8080, which may be taken where the tests run.
        Path properties = example.resolve("application.properties");
        Files.writeString(
                properties, Files.readString(properties).replace("camel.server.port=8080", "camel.server.port=0"));
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(printed, true), Locale.ENGLISH);
                ScenarioRuntime runtime = ScenarioRuntime.start(load(example, inbox), SendEvents.NONE, true)) {
            int port = runtime.camelContext()
                    .hasService(VertxPlatformHttpServer.class)
                    .getPort();
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> reply = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"Customer\": \"Анна Петрова\", \"OrderNo\": \"2024-9\", \"Email\": \"anna@example.com\"}",
                                    StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).startsWith("sent <");
            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(10)))
                    .as(printed.toString())
                    .isTrue();
            MimeMessage mail = inbox.received().get(0);
            assertThat(mail.getSubject()).isEqualTo("Заказ №2024-9 подтверждён");
            assertThat(mail.getMessageID()).isEqualTo(reply.body().substring("sent ".length()));
            assertThat(mail.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("anna@example.com");
            assertThat(String.valueOf(mail.getContent()))
                    .startsWith("Здравствуйте, Анна Петрова!")
                    .contains("интернет-магазин «Ромашка»");
        }
    }

    @Test
    void orderNotificationsMailsTwoOrdersInRussianWithTheInvoiceToTwoRecipients() throws Exception {
        Path example = copyOf("order-notifications");
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(printed, true), Locale.ENGLISH);
                ScenarioRuntime runtime = ScenarioRuntime.start(load(example, inbox), SendEvents.NONE, true)) {
            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(10)))
                    .as(printed.toString())
                    .isTrue();

            List<MimeMessage> received = inbox.received();
            assertThat(received)
                    .extracting(MimeMessage::getSubject)
                    .containsExactly("Заказ №2024-1 принят", "Заказ №2024-2 принят");
            MimeMessage first = received.get(0);
            InternetAddress from = (InternetAddress) first.getFrom()[0];
            assertThat(from.getPersonal()).isEqualTo("Интернет-магазин «Ромашка»");
            assertThat(from.getAddress()).isEqualTo("shop@example.com");
            assertThat(first.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("anna@example.com", "sales@example.com");
            assertThat(first.getHeader("X-Order-No", null)).isEqualTo("2024-1");
            Multipart mixed = (Multipart) first.getContent();
            assertThat(String.valueOf(mixed.getBodyPart(0).getContent()))
                    .startsWith("Здравствуйте, Анна Петрова!\n\nВаш заказ №2024-1 на сумму 1250.50 ₽ принят");
            Part invoice = mixed.getBodyPart(1);
            assertThat(MimeUtility.decodeText(invoice.getFileName())).isEqualTo("счёт.txt");
            assertThat(new String(invoice.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(example.resolve("files/invoice.txt")));
            assertThat(printed.toString())
                    .contains("Subject: Заказ №2024-1 принят")
                    .contains("Attachments: счёт.txt");
        }
        assertThat(Files.readString(
                        example.resolve("data/journals").toFile().listFiles()[0].toPath()))
                .contains("order_notifications");
    }

    @Test
    void errorHandlingRecordsTheRefusalAndTellsTheOperatorInstead() throws Exception {
        Path example = copyOf("error-handling");
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(printed, true), Locale.ENGLISH);
                ScenarioRuntime runtime = ScenarioRuntime.start(load(example, inbox), SendEvents.NONE, true)) {
            assertThat(inbox.awaitMessages(1, Duration.ofSeconds(10)))
                    .as(printed.toString())
                    .isTrue();

            MimeMessage fallback = inbox.received().get(0);
            assertThat(fallback.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("operator@example.com");
            assertThat(fallback.getSubject()).isEqualTo("Событие: оповещение не доставлено: RECIPIENT_REJECTED 550");
        }
        assertThat(printed.toString()).contains("RCPT TO:<duty@mailbox.invalid> refused: 550 5.1.2");
        assertThat(Files.readString(example.resolve("data/failures.log")))
                .matches("(?s)\\d{4}-\\d\\d-\\d\\dT[\\d:]{8} alerts RECIPIENT_REJECTED 550: .+\n");
    }

    @Test
    void sendOptionsIgnoreTheRefusalIntoErrorVariableAndSendTheDigestApart() throws Exception {
        Path example = copyOf("send-options");
        StringWriter printed = new StringWriter();
        try (DevInbox inbox = DevInbox.start(new PrintWriter(printed, true), Locale.ENGLISH);
                ScenarioRuntime runtime = ScenarioRuntime.start(load(example, inbox), SendEvents.NONE, true)) {
            assertThat(inbox.awaitMessages(2, Duration.ofSeconds(10)))
                    .as(printed.toString())
                    .isTrue();

            List<MimeMessage> received = inbox.received();
            MimeMessage fallback = received.stream()
                    .filter(m -> subject(m).startsWith("Событие"))
                    .findFirst()
                    .orElseThrow();
            assertThat(fallback.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("operator@example.com");
            // error[Kind] and error[Code]: the path's errorResponse names for failureKind and replyCode.
            assertThat(fallback.getSubject()).isEqualTo("Событие: оповещение не доставлено: RECIPIENT_REJECTED 550");

            MimeMessage digest = received.stream()
                    .filter(m -> subject(m).startsWith("Сводка"))
                    .findFirst()
                    .orElseThrow();
            assertThat(digest.getSubject()).isEqualTo("Сводка за 2026-12-04");
            assertThat(String.valueOf(digest.getContent())).contains("Заказов за день: 42.");
            String digestId = digest.getMessageID();
            // Sent apart from the scenario: by the queue's sender, journaled like a queued message.
            assertThat(awaitJournal(example, digestId)).as("journal").isTrue();
        }
        assertThat(printed.toString()).contains("RCPT TO:<duty@mailbox.invalid> refused: 550 5.1.2");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean awaitJournal(Path example, String messageId) throws IOException {
        Path journal = example.resolve("data/queue/events.log");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(journal)
                    && Files.readAllLines(journal).stream()
                            .anyMatch(l -> l.contains(" SENT ") && l.contains(messageId))) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(20).toNanos()); // a bounded poll
        }
        return false;
    }
}
