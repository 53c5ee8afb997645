package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.SmtpConnection;
import dev.scenarios.connector.smtp.internal.mime.MimeMessages;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import dev.scenarios.connector.smtp.internal.mime.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code smtp-send} path bound to its connection: renders the path's template with a scenario's attributes, builds
 * the MIME message in a new message of the connection and hands it to the connection, which delivers it. Thread-safe:
 * its state is immutable and every call builds its own message.
 */
public final class SmtpPathSender implements PathSender {

    private final String systemName;
    private final boolean disabled;
    private final PathTemplate template;
    private final SmtpConnection connection;
    private final int lane;

    /**
     * Called by {@code SmtpSendPathType.bind}.
     *
     * @param template the path's compiled template
     * @param connection the connection that gives each message its From and delivers it
     * @param lane the host's lane whose share of the connection's sessions this path's messages use
     */
    public SmtpPathSender(
            String systemName, boolean disabled, PathTemplate template, SmtpConnection connection, int lane) {
        this.lane = lane;
        this.systemName = Objects.requireNonNull(systemName, "systemName");
        this.disabled = disabled;
        this.template = Objects.requireNonNull(template, "template");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String systemName() {
        return systemName;
    }

    /**
     * Builds one message from {@code attributes} and delivers it through the connection. Every check (types, required
     * values, line breaks in headers, recipients) happens before the connection is touched, so a refused message sends
     * nothing. Blocks on the connection's I/O.
     *
     * @throws DeliveryException DISABLED when the path is disabled, CONFIGURATION for bad attributes, or whatever the
     *     connection reports
     */
    @Override
    public SendResult send(Map<String, ?> attributes) throws DeliveryException {
        SmtpConnection c = enabledConnection();
        return c.send(build(c, attributes), systemName, lane);
    }

    /** Builds and fixes the message; no network I/O. Same checks as {@link #send}. */
    @Override
    public PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException {
        SmtpConnection c = enabledConnection();
        return c.prepare(build(c, attributes));
    }

    /** Delivers a prepared message unchanged to {@code recipients}; refused at once when the path is disabled. */
    @Override
    public SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException {
        return enabledConnection().send(message, recipients, systemName, lane);
    }

    /** The connection, or DISABLED when the path is disabled: the one place this path's switch is read. */
    private SmtpConnection enabledConnection() throws DeliveryException {
        if (disabled) {
            throw DeliveryException.builder(FailureKind.DISABLED)
                    .message(PathTexts.MESSAGES.message("send.disabled", systemName))
                    .build();
        }
        return connection;
    }

    private MimeMessage build(SmtpConnection c, Map<String, ?> attributes) throws DeliveryException {
        RenderedMail mail = template.render(attributes);
        MimeMessage message = c.newMessage();
        try {
            MimeMessages.fill(message, mail);
        } catch (MessagingException e) {
            throw DeliveryException.builder(FailureKind.CONFIGURATION)
                    .message(PathTexts.MESSAGES.message(
                            "send.build", systemName, e.getClass().getSimpleName()))
                    .cause(e)
                    .build();
        }
        return message;
    }

    @Override
    public String toString() {
        return "SmtpPathSender[" + systemName + (disabled ? ", disabled" : "") + "]";
    }
}
