package dev.scenarios.connector.smtp.internal;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@code smtp-send} path bound to its connection: renders the path's template with a
 * scenario's attributes, builds the MIME message and hands it to the connection. Thread-safe: its
 * state is immutable and every call builds its own message.
 */
public final class SmtpPathSender implements PathSender {

    /** Where built messages go: the connection (see {@code SmtpConnection}). */
    public interface Delivery {
        /** Delivers {@code message} (does I/O); see {@code SmtpConnection#send}. */
        SendResult send(MimeMessage message, String pathName) throws DeliveryException;

        /** Fixes a built message for later delivery: its Message-ID, envelope and bytes. No network I/O. */
        PreparedMessage prepare(MimeMessage message) throws DeliveryException;

        /** Delivers prepared bytes unchanged to {@code recipients} (does I/O). */
        SendResult send(PreparedMessage message, List<String> recipients, String pathName) throws DeliveryException;
    }

    private final String systemName;
    private final boolean disabled;
    private final PathTemplate template;
    private final Supplier<MimeMessage> newMessage;
    private final Delivery delivery;

    /**
     * @param newMessage a new message with From set, per call (the connection's {@code newMessage})
     * @param delivery what sends the built message (the connection's {@code send})
     */
    public SmtpPathSender(String systemName, boolean disabled, PathTemplate template,
            Supplier<MimeMessage> newMessage, Delivery delivery) {
        this.systemName = Objects.requireNonNull(systemName, "systemName");
        this.disabled = disabled;
        this.template = Objects.requireNonNull(template, "template");
        this.newMessage = Objects.requireNonNull(newMessage, "newMessage");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public String systemName() {
        return systemName;
    }

    /**
     * Builds one message from {@code attributes} and delivers it through the connection. Every
     * check (types, required values, line breaks in headers, recipients) happens before the
     * connection is touched, so a refused message sends nothing. Blocks on the connection's I/O.
     *
     * @throws DeliveryException DISABLED when the path is disabled, CONFIGURATION for bad
     *     attributes, or whatever the connection reports
     */
    @Override
    public SendResult send(Map<String, ?> attributes) throws DeliveryException {
        return delivery.send(build(attributes), systemName);
    }

    /** Builds and fixes the message; no network I/O. Same checks as {@link #send}. */
    @Override
    public PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException {
        return delivery.prepare(build(attributes));
    }

    /** Delivers a prepared message unchanged to {@code recipients}; refused at once when the path is disabled. */
    @Override
    public SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException {
        refuseIfDisabled();
        return delivery.send(message, recipients, systemName);
    }

    private MimeMessage build(Map<String, ?> attributes) throws DeliveryException {
        refuseIfDisabled();
        RenderedMail mail = template.render(attributes);
        MimeMessage message = newMessage.get();
        try {
            MimeMessages.fill(message, mail);
        } catch (MessagingException e) {
            throw DeliveryException.builder(FailureKind.CONFIGURATION).message(PathTexts.MESSAGES.message("send.build", systemName, e.getClass().getSimpleName()))
                    .cause(e).build();
        }
        return message;
    }

    private void refuseIfDisabled() throws DeliveryException {
        if (disabled) {
            throw DeliveryException.builder(FailureKind.DISABLED).message(PathTexts.MESSAGES.message("send.disabled", systemName)).build();
        }
    }

    @Override
    public String toString() {
        return "SmtpPathSender[" + systemName + (disabled ? ", disabled" : "") + "]";
    }
}
