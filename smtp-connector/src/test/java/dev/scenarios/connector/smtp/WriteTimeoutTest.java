package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.testing.ScriptedSmtpServer.replyThenStopReading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops reading in the middle of the message data: the upload blocks once the TCP windows are full, and
 * only the write timeout can end it (the read timeout is far longer).
 */
class WriteTimeoutTest {

    /** More than loopback's send and receive buffers together hold. */
    private static final int BODY_BYTES = 32 << 20;

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();

    @Test
    void aServerThatStopsReadingTheDataFailsWithTheWriteTimeout() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            server.on("DATA", replyThenStopReading("354 End data with <CR><LF>.<CR><LF>"));
            assertWriteTimeout(sendBig(with(plain(server.port()), "writeTimeout", "1s", "readTimeout", "60s")));
        }
    }

    @Test
    void theWriteTimeoutAlsoHoldsUnderImplicitTls() throws Exception {
        TestCertificates certificate = TestCertificates.forHost("localhost");
        Path pem = certificate.writePem(data.resolve("server.pem"));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.implicitTls(certificate.serverContext())) {
            server.on("DATA", replyThenStopReading("354 End data with <CR><LF>.<CR><LF>"));
            assertWriteTimeout(sendBig(with(
                    plain(server.port()),
                    "encryption",
                    "ssl",
                    "trustedCertificates",
                    pem.toString(),
                    "writeTimeout",
                    "1s",
                    "readTimeout",
                    "60s")));
        }
    }

    private static void assertWriteTimeout(DeliveryException e) {
        assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).startsWith("the server stopped reading what was sent to it for 1 s (write timeout)");
        assertThat(e.possiblyDelivered()).isFalse();
        assertThat(e.transientFailure()).isTrue();
    }

    private DeliveryException sendBig(Map<String, Object> config) throws Exception {
        try (SmtpConnection connection = type.open(of(config), ConnectorContext.of(data))) {
            MimeMessage message = connection.newMessage();
            message.setRecipients(Message.RecipientType.TO, "bob@example.com");
            message.setSubject("a large report");
            message.setText(body(), "US-ASCII");
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> connection.send(message, "reports"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(thrown).isInstanceOf(DeliveryException.class);
            assertThat(millis)
                    .as("ended by the 1s write timeout, not the 60s read timeout")
                    .isBetween(900L, 15_000L);
            return (DeliveryException) thrown;
        }
    }

    private static String body() {
        String line = "0123456789".repeat(7) + "\r\n";
        return line.repeat(BODY_BYTES / line.length());
    }
}
