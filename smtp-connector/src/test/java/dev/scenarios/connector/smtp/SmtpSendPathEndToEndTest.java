package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.testing.Configs;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The path bound to a real smtp connection, delivering to GreenMail over loopback. */
class SmtpSendPathEndToEndTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @Test
    void aBoundPathSendsThroughTheConnection(@TempDir Path data) throws Exception {
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathSender sender = PathConfigurations.TYPE.bind(PathConfigurations.configuration(orderPath()), connection);

            SendResult result = sender.send(Map.of(
                    "Customer",
                    "Анна",
                    "Total",
                    12.5,
                    "To",
                    List.of(object("Name", "Анна", "Address", "anna@example.com")),
                    "Ignored",
                    "x"));

            assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
            assertThat(m.getMessageID()).isEqualTo(result.messageId()).matches("<[^@<>]+@example\\.com>");
            assertThat(m.getHeader("Date", null))
                    .matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} ([+-]\\d{4}|GMT)");
            assertThat(m.getSentDate()).isCloseTo(new java.util.Date(), 60_000);
            assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Робот рассылки");
            assertThat(m.getSubject()).isEqualTo("Order for Анна");
            assertThat(String.valueOf(m.getContent()).trim()).isEqualTo("Dear Анна, your total is 12.5.");
            assertThat(result.acceptedRecipients()).containsExactly("anna@example.com");

            assertThatThrownBy(
                            () -> sender.send(Map.of("Customer", "A\r\nBcc: x@evil.example", "To", "anna@example.com")))
                    .isInstanceOfSatisfying(
                            DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION));
            assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
        }
    }
}
