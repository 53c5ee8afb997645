package dev.scenarios.runtime.internal.text;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the dev inbox shows of a received message: sender, envelope recipients, subject (decoded), attachment names and
 * the first lines of the plain text. Read once from the MIME message.
 *
 * @param from the From header, decoded
 * @param to the To header's addresses, decoded
 * @param cc the Cc header's addresses, decoded
 * @param bcc the envelope recipients that neither header names (blind copies), sorted
 * @param subject the subject, decoded
 * @param attachments the file names of the attachments, decoded
 * @param text the first plain-text part, or empty
 */
public record MessageSummary(
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        List<String> attachments,
        String text) {

    private static final int SHOWN_LINES = 5;

    /**
     * Reads {@code message} (parses its MIME structure); {@code envelope} are the recipients of the SMTP transaction.
     */
    public static MessageSummary of(MimeMessage message, List<String> envelope) throws MessagingException {
        String from = String.join(", ", show(message.getFrom()));
        List<String> to = show(message.getRecipients(Message.RecipientType.TO));
        List<String> cc = show(message.getRecipients(Message.RecipientType.CC));
        String headers = String.join(" ", to).toLowerCase(Locale.ROOT) + " "
                + String.join(" ", cc).toLowerCase(Locale.ROOT);
        List<String> bcc = envelope.stream()
                .filter(r -> !headers.contains("<" + r.toLowerCase(Locale.ROOT) + ">")
                        && !headers.contains(r.toLowerCase(Locale.ROOT)))
                .sorted()
                .toList();
        List<String> attachments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            walk(message, attachments, text);
        } catch (IOException e) {
            text.append("(unreadable body: ").append(e.getMessage()).append(')');
        }
        String subject = message.getSubject();
        return new MessageSummary(
                from, to, cc, bcc, subject == null ? "" : subject, List.copyOf(attachments), text.toString());
    }

    private static List<String> show(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress ia && ia.getPersonal() != null
                        ? ia.getPersonal() + " <" + ia.getAddress() + ">"
                        : a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
                .toList();
    }

    private static void walk(Part part, List<String> attachments, StringBuilder text)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, attachments, text);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(decode(part.getFileName()));
        } else if (part.isMimeType("text/plain") && text.isEmpty()) {
            text.append(String.valueOf(part.getContent()));
        }
    }

    private static String decode(String name) {
        if (name == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    /** The summary as printed lines, numbered {@code number}. */
    public String describe(Locale locale, int number) {
        StringBuilder out = new StringBuilder();
        out.append(Texts.get(locale, "devInbox.message", number)).append('\n');
        out.append("  ")
                .append(Texts.get(locale, "devInbox.from"))
                .append(": ")
                .append(from)
                .append('\n');
        out.append("  ")
                .append(Texts.get(locale, "devInbox.to"))
                .append(": ")
                .append(String.join(", ", to))
                .append('\n');
        if (!cc.isEmpty()) {
            out.append("  ")
                    .append(Texts.get(locale, "devInbox.cc"))
                    .append(": ")
                    .append(String.join(", ", cc))
                    .append('\n');
        }
        if (!bcc.isEmpty()) {
            out.append("  ")
                    .append(Texts.get(locale, "devInbox.bcc"))
                    .append(": ")
                    .append(String.join(", ", bcc))
                    .append('\n');
        }
        out.append("  ")
                .append(Texts.get(locale, "devInbox.subject"))
                .append(": ")
                .append(subject)
                .append('\n');
        if (!attachments.isEmpty()) {
            out.append("  ")
                    .append(Texts.get(locale, "devInbox.attachments"))
                    .append(": ")
                    .append(String.join(", ", attachments))
                    .append('\n');
        }
        String[] lines = this.text.split("\\r?\\n", -1);
        for (int i = 0; i < Math.min(SHOWN_LINES, lines.length); i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            out.append("  | ").append(lines[i]).append('\n');
        }
        if (lines.length > SHOWN_LINES) {
            out.append("  | …\n");
        }
        return out.toString();
    }
}
