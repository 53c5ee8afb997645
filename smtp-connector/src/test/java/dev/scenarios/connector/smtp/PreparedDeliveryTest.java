package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.PathConfigurations.object;
import static dev.scenarios.connector.smtp.PathConfigurations.orderPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.testing.Configs;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** prepare + deliver: the same bytes and Message-ID on every delivery, to all or some recipients. */
class PreparedDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @TempDir
    Path data;

    private final Map<String, Object> attributes = Map.of(
            "Customer",
            "Анна",
            "Total",
            12.5,
            "To",
            List.of(
                    object("Name", "Анна", "Address", "anna@example.com"),
                    object("Name", "Борис", "Address", "boris@example.com")));

    @Test
    void aPreparedMessageIsDeliveredUnchangedEveryTime() throws Exception {
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathSender sender = PathConfigurations.TYPE.bind(PathConfigurations.configuration(orderPath()), connection);
            PreparedMessage prepared = sender.prepare(attributes);
            assertThat(prepared.recipients()).containsExactly("anna@example.com", "boris@example.com");
            assertThat(GREEN_MAIL.getReceivedMessages())
                    .as("prepare sends nothing")
                    .isEmpty();

            SendResult first = sender.deliver(prepared, prepared.recipients());
            SendResult second = sender.deliver(prepared, prepared.recipients());

            assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 4)).isTrue();
            MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
            assertThat(first.messageId()).isEqualTo(prepared.messageId()).isEqualTo(second.messageId());
            for (MimeMessage m : received) {
                assertThat(m.getMessageID()).isEqualTo(prepared.messageId());
                assertThat(m.getSubject()).isEqualTo("Order for Анна");
            }
            String preparedText = new String(prepared.content(), StandardCharsets.UTF_8);
            assertThat(preparedText).contains("Message-ID: " + prepared.messageId());
            assertThat(GreenMailUtil.getBody(received[0]).trim())
                    .isEqualTo(GreenMailUtil.getBody(received[3]).trim());
        }
    }

    @Test
    void aRetryAfterAPartialRejectionGoesOnlyToTheRecipientsStillOwed() throws Exception {
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathSender sender = PathConfigurations.TYPE.bind(PathConfigurations.configuration(orderPath()), connection);
            PreparedMessage prepared = sender.prepare(attributes);

            SendResult result = sender.deliver(prepared, List.of("boris@example.com"));

            assertThat(result.acceptedRecipients()).containsExactly("boris@example.com");
            assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(GREEN_MAIL.getReceivedMessages())
                    .as("one envelope recipient, one stored copy")
                    .hasSize(1);
            MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
            assertThat(m.getAllRecipients())
                    .extracting(Object::toString)
                    .as("headers are the prepared ones")
                    .anyMatch(a -> a.contains("anna@example.com"));
            assertThat(inbox("boris@example.com")).isEqualTo(1);
            assertThat(inbox("anna@example.com")).isZero();
        }
    }

    private static int inbox(String address) throws Exception {
        var user = GREEN_MAIL.getUserManager().getUserByEmail(address);
        return user == null
                ? 0
                : GREEN_MAIL.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    @Test
    void prepareChecksEverythingSendChecksAndTouchesNoServer() throws Exception {
        try (SmtpConnection connection = Configs.TYPE.open(
                Configs.of(Configs.plain(GREEN_MAIL.getSmtp().getPort())), ConnectorContext.of(data))) {
            PathSender sender = PathConfigurations.TYPE.bind(PathConfigurations.configuration(orderPath()), connection);
            assertThatThrownBy(() ->
                            sender.prepare(Map.of("Customer", "A\r\nBcc: x@evil.example", "To", "anna@example.com")))
                    .isInstanceOfSatisfying(
                            DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION));
            assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
        }
    }
}
