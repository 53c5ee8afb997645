package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML scenario {@code from: path:support_requests} → the real IMAP connector (types {@code imap} and
 * {@code imap-receive}, found by ServiceLoader) → GreenMail's IMAP server on loopback: each mail starts the scenario
 * once and is moved to Processed; a mail whose scenario fails is handed again and goes to Errors after maxFailures.
 */
class ImapEndToEndTest {

    private static final String USER = "support@example.com";
    private static final String PASSWORD = "s3cret-Pa55";

    private static final String PATH = """
            type: imap-receive
            systemName: support_requests
            connection: support_mailbox
            maxFailures: 2
            """;

    private static final String SCENARIO = """
            - route:
                id: support
                from:
                  uri: path:support_requests
                  steps:
                    - filter:
                        simple: "${body[Subject]} contains 'FAIL'"
                        steps:
                          - throwException:
                              exceptionType: java.lang.IllegalStateException
                              message: the scenario refused the request
                    - setBody:
                        simple: "${body[Subject]}|${variable.message[From][Address]}|${variable.message[MessageId]}|${variable.possibleDuplicate}"
                    - to:
                        uri: "file:{{workspace.data}}/handled"
                        parameters:
                          fileName: "${exchangeId}.txt"
                          charset: UTF-8
            """;

    @TempDir
    Path dir;

    private GreenMail server;
    private GreenMailUser user;

