package dev.scenarios.connector.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * camel-mail's {@code javaMailSender} hook: hands each message to the {@link SmtpSender} and keeps
 * the {@link Attempt} (server reply, rejections, dialogue) until the caller {@linkplain #take takes}
 * it, which stock camel-mail cannot report. Fixed settings: camel-mail's setters are ignored, so
 * neither endpoint options nor system properties nor exchange headers can change the transport.
 */
public final class RecordingMailSender implements JavaMailSender {

    private final SmtpSender sender;
    private final Map<MimeMessage, Attempt> attempts = Collections.synchronizedMap(new IdentityHashMap<>());

    public RecordingMailSender(SmtpSender sender) {
        this.sender = sender;
    }

    /**
     * Called by camel-mail's producer. Delivers, records the attempt, and throws when nothing was
     * delivered so that Camel sees the exchange fail.
     */
    @Override
    public void send(MimeMessage message) throws MessagingException {
        Attempt attempt = sender.deliver(message);
        attempts.put(message, attempt);
        if (!attempt.succeeded()) {
            throw new MessagingException(attempt.failure().message().toString());
        }
    }

    /** The attempt recorded for {@code message}, removing it; null if the sender never saw the message. */
    public Attempt take(MimeMessage message) {
        return attempts.remove(message);
    }

    @Override
    public Properties getJavaMailProperties() {
        // Non-empty, so that camel-mail never fills in its defaults (a clone of the system properties).
        return sender.session().getProperties();
    }

    @Override
    public void setJavaMailProperties(Properties javaMailProperties) {
        // Fixed by the connection's settings.
    }

    @Override
    public void addAdditionalJavaMailProperty(String key, String value) {
        // Fixed by the connection's settings.
    }

    @Override
    public void setHost(String host) {
        // Fixed by the connection's settings.
    }

    @Override
    public String getHost() {
        return sender.session().getProperty(MailSessions.PREFIX + "host");
    }

    @Override
    public void setPort(int port) {
        // Fixed by the connection's settings.
    }

    @Override
    public int getPort() {
        return Integer.parseInt(sender.session().getProperty(MailSessions.PREFIX + "port"));
    }

    @Override
    public void setUsername(String username) {
        // Credentials stay in the SmtpSender.
    }

    @Override
    public String getUsername() {
        return null;
    }

    @Override
    public void setPassword(String password) {
        // Credentials stay in the SmtpSender.
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public void setProtocol(String protocol) {
        // Fixed by the connection's settings.
    }

    @Override
    public String getProtocol() {
        return "smtp";
    }

    @Override
    public void setSession(Session session) {
        // Fixed by the connection's settings.
    }

    @Override
    public Session getSession() {
        return sender.session();
    }

    @Override
    public void setAuthenticator(MailAuthenticator authenticator) {
        // Credentials stay in the SmtpSender.
    }

    @Override
    public MailAuthenticator getAuthenticator() {
        return null;
    }
}
