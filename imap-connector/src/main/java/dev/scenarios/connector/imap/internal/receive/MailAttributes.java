package dev.scenarios.connector.imap.internal.receive;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one received mail into the attributes of an {@code imap-receive} item: {@code To[]}, {@code From},
 * {@code Subject}, {@code HtmlBody} (the HTML part, else the text), {@code TextBody}, {@code Attachments[]}
 * ({@code Name}, {@code Extension}, {@code Content} in Base64, {@code ContentType}, {@code Size}), {@code Cc[]},
 * {@code Bcc[]}, {@code Headers[]}, {@code MessageId}, {@code Date} (ISO-8601), {@code Uid}, {@code Folder}. Texts are
 * decoded from their declared charset (KOI8-R, windows-1251, …) by Jakarta Mail; RFC 2047 words and RFC 2231 file names
 * are decoded. Reads the mail from the server (with {@code BODY.PEEK}).
 */
final class MailAttributes {

    private MailAttributes() {}

    static Map<String, Object> of(Message message, long uid, String folder) throws MessagingException, IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("To", mailboxes(message.getRecipients(Message.RecipientType.TO)));
        Address[] from = message.getFrom();
        out.put("From", from == null || from.length == 0 ? Map.of() : mailbox(from[0]));
        out.put("Subject", message.getSubject() == null ? "" : message.getSubject());
        Bodies bodies = new Bodies();
        collect(message, bodies);
        out.put("HtmlBody", bodies.html != null ? bodies.html : bodies.text == null ? "" : bodies.text);
        out.put("TextBody", bodies.text == null ? "" : bodies.text);
        out.put("Attachments", bodies.attachments);
        out.put("Cc", mailboxes(message.getRecipients(Message.RecipientType.CC)));
        out.put("Bcc", mailboxes(message.getRecipients(Message.RecipientType.BCC)));
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Enumeration<Header> e = message.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            headers.add(Map.of("Name", h.getName(), "Value", decode(h.getValue())));
        }
        out.put("Headers", headers);
        String messageId = message instanceof MimeMessage mime ? mime.getMessageID() : null;
        out.put("MessageId", messageId == null ? "" : messageId);
        out.put(
                "Date",
                message.getSentDate() == null
                        ? ""
                        : message.getSentDate().toInstant().toString());
        out.put("Uid", uid);
        out.put("Folder", folder);
        return out;
    }

    private static final class Bodies {
        String text;
        String html;
        final List<Map<String, Object>> attachments = new ArrayList<>();
    }

    private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
        String fileName = part.getFileName();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
        if (part.isMimeType("multipart/*") && !attachment) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        } else if (!attachment && part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = String.valueOf(part.getContent());
        } else if (!attachment && part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = String.valueOf(part.getContent());
        } else if (attachment || !part.isMimeType("text/*")) {
            byte[] content;
            try (InputStream in = part.getInputStream()) {
                content = in.readAllBytes();
            }
            String name = fileName == null ? "" : decode(fileName);
            int dot = name.lastIndexOf('.');
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("Name", name);
            a.put("Extension", dot < 0 ? "" : name.substring(dot + 1));
            a.put("Content", Base64.getEncoder().encodeToString(content));
            a.put("ContentType", baseType(part.getContentType()));
            a.put("Size", content.length);
            bodies.attachments.add(a);
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Map<String, Object>> mailboxes(Address[] addresses) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(mailbox(a));
            }
        }
        return out;
    }

    private static Map<String, Object> mailbox(Address address) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (address instanceof InternetAddress ia) {
            out.put("Name", ia.getPersonal() == null ? "" : ia.getPersonal());
            out.put("Address", ia.getAddress() == null ? "" : ia.getAddress());
        } else {
            out.put("Name", "");
            out.put("Address", address.toString());
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(text));
        } catch (UnsupportedEncodingException e) {
            return text; // an unknown charset label: the raw text is still better than nothing
        }
    }
}
