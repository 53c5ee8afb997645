package dev.scenarios.connector.smtp.internal.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.List;

/**
 * Writes a {@link RenderedMail} into a {@link MimeMessage} directly through the Jakarta Mail API, never through
 * camel-mail's header mapping. Every text that could go out in the JVM's default charset is given UTF-8 explicitly: the
 * subject, display names, header values, and attachment file names (RFC 2231 {@code filename*} and {@code name*} in
 * UTF-8).
 */
public final class MimeMessages {

    private static final String UTF_8 = "UTF-8";

    private MimeMessages() {}

    /**
     * Sets recipients, Reply-To, Subject, custom headers and the content of {@code message}, whose From the connection
     * has already set. Does not call {@code saveChanges}: the connection does, once, so the Message-ID is assigned
     * where the message is sent. No I/O.
     *
     * <p>Structure: text only {@code text/plain; charset=UTF-8}; HTML only {@code text/html}; both
     * {@code multipart/alternative} (plain first); with attachments a {@code multipart/mixed} whose first part is that
     * body.
     *
     * @throws MessagingException if Jakarta Mail refuses a value (the mail was checked before, so this is unexpected)
     */
    public static void fill(MimeMessage message, RenderedMail mail) throws MessagingException {
        message.setRecipients(Message.RecipientType.TO, addresses(mail.to()));
        message.setRecipients(Message.RecipientType.CC, addresses(mail.cc()));
        message.setRecipients(Message.RecipientType.BCC, addresses(mail.bcc()));
        if (mail.replyTo() != null) {
            message.setReplyTo(new Address[] {mail.replyTo().toInternetAddress()});
        }
        message.setSubject(mail.subject(), UTF_8);
        for (MailHeader header : mail.headers()) {
            message.addHeader(header.name(), encodeHeaderValue(header));
        }
        if (mail.attachments().isEmpty()) {
            setBody(message, mail);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        setBody(body, mail);
        mixed.addBodyPart(body);
        for (MailAttachment attachment : mail.attachments()) {
            mixed.addBodyPart(attachmentPart(attachment));
        }
        message.setContent(mixed);
    }

    private static void setBody(MimePart part, RenderedMail mail) throws MessagingException {
        if (mail.text() != null && mail.html() != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(mail.text(), "text/plain"));
            alternative.addBodyPart(textPart(mail.html(), "text/html"));
            part.setContent(alternative);
        } else if (mail.html() != null) {
            part.setDataHandler(text(mail.html(), "text/html"));
        } else {
            part.setDataHandler(text(mail.text() == null ? "" : mail.text(), "text/plain"));
        }
    }

    private static MimeBodyPart textPart(String content, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(text(content, type));
        return part;
    }

    /** A body over UTF-8 bytes: several times faster than setText, which writes char by char through encoders. */
    private static DataHandler text(String content, String type) {
        return new TextDataSource(content, type).handler();
    }

    private static MimeBodyPart attachmentPart(MailAttachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
        // Base64 keeps the bytes exact: 7bit or quoted-printable text would have its line breaks turned into CRLF.
        part.setHeader("Content-Transfer-Encoding", "base64");
        ParameterList disposition = new ParameterList();
        // The charset is explicit: without it ParameterList encodes in the JVM's default charset.
        disposition.set("filename", attachment.name(), UTF_8);
        ContentDisposition contentDisposition = new ContentDisposition(Part.ATTACHMENT, disposition);
        part.setHeader("Content-Disposition", contentDisposition.toString());
        // Set here so that Jakarta Mail does not derive "name" from the file name in the default charset.
        // RFC 2231 like filename: an RFC 2047 word would be folded and split into name*0, name*1 for
        // long names, which old clients (the only reason for "name") cannot read either.
        ContentType contentType = new ContentType(attachment.contentType());
        ParameterList typeParameters =
                contentType.getParameterList() == null ? new ParameterList() : contentType.getParameterList();
        typeParameters.set("name", attachment.name(), UTF_8);
        contentType.setParameterList(typeParameters);
        part.setHeader("Content-Type", contentType.toString());
        return part;
    }

    private static Address[] addresses(List<Mailbox> mailboxes) {
        return mailboxes.stream().map(Mailbox::toInternetAddress).toArray(Address[]::new);
    }

    private static String encodeHeaderValue(MailHeader header) throws MessagingException {
        return MimeUtility.fold(header.name().length() + 2, encodeWord(header.value()));
    }

    private static String encodeWord(String text) throws MessagingException {
        try {
            return MimeUtility.encodeText(text, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }
}