    @BeforeEach
    void startServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", "imap"));
        server.start();
        user = server.setUser(USER, USER, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private TestWorkspace workspace() {
        return new TestWorkspace(dir)
                .write("connections/support_mailbox.yaml", """
                        type: imap
                        systemName: support_mailbox
                        server: 127.0.0.1
                        port: %d
                        encryption: none
                        authentication: basic
                        username: %s
                        password: ${env:MAIL_PASSWORD}
                        allowInsecureAuthentication: true
                        pollInterval: 1s
                        journal: full
                        """.formatted(
                                server.getImap().getPort(), USER))
                .write("paths/support_requests.yaml", PATH)
                .write("scenarios/support.yaml", SCENARIO);
    }

    private Workspace load() {
        workspace();
        Workspace loaded =
                Workspace.load(dir, Connectors.fromClassPath(), Map.of("MAIL_PASSWORD", PASSWORD), Locale.ENGLISH);
        assertThat(loaded.problems()).isEmpty();
        return loaded;
    }

    private void deliver(String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("client@example.org", "Клиент", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
        message.setSubject(subject, "UTF-8");
        message.setText("Текст заявки", "UTF-8");
        message.saveChanges();
        user.deliver(message);
    }

    private int count(String folder) {
        MailFolder f = server.getManagers().getImapHostManager().getFolder(user, folder);
        return f == null ? 0 : f.getMessageCount();
    }

    private String journal() {
        try {
            Path file = dir.resolve("data/journals/support_mailbox.log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> handled() {
        Path out = dir.resolve("data/handled");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachMailStartsTheScenarioOnceAndIsMovedToProcessed() throws Exception {
        deliver("Заявка №1: не работает принтер");
        try (ScenarioRuntime runtime = ScenarioRuntime.start(load(), SendEvents.NONE, true)) {
            assertThat(await(Duration.ofSeconds(30), () -> count("Processed") == 1))
                    .as(() -> "moved to Processed; journal:\n" + journal())
                    .isTrue();
            deliver("Заявка №2");
            assertThat(await(Duration.ofSeconds(30), () -> count("Processed") == 2))
                    .as(() -> "the second moved too; journal:\n" + journal())
                    .isTrue();
        }
        assertThat(handled())
                .hasSize(2)
                .anyMatch(line -> line.startsWith("Заявка №1: не работает принтер|client@example.org|<")
                        && line.endsWith("|false"))
                .anyMatch(line -> line.startsWith("Заявка №2|"));
        assertThat(count("INBOX")).isZero();
        assertThat(Files.readString(dir.resolve("data/imap/support_requests.state")))
                .contains("lastUid=2");
    }

    @Test
    void aFailingScenarioLeavesTheMailForRetryThenMovesItToErrors() throws Exception {
        deliver("FAIL: неразборчивая заявка");
        try (ScenarioRuntime runtime = ScenarioRuntime.start(load(), SendEvents.NONE, true)) {
            assertThat(await(Duration.ofSeconds(30), () -> count("Errors") == 1))
                    .as(() -> "moved to Errors; journal:\n" + journal())
                    .isTrue();
        }
        assertThat(handled()).isEmpty();
        assertThat(count("INBOX")).isZero();
        assertThat(Files.readString(dir.resolve("data/journals/support_mailbox.log"), StandardCharsets.UTF_8))
                .contains("failed 1 of 2 times (IllegalStateException: the scenario refused the request)")
                .contains("failed 2 times (IllegalStateException: the scenario refused the request); moved to Errors")
                .doesNotContain(PASSWORD);
    }

    @Test
    void validationRefusesAReceivingPathInToAndASendingOneInFrom() {
        workspace().write("scenarios/support.yaml", """
                - route:
                    from:
                      uri: timer:once?repeatCount=1
                      steps:
                        - to: path:support_requests
                """);
        Workspace loaded =
                Workspace.load(dir, Connectors.fromClassPath(), Map.of("MAIL_PASSWORD", PASSWORD), Locale.ENGLISH);
        assertThat(loaded.problems())
                .extracting(Problem::toString)
                .anyMatch(
                        p -> p.contains("scenarios/support.yaml")
                                && p.contains(
                                        "path \"support_requests\" receives mail; use it in from: to start the scenario, not in path:support_requests"));
    }

    @Test
    void checkWorksForImapConnections() {
        workspace();
        CliRun check = CliRun.with(Connectors.fromClassPath(), "check", dir.toString(), "support_mailbox");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("INBOX").doesNotContain(PASSWORD);
    }

    @Test
    void receiveShowsWhatTheScenarioWouldGetAndMovesNothingWithoutAck() throws Exception {
        workspace();
        deliver("Заявка №7: нет доступа к почте");
        CliRun preview =
                CliRun.with(Connectors.fromClassPath(), "receive", dir.toString(), "support_requests", "--once");
        assertThat(preview.exitCode()).as(preview.out() + preview.err()).isZero();
        assertThat(preview.out())
                .contains("INBOX;UIDVALIDITY=")
                .contains("  Subject: Заявка №7: нет доступа к почте")
                .contains("  From: {\"Name\":\"Клиент\",\"Address\":\"client@example.org\"}")
                .contains("  TextBody: Текст заявки")
                .contains("1 item(s) shown; nothing was moved")
                .doesNotContain(PASSWORD);
        assertThat(count("INBOX")).as("the mail stays put").isEqualTo(1);
        assertThat(count("Processed")).isZero();
        assertThat(dir.resolve("data/imap/support_requests.state")).doesNotExist();

        CliRun json = CliRun.with(
                Connectors.fromClassPath(), "receive", dir.toString(), "support_requests", "--once", "--json");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        assertThat(json.out().lines().toList()).hasSize(1);
        assertThat(json.out())
                .contains("\"path\":\"support_requests\"")
                .contains("\"possibleDuplicate\":false")
                .contains("\"acknowledged\":false")
                .contains("\"Subject\":\"Заявка №7: нет доступа к почте\"");
        assertThat(count("INBOX")).isEqualTo(1);

        CliRun acked = CliRun.with(
                Connectors.fromClassPath(), "receive", dir.toString(), "support_requests", "--once", "--ack");
        assertThat(acked.exitCode()).as(acked.out() + acked.err()).isZero();
        assertThat(acked.out()).contains("(acknowledged)").contains("  Subject: Заявка №7: нет доступа к почте");
        assertThat(count("INBOX")).isZero();
        assertThat(count("Processed")).isEqualTo(1);

        CliRun empty = CliRun.with(Connectors.fromClassPath(), "receive", dir.toString(), "support_requests", "--once");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("path \"support_requests\": nothing to receive now");
    }

    @Test
    void receiveRefusesASendingPath() {
        workspace().write("connections/mail.yaml", """
                        type: smtp
                        systemName: mail
                        server: 127.0.0.1
                        port: 2525
                        encryption: none
                        authentication: none
                        senderAddress: robot@example.com
                        checkWithoutSending: true
                        """).write("paths/notify.yaml", """
                        type: smtp-send
                        systemName: notify
                        connection: mail
                        subject: "x"
                        body: "y"
                        """);
        CliRun run = CliRun.with(Connectors.fromClassPath(), "receive", dir.toString(), "notify", "--once");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).as(run.out()).contains("path \"notify\" does not receive");
    }

    @Test
    void fromPathNamesTheVariableThatReceivesTheMail() throws Exception {
        workspace().write("scenarios/support.yaml", """
                - route:
                    from:
                      uri: path:support_requests?variable=mail
                      steps:
                        - setBody:
                            simple: "${variable.mail[Subject]}|${variable.mail[From][Address]}"
                        - to:
                            uri: "file:{{workspace.data}}/handled"
                            parameters:
                              fileName: "${exchangeId}.txt"
                              charset: UTF-8
                """);
        deliver("Заявка через mail");
        Workspace loaded =
                Workspace.load(dir, Connectors.fromClassPath(), Map.of("MAIL_PASSWORD", PASSWORD), Locale.ENGLISH);
        assertThat(loaded.problems()).isEmpty();
        try (ScenarioRuntime runtime = ScenarioRuntime.start(loaded, SendEvents.NONE, true)) {
            assertThat(await(Duration.ofSeconds(30), () -> count("Processed") == 1))
                    .as(() -> "moved to Processed; journal:\n" + journal())
                    .isTrue();
        }
        assertThat(handled()).containsExactly("Заявка через mail|client@example.org");
    }

    @Test
    void validationNamesAnUnknownFromPathOptionWithFileAndLine() {
        workspace().write("scenarios/support.yaml", """
                - route:
                    from:
                      uri: path:support_requests?variable=mail&folder=Spam
                      steps:
                        - log: "${variable.mail[Subject]}"
                """);
        Workspace loaded =
                Workspace.load(dir, Connectors.fromClassPath(), Map.of("MAIL_PASSWORD", PASSWORD), Locale.ENGLISH);
        assertThat(loaded.problems())
                .extracting(Problem::toString)
                .anyMatch(p -> p.startsWith("scenarios/support.yaml:3:")
                        && p.contains("path: has no option \"folder\"; its options are variable"));
        workspace().write("scenarios/support.yaml", """
                - route:
                    from:
                      uri: path:support_requests?variable=my-mail
                      steps:
                        - log: "x"
                """);
        Workspace bad =
                Workspace.load(dir, Connectors.fromClassPath(), Map.of("MAIL_PASSWORD", PASSWORD), Locale.ENGLISH);
        assertThat(bad.problems())
                .extracting(Problem::toString)
                .anyMatch(p -> p.startsWith("scenarios/support.yaml:3:")
                        && p.contains("the option variable names a variable: letters, digits and _, not \"my-mail\""));
    }
}
