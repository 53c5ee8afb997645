package dev.scenarios.connector.smtp.internal.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.net.URLConnection;
import java.util.Objects;

/**
 * One attachment of an outgoing message.
 *
 * @param name the file name the recipient sees
 * @param contentType the MIME type, e.g. {@code application/pdf}
 * @param content the bytes; not copied, so callers must not change the array afterwards
 */
public record MailAttachment(String name, String contentType, byte[] content) {

    public MailAttachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    /** The MIME type the JDK associates with {@code fileName}'s extension, else {@code application/octet-stream}. */
    public static String guessContentType(String fileName) {
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        return guessed == null ? "application/octet-stream" : guessed;
    }

    /** Whether {@code contentType} is one well-formed MIME type such as {@code text/csv; charset=UTF-8}. */
    public static boolean isValidContentType(String contentType) {
        if (contentType == null || HeaderSafety.containsLineBreak(contentType)) {
            return false;
        }
        try {
            ContentType parsed = new ContentType(contentType);
            return parsed.getPrimaryType() != null && parsed.getSubType() != null;
        } catch (ParseException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "MailAttachment[" + name + ", " + contentType + ", " + content.length + " bytes]";
    }
}
