package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.testing.GreenMailServers;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreenMailConnectionTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    @TempDir
    Path data;

    private GreenMail server;
    private final SmtpConnectionType type = new SmtpConnectionType();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private ConnectorContext context() {
        return ConnectorContext.of(data);
    }

    private MimeMessage message(SmtpConnection connection, String subject) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject(subject, "UTF-8");
        m.setText("Тело письма / body", "UTF-8");
        return m;
    }

    private String journal(Map<String, Object> config) throws IOException {
        return new String(type.openJournal(of(config), context()).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsOverPlainSmtpWithoutAuthentication() throws Exception {
        server = GreenMailServers.smtp();
        Map<String, Object> config = plain(server.getSmtp().getPort());
        try (SmtpConnection connection = type.open(of(config), context())) {
            SendResult result = connection.send(message(connection, "Проверка связи"), "orders");

            assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage received = server.getReceivedMessages()[0];
            assertThat(received.getMessageID()).isEqualTo(result.messageId());
            assertThat(received.getSubject()).isEqualTo("Проверка связи");
            InternetAddress from = (InternetAddress) received.getFrom()[0];
            assertThat(from.getPersonal()).isEqualTo("Робот рассылки");
            assertThat(from.getAddress()).isEqualTo("robot@example.com");
            assertThat(result.serverReply()).startsWith("250");
            assertThat(result.acceptedRecipients()).containsExactly("bob@example.com");
            assertThat(result.rejectedRecipients()).isEmpty();
        }
        String journal = journal(config);
        assertThat(journal)
                .contains(
                        "send path=orders",
                        "result: DELIVERED",
                        "message-id: ",
                        "recipients: bob@example.com",
                        "EHLO",
                        "MAIL FROM:<robot@example.com>",
                        "[message content redacted");
        assertThat(journal).doesNotContain("Тело письма").doesNotContain("Subject:");
    }

    @Test
    @org.junit.jupiter.api.Tag("jvm-windows-1251")
    void theWindows1251RunReallyHasThatDefaultCharset() {
        // Runs only in the windows-1251 surefire execution (the default one excludes the tag): it proves the
        // Cyrillic assertions above ran there without UTF-8 being the default.
        assertThat(java.nio.charset.Charset.defaultCharset().name()).isEqualToIgnoringCase("windows-1251");
    }

    @Test
    void concurrentSendsOnOneConnectionKeepTheirDialoguesApart() throws Exception {
        server = GreenMailServers.smtp();
        Map<String, Object> config = plain(server.getSmtp().getPort());
        try (SmtpConnection connection = type.open(of(config), context())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<SendResult>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String subject = "parallel " + i;
                    results.add(pool.submit(() -> connection.send(message(connection, subject), "parallel")));
                }
                for (var r : results) {
                    assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS).serverReply())
                            .startsWith("250");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(server.waitForIncomingEmail(10_000, 12)).isTrue();
        String[] entries = journal(config).split("(?m)^=== ");
        assertThat(entries)
                .filteredOn(e -> e.contains("send path=parallel"))
                .hasSize(12)
                .allSatisfy(e -> assertThat(e.split("MAIL FROM:", -1)).as(e).hasSize(2));
    }

    @Test
    void aRetriedMessageKeepsItsMessageId() throws Exception {
        server = GreenMailServers.smtp();
        try (SmtpConnection connection = type.open(of(plain(server.getSmtp().getPort())), context())) {
            MimeMessage m = message(connection, "retry");
            SendResult first = connection.send(m, "orders");
            SendResult second = connection.send(m, "orders");
            assertThat(server.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(second.messageId()).isEqualTo(first.messageId());
            assertThat(server.getReceivedMessages())
                    .extracting(MimeMessage::getMessageID)
                    .containsOnly(first.messageId());
        }
    }

    @Test
    void authenticatesWithPlainAndRejectsAWrongPassword() throws Exception {
        server = GreenMailServers.smtp();
        Map<String, Object> config = with(
                plain(server.getSmtp().getPort()),
                "authentication",
                "basic",
                "username",
                GreenMailServers.USER,
                "password",
                GreenMailServers.PASSWORD,
                "allowInsecureAuthentication",
                true);
        try (SmtpConnection connection = type.open(of(config), context())) {
            connection.send(message(connection, "auth"), "orders");
            assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
        }
        Map<String, Object> wrong = with(config, "password", "wrong-password");
        try (SmtpConnection connection = type.open(of(wrong), context())) {
            assertThatThrownBy(() -> connection.send(message(connection, "auth"), "orders"))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                        assertThat(e.replyCode()).isEqualTo(535);
                        assertThat(e.getMessage()).contains("authentication failed for user alice");
                    });
        }
        CheckResult check = type.check(of(wrong), context());
        assertThat(check.failureKind()).contains(FailureKind.AUTHENTICATION);
        assertThat(check.message(RU)).contains("аутентификация не прошла для пользователя alice");
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("ehlo", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("auth", CheckResult.Step.Status.FAILED),
                        org.assertj.core.groups.Tuple.tuple("mail-from", CheckResult.Step.Status.SKIPPED));
    }

    @Test
    void sendsOverSmtpsTrustingTheTestCertificate() throws Exception {
        server = GreenMailServers.smtps();
        Map<String, Object> config = with(
                plain(server.getSmtps().getPort()),
                "encryption",
                "ssl",
                "trustedCertificates",
                GreenMailServers.certificatePem().toString(),
                "authentication",
                "basic",
                "username",
                GreenMailServers.USER,
                "password",
                GreenMailServers.PASSWORD);
        try (SmtpConnection connection = type.open(of(config), context())) {
            connection.send(message(connection, "over TLS"), "orders");
            assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("over TLS");
        }
        CheckResult check = type.check(of(with(config, "checkWithoutSending", true)), context());
        assertThat(check.succeeded()).as(check.toString()).isTrue();
        assertThat(check.steps())
                .extracting(CheckResult.Step::name)
                .containsExactly("resolve", "connect", "tls", "greeting", "ehlo", "auth", "mail-from", "rset-quit");
        assertThat(check.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(CheckResult.Step.Status.PASSED));
        assertThat(check.steps().get(2).detail(Locale.ENGLISH)).contains("TLSv1.", "CN=localhost", "expires");
    }

    @Test
    void sendsOverSmtpsWithoutAuthentication() throws Exception {
        server = GreenMailServers.smtps();
        Map<String, Object> config = with(
                plain(server.getSmtps().getPort()),
                "encryption",
                "ssl",
                "trustedCertificates",
                GreenMailServers.certificatePem().toString());
        try (SmtpConnection connection = type.open(of(config), context())) {
            SendResult result = connection.send(message(connection, "Тема по TLS"), "orders");
            assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("Тема по TLS");
            assertThat(server.getReceivedMessages()[0].getMessageID()).isEqualTo(result.messageId());
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        server = GreenMailServers.smtps();
        Map<String, Object> config = with(plain(server.getSmtps().getPort()), "encryption", "ssl");
        CheckResult check = type.check(of(config), context());
        assertThat(check.failureKind()).contains(FailureKind.TLS);
        assertThat(check.message(Locale.ENGLISH)).isEqualTo("certificate not trusted: add it to trustedCertificates");
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("connect", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("tls", CheckResult.Step.Status.FAILED));
    }

    @Test
    void plainAgainstAnSmtpsPortSaysTheServerExpectsSsl() {
        server = GreenMailServers.smtps();
        Map<String, Object> config = with(plain(server.getSmtps().getPort()), "readTimeout", "1s");
        long start = System.nanoTime();
        CheckResult check = type.check(of(config), context());
        assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
        assertThat(check.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(check.message(Locale.ENGLISH)).contains("did not greet within 1 s", "choose encryption ssl");
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .contains(org.assertj.core.groups.Tuple.tuple("greeting", CheckResult.Step.Status.FAILED));
    }

    @Test
    void sslAgainstAPlainPortSaysWhichEncryptionThePortExpects() {
        server = GreenMailServers.smtp();
        Map<String, Object> config = with(plain(server.getSmtp().getPort()), "encryption", "ssl");
        CheckResult check = type.check(of(config), context());
        assertThat(check.failureKind()).contains(FailureKind.TLS);
        assertThat(check.message(Locale.ENGLISH))
                .isEqualTo("the server on port " + server.getSmtp().getPort()
                        + " does not speak TLS from the first byte: port "
                        + server.getSmtp().getPort() + " expects encryption tls / none");
    }

    @Test
    void checkWithoutSendingStopsAfterTheSender() throws Exception {
        server = GreenMailServers.smtp();
        Map<String, Object> config = with(plain(server.getSmtp().getPort()), "checkWithoutSending", true);
        CheckResult check = type.check(of(config), context());
        assertThat(check.succeeded()).as(check.toString()).isTrue();
        assertThat(check.steps())
                .extracting(CheckResult.Step::name, CheckResult.Step::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("resolve", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("connect", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("greeting", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("ehlo", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("tls", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("auth", CheckResult.Step.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("mail-from", CheckResult.Step.Status.PASSED),
                        org.assertj.core.groups.Tuple.tuple("rset-quit", CheckResult.Step.Status.PASSED));
        assertThat(check.steps().get(2).detail(Locale.ENGLISH)).startsWith("server replied: 220");
        assertThat(check.steps().get(3).detail(Locale.ENGLISH)).contains("AUTH");
        assertThat(check.steps().get(6).detail(Locale.ENGLISH)).startsWith("server replied: 250");
        // under RU our words are Russian and the server's reply stays as it was sent, quoted
        assertThat(check.steps().get(2).detail(RU)).startsWith("ответ сервера: «220");
        assertThat(check.steps().get(4).detail(RU)).isEqualTo("не настроено");
        assertThat(check.steps().get(7).detail(RU)).isEqualTo("RSET принят, QUIT отправлен");
        assertThat(server.getReceivedMessages()).isEmpty();
        assertThat(journal(config)).contains("check", "step rset-quit: PASSED");
    }

    @Test
    void checkSendsATestMessageNamingTheConnection() throws Exception {
        server = GreenMailServers.smtp();
        CheckResult check = type.check(of(plain(server.getSmtp().getPort())), context());
        assertThat(check.succeeded()).as(check.toString()).isTrue();
        assertThat(check.steps()).last().satisfies(s -> {
            assertThat(s.name()).isEqualTo("send-test");
            assertThat(s.status()).isEqualTo(CheckResult.Step.Status.PASSED);
        });
        assertThat(check.message(Locale.ENGLISH)).contains("test_relay", "admin@example.com");
        assertThat(server.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = server.getReceivedMessages()[0];
        assertThat(received.getSubject()).contains("Connection test", "test_relay", "Проверка подключения");
        assertThat(String.valueOf(received.getContent())).contains("test_relay", "connection test");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("admin@example.com");
    }
}
