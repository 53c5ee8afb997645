package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.smtp.testing.SubethaServers;
import dev.scenarios.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartTlsConnectionTest {

    private static final TestCertificates LOCALHOST = TestCertificates.forHost("localhost");
    private static final TestCertificates OTHER_HOST = TestCertificates.forHost("mail.other.test");
    private static Path localhostPem;
    private static Path otherHostPem;

    @TempDir
    static Path certs;

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();

    @BeforeAll
    static void writePems() throws Exception {
        localhostPem = LOCALHOST.writePem(certs.resolve("localhost.pem"));
        otherHostPem = OTHER_HOST.writePem(certs.resolve("other.pem"));
    }

    private Map<String, Object> tls(int port, Path pem) {
        return with(
                plain(port),
                "encryption",
                "tls",
                "trustedCertificates",
                pem.toString(),
                "authentication",
                "basic",
                "username",
                SubethaServers.USER,
                "password",
                SubethaServers.PASSWORD);
    }

    private MimeMessage message(SmtpConnection connection) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject("STARTTLS", "UTF-8");
        m.setText("hello", "UTF-8");
        return m;
    }

    @Test
    void sendsAndChecksOverRequiredStartTls() throws Exception {
        try (SubethaServers server = SubethaServers.startTlsRequired(LOCALHOST);
                SmtpConnection connection =
                        type.open(of(tls(server.port(), localhostPem)), ConnectorContext.of(data))) {
            connection.send(message(connection), "orders");
            SubethaServers.Received received = server.next(5);
            assertThat(received).isNotNull();
            assertThat(received.from()).isEqualTo("robot@example.com");
            assertThat(new String(received.data(), StandardCharsets.UTF_8)).contains("Subject: STARTTLS");

            CheckResult check = type.check(
                    of(with(tls(server.port(), localhostPem), "checkWithoutSending", true)), ConnectorContext.of(data));
            assertThat(check.succeeded()).as(check.toString()).isTrue();
            assertThat(check.steps())
                    .extracting(CheckResult.Step::name)
                    .containsExactly("resolve", "connect", "greeting", "ehlo", "tls", "auth", "mail-from", "rset-quit");
            CheckResult.Step tls = check.steps().get(4);
            assertThat(tls.status()).isEqualTo(CheckResult.Step.Status.PASSED);
            assertThat(tls.detail(Locale.ENGLISH))
                    .contains("TLSv1.", "CN=localhost", "expires", "EHLO after TLS", "AUTH");
            assertThat(check.steps().get(3).detail(Locale.ENGLISH)).contains("STARTTLS");
        }
    }

    @Test
    void aReplyThatNeverComesOverStartTlsTimesOutWithTheReadTimeout() throws Exception {
        CountDownLatch holdReplies = new CountDownLatch(1);
        try (SubethaServers server = SubethaServers.startTlsRequired(LOCALHOST, holdReplies);
                SmtpConnection connection = type.open(
                        of(with(tls(server.port(), localhostPem), "readTimeout", "1s")), ConnectorContext.of(data))) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> connection.send(message(connection), "orders"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            holdReplies.countDown();

            assertThat(thrown).isInstanceOf(DeliveryException.class);
            DeliveryException e = (DeliveryException) thrown;
            assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.getMessage()).startsWith("no reply after the message data within 1 s");
            assertThat(e.possiblyDelivered()).isTrue();
            assertThat(millis)
                    .as("ended by the 1s read timeout, not by the server")
                    .isBetween(900L, 15_000L);
        }
    }

    @Test
    void aServerWithoutStartTlsIsRefusedAndNothingGoesOutInPlainText() throws Exception {
        try (SubethaServers server = SubethaServers.withoutStartTls();
                SmtpConnection connection =
                        type.open(of(tls(server.port(), localhostPem)), ConnectorContext.of(data))) {
            assertThatThrownBy(() -> connection.send(message(connection), "orders"))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.TLS);
                        assertThat(e.getMessage()).contains("the server does not offer STARTTLS");
                    });
            CheckResult check = type.check(of(tls(server.port(), localhostPem)), ConnectorContext.of(data));
            assertThat(check.failureKind()).contains(FailureKind.TLS);
            assertThat(check.message(Locale.ENGLISH)).startsWith("the server does not offer STARTTLS");
            assertThat(check.message(Locale.forLanguageTag("ru"))).startsWith("сервер не предлагает STARTTLS");
            assertThat(check.steps())
                    .extracting(CheckResult.Step::name, CheckResult.Step::status)
                    .contains(
                            tuple("ehlo", CheckResult.Step.Status.PASSED),
                            tuple("tls", CheckResult.Step.Status.FAILED),
                            tuple("auth", CheckResult.Step.Status.SKIPPED));
            assertThat(server.logins()).as("no credentials sent in plain text").isZero();
            assertThat(server.nothingReceived()).isTrue();
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefusedEvenWhenTrusted() throws Exception {
        try (SubethaServers server = SubethaServers.startTlsRequired(OTHER_HOST)) {
            CheckResult check = type.check(of(tls(server.port(), otherHostPem)), ConnectorContext.of(data));
            assertThat(check.failureKind()).contains(FailureKind.TLS);
            assertThat(check.message(Locale.ENGLISH))
                    .isEqualTo("the certificate is for another host name than 127.0.0.1");
            assertThat(server.logins()).isZero();
            assertThat(server.nothingReceived()).isTrue();
        }
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        TestCertificates expired = TestCertificates.expiredForHost("localhost");
        Path pem = expired.writePem(data.resolve("expired.pem"));
        try (SubethaServers server = SubethaServers.startTlsRequired(expired)) {
            CheckResult check = type.check(of(tls(server.port(), pem)), ConnectorContext.of(data));
            assertThat(check.failureKind()).as(check.detail()).contains(FailureKind.TLS);
            assertThat(check.message(Locale.ENGLISH))
                    .isEqualTo("the server certificate has expired or is not yet valid");
            assertThat(server.logins()).isZero();
        }
    }

    @Test
    void anUntrustedStartTlsCertificateIsRefused() throws Exception {
        try (SubethaServers server = SubethaServers.startTlsRequired(LOCALHOST)) {
            Map<String, Object> config = with(tls(server.port(), localhostPem), "trustedCertificates", null);
            CheckResult check = type.check(of(config), ConnectorContext.of(data));
            assertThat(check.failureKind()).contains(FailureKind.TLS);
            assertThat(check.message(Locale.ENGLISH))
                    .isEqualTo("certificate not trusted: add it to trustedCertificates");
        }
    }

    @Test
    void authenticatesWithLoginWhenTheServerOffersOnlyLogin() throws Exception {
        try (SubethaServers server = SubethaServers.loginOnly();
                SmtpConnection connection = type.open(
                        of(with(
                                tls(server.port(), localhostPem),
                                "encryption",
                                "none",
                                "allowInsecureAuthentication",
                                true)),
                        ConnectorContext.of(data))) {
            connection.send(message(connection), "orders");
            assertThat(server.next(5)).isNotNull();
            assertThat(server.logins()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableTrustedCertificatesFileIsAConfigurationError() {
        Map<String, Object> config = tls(25, data.resolve("missing.pem"));
        CheckResult check = type.check(of(config), ConnectorContext.of(data));
        assertThat(check.failureKind()).contains(FailureKind.CONFIGURATION);
        assertThat(check.message(Locale.ENGLISH)).startsWith("trustedCertificates: cannot read");
        assertThat(check.steps()).isEmpty();
        assertThatThrownBy(() -> type.open(of(config), ConnectorContext.of(data)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedCertificates: cannot read");
    }
}
