package dev.scenarios.connector.smtp.internal.mime;

import dev.scenarios.connector.api.PreparedMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A prepared message on its way out: its bytes are written to the server exactly as prepared (headers, Message-ID and
 * body unchanged), never parsed back into a MIME tree, and the envelope is the given recipients rather than the
 * To/Cc/Bcc headers (a retry after a partial rejection goes only to those still owed the message). The bytes were
 * checked for header injection when the message was prepared. {@link #saveChanges()} does nothing.
 */
public final class PreparedMime extends MimeMessage {

    private final byte[] content;
    private final String messageId;
    private final Address[] envelope;

    public PreparedMime(Session session, PreparedMessage prepared, List<String> recipients) throws MessagingException {
        super(session);
        this.content = prepared.content();
        this.messageId = prepared.messageId();
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
        return content.length;
    }

    @Override
    public String getMessageID() {
        return messageId;
    }

    @Override
    public String getSubject() {
        // Angus only reports it to its listeners; the prepared bytes are not parsed for it.
        return "";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        // Prepared bytes never carry Bcc (MimeMessage.writeTo left it out when they were made).
        out.write(content);
    }

    @Override
    public void saveChanges() {
        // Prepared content is final: saving would rewrite headers and could change the encoding.
    }
}
