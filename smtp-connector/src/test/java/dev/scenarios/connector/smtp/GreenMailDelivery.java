package dev.scenarios.connector.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.internal.PathTemplate;
import dev.scenarios.connector.smtp.internal.SmtpPathSender;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for {@code SmtpConnection} in tests until it lands: a mail session pointed at an
 * in-JVM GreenMail on loopback, a From like the connection sets, and a plain {@link Transport}
 * send. Counts deliveries so tests can prove a refused message never reached the transport.
 */
final class GreenMailDelivery implements SmtpPathSender.Delivery {

    static final String SENDER_NAME = "Магазин «Ромашка»";
    static final String SENDER_ADDRESS = "shop@example.com";

    private final Session session;
    private final AtomicInteger deliveries = new AtomicInteger();

    GreenMailDelivery(GreenMailExtension greenMail) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        p.put("mail.smtp.writetimeout", "5000");
        this.session = Session.getInstance(p);
    }

    /** A new message with From set, as {@code SmtpConnection.newMessage()} gives it. */
    MimeMessage newMessage() {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(SENDER_ADDRESS, SENDER_NAME, "UTF-8"));
            return m;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SendResult send(MimeMessage message, String pathName) {
        deliveries.incrementAndGet();
        try {
            Transport.send(message);
            List<String> recipients = Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
            return new SendResult(message.getMessageID(), "250 OK", recipients, List.of());
        } catch (Exception e) {
            throw new IllegalStateException("GreenMail refused the message", e);
        }
    }

    @Override
    public PreparedMessage prepare(MimeMessage message) {
        try {
            message.saveChanges();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            message.writeTo(bytes);
            List<String> recipients = Arrays.stream(message.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()).toList();
            return new PreparedMessage(message.getMessageID(), recipients, bytes.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SendResult send(PreparedMessage message, List<String> recipients, String pathName) {
        deliveries.incrementAndGet();
        try {
            MimeMessage m = new MimeMessage(session, new java.io.ByteArrayInputStream(message.content()));
            Address[] envelope = new Address[recipients.size()];
            for (int i = 0; i < envelope.length; i++) {
                envelope[i] = new InternetAddress(recipients.get(i));
            }
            Transport.send(m, envelope);
            return new SendResult(message.messageId(), "250 OK", recipients, List.of());
        } catch (Exception e) {
            throw new IllegalStateException("GreenMail refused the message", e);
        }
    }

    /** How many messages reached the transport. */
    int deliveries() {
        return deliveries.get();
    }

    /** A sender for the path {@code values}, compiled as {@code bind} does, delivering here. */
    SmtpPathSender sender(java.util.Map<String, Object> values) {
        Configuration configuration = PathConfigurations.configuration(values);
        return new SmtpPathSender(configuration.string("systemName"), configuration.bool("disabled"),
                PathTemplate.compile(configuration), this::newMessage, this);
    }
}
