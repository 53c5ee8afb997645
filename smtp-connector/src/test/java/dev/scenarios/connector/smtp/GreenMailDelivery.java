package dev.scenarios.connector.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.smtp.internal.template.PathTemplate;
import dev.scenarios.connector.smtp.internal.template.SmtpPathSender;
import dev.scenarios.connector.smtp.testing.Configs;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A real {@link SmtpConnection} to an in-JVM GreenMail on loopback (plain, no journal), sending as {@link #SENDER_NAME}
 * {@code <}{@link #SENDER_ADDRESS}{@code >}, and path senders bound to it as {@code bind} binds them. Counts what
 * arrived, so tests can prove a refused message never went out.
 */
final class GreenMailDelivery {

    static final String SENDER_NAME = "Магазин «Ромашка»";
    static final String SENDER_ADDRESS = "shop@example.com";

    private final GreenMailExtension greenMail;
    private final SmtpConnection connection;

    GreenMailDelivery(GreenMailExtension greenMail) {
        this.greenMail = greenMail;
        Map<String, Object> values = Configs.with(
                Configs.plain(greenMail.getSmtp().getPort()),
                "journal",
                "off",
                "senderName",
                SENDER_NAME,
                "senderAddress",
                SENDER_ADDRESS);
        // No journal is written, so the data directory is never touched.
        this.connection = Configs.TYPE.open(Configs.of(values), ConnectorContext.of(Path.of("target", "unused-data")));
    }

    /** How many distinct messages (by Message-ID) GreenMail received. */
    int deliveries() {
        return (int) Arrays.stream(greenMail.getReceivedMessages())
                .map(GreenMailDelivery::messageId)
                .distinct()
                .count();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sender for the path {@code values}, compiled and bound to this connection as {@code bind} does. */
    SmtpPathSender sender(Map<String, Object> values) {
        Configuration configuration = PathConfigurations.configuration(values);
        return new SmtpPathSender(
                configuration.string("systemName"),
                configuration.bool("disabled"),
                PathTemplate.compile(configuration).template(),
                connection,
                0);
    }
}
