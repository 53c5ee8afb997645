package dev.scenarios.connector.smtp.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * A message read back from its prepared bytes, sent unchanged: {@link #saveChanges()} does nothing,
 * so headers, Message-ID and body go out exactly as prepared, and the envelope is the given
 * recipients rather than the To/Cc/Bcc headers (a retry after a partial rejection goes only to
 * those still owed the message).
 */
public final class PreparedMime extends MimeMessage {

    private final Address[] envelope;
    private final int contentLength;

    public PreparedMime(Session session, byte[] content, List<String> recipients) throws MessagingException {
        super(session, new ByteArrayInputStream(content));
        this.contentLength = content.length;
        this.envelope = new Address[recipients.size()];
        for (int i = 0; i < envelope.length; i++) {
            envelope[i] = new InternetAddress(recipients.get(i), true);
        }
    }

    /** The envelope recipients of this delivery. */
    public Address[] envelope() {
        return envelope.clone();
    }

    /** The size of the prepared message in bytes, as transmitted before dot-stuffing. */
    public int contentLength() {
        return contentLength;
    }

    @Override
    public void saveChanges() {
        // Prepared content is final: saving would rewrite headers and could change the encoding.
    }
}
