package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.testing.ScriptedSmtpServer.drop;
import static dev.scenarios.testing.ScriptedSmtpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.testing.SubethaServers;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled SMTP sessions: reuse, RSET before reusing an idle one, transparent reconnect, the session cap and QUIT on
 * close.
 */
class SessionReuseTest {

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();

    private static MimeMessage message(SmtpConnection connection, int n) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject("message " + n, "UTF-8");
        m.setText("hello " + n, "UTF-8");
        return m;
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(l -> l.equalsIgnoreCase(line)).count();
    }

    @Test
    void oneAuthenticatedTlsSessionCarriesManyMessages() throws Exception {
        TestCertificates localhost = TestCertificates.forHost("localhost");
        Path pem = localhost.writePem(data.resolve("localhost.pem"));
        try (SubethaServers server = SubethaServers.startTlsRequired(localhost);
                SmtpConnection connection = type.open(
                        of(with(
                                plain(server.port()),
                                "server",
                                "localhost",
                                "encryption",
                                "tls",
                                "trustedCertificates",
                                pem.toString(),
                                "authentication",
                                "basic",
                                "username",
                                SubethaServers.USER,
                                "password",
                                SubethaServers.PASSWORD)),
                        ConnectorContext.of(data.resolve("ws")))) {
            for (int i = 1; i <= 5; i++) {
                connection.send(message(connection, i), "orders");
            }
            List<String> subjects = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                SubethaServers.Received received = server.next(5);
                assertThat(received).as("message %d", i).isNotNull();
                String raw = new String(received.data(), StandardCharsets.UTF_8);
                subjects.add(raw.substring(raw.indexOf("Subject: ")).split("\r\n")[0]);
            }
            assertThat(subjects)
                    .containsExactly(
                            "Subject: message 1",
                            "Subject: message 2",
                            "Subject: message 3",
                            "Subject: message 4",
                            "Subject: message 5");
            assertThat(server.logins()).as("AUTH exchanges for five messages").isEqualTo(1);
        }
    }

    /** Lets a pooled session become idle long enough for the liveness check; waits for time, not for an outcome. */
    private static void idleBeyondTheLivenessThreshold() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_100));
    }

    @Test
    void reusesTheSessionBackToBackWithoutExtraCommandsAndQuitsOnClose() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            try (SmtpConnection connection = type.open(of(plain(server.port())), ConnectorContext.of(data))) {
                for (int i = 1; i <= 3; i++) {
                    SendResult result = connection.send(message(connection, i), "orders");
                    assertThat(result.serverReply()).isEqualTo("250 2.0.0 Ok: queued as SCRIPTED1");
                }
                assertThat(count(server.received(), "QUIT"))
                        .as("QUIT before close")
                        .isZero();
            }
            List<String> lines = server.received();
            assertThat(server.connections()).isEqualTo(1);
            assertThat(lines.stream().filter(l -> l.startsWith("EHLO")).count()).isEqualTo(1);
            assertThat(count(lines, "DATA")).isEqualTo(3);
            assertThat(count(lines, "RSET"))
                    .as("no check needed right after a completed transaction")
                    .isZero();
            assertThat(lines.get(lines.size() - 1)).isEqualTo("QUIT");
        }
    }

    @Test
    void aSessionIdleForAWhileIsCheckedWithRsetBeforeReuse() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpConnection connection = type.open(of(plain(server.port())), ConnectorContext.of(data))) {
            connection.send(message(connection, 1), "orders");
            idleBeyondTheLivenessThreshold();
            connection.send(message(connection, 2), "orders");
            List<String> lines = server.received();
            assertThat(server.connections()).isEqualTo(1);
            assertThat(count(lines, "RSET")).isEqualTo(1);
            assertThat(lines.indexOf("RSET"))
                    .isGreaterThan(lines.indexOf("DATA"))
                    .isLessThan(lines.lastIndexOf("DATA"));
        }
    }

    @Test
    void aSessionTheServerClosedIsReplacedWithoutLosingOrDuplicatingTheMessage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().on("RSET", drop(), reply("250 2.0.0 Ok"));
                SmtpConnection connection = type.open(of(plain(server.port())), ConnectorContext.of(data))) {
            connection.send(message(connection, 1), "orders");
            idleBeyondTheLivenessThreshold();
            SendResult second = connection.send(message(connection, 2), "orders");
            assertThat(second.serverReply()).startsWith("250");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(count(server.received(), "DATA"))
                    .as("each message transmitted once")
                    .isEqualTo(2);
        }
    }

    @Test
    void aReusedSessionThatBreaksBeforeTheDataIsRetriedOnceOnANewSession() throws Exception {
        try (ScriptedSmtpServer server =
                        new ScriptedSmtpServer().on("MAIL FROM", reply("250 2.1.0 Ok"), drop(), reply("250 2.1.0 Ok"));
                SmtpConnection connection = type.open(of(plain(server.port())), ConnectorContext.of(data))) {
            connection.send(message(connection, 1), "orders");
            SendResult second = connection.send(message(connection, 2), "orders");
            assertThat(second.serverReply()).startsWith("250");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(count(server.received(), "DATA")).isEqualTo(2);
            assertThat(server.received().stream()
                            .filter(l -> l.startsWith("Subject: message 2"))
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void neverOpensMoreSessionsThanMaxConnections() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpConnection connection =
                        type.open(of(with(plain(server.port()), "maxConnections", 2)), ConnectorContext.of(data))) {
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<SendResult>> sends = new ArrayList<>();
                for (int i = 1; i <= 12; i++) {
                    int n = i;
                    sends.add(threads.submit(() -> connection.send(message(connection, n), "orders")));
                }
                for (Future<SendResult> send : sends) {
                    assertThat(send.get(30, TimeUnit.SECONDS).serverReply()).startsWith("250");
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(server.connections()).isBetween(1, 2);
            assertThat(count(server.received(), "DATA")).isEqualTo(12);
        }
    }

    @Test
    void anIdleSessionPastItsTimeoutIsClosedWithQuitAndReplaced() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpConnection connection =
                        type.open(of(with(plain(server.port()), "idleTimeout", "1ms")), ConnectorContext.of(data))) {
            connection.send(message(connection, 1), "orders");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < TimeUnit.MILLISECONDS.toNanos(2) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            connection.send(message(connection, 2), "orders");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(count(server.received(), "QUIT"))
                    .as("the expired session said goodbye")
                    .isEqualTo(1);
            assertThat(count(server.received(), "RSET")).isZero();
        }
    }
}
