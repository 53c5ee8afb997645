package dev.scenarios.connector.smtp;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import jakarta.mail.internet.MimeMessage;

/**
 * An opened {@code smtp} connection: the seam between the path type (which builds messages) and
 * the transport (which delivers them). Thread-safe.
 *
 * <p>SKELETON: the signatures are agreed; the bodies are being written.
 */
public final class SmtpConnection implements Connection {

    @Override
    public String typeId() {
        return SmtpConnectionType.ID;
    }

    @Override
    public String systemName() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * A new empty message in this connection's mail session, with From set to the configured
     * sender name and address (RFC 2047 UTF-8). Called by the path type before it fills in the rest.
     */
    public MimeMessage newMessage() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Delivers {@code message} to all of its recipients (To, Cc, Bcc; the Bcc header is not
     * transmitted) from the configured sender, and journals the attempt under {@code pathName}.
     * Blocks until the server's final reply or a configured timeout. Does I/O.
     *
     * @return the Message-ID, the server's final reply and per-recipient rejections (when at least one recipient accepted)
     * @throws DeliveryException with the failure kind, reply code and rejected recipients when nothing was delivered,
     *     or at once with {@code DISABLED} when the connection is disabled
     */
    public SendResult send(MimeMessage message, String pathName) throws DeliveryException {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
