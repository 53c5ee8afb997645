package dev.scenarios.runtime.internal.text;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * What the dev-inbox page shows of one message: its headers (decoded), the first plain-text and the first HTML body,
 * and the other parts as attachments, numbered from 0 in the order they appear. File names are decoded from RFC 2231
 * ({@code filename*=UTF-8''…}, by Angus Mail) and from RFC 2047 ({@code =?UTF-8?B?…?=}, which many mailers write). Read
 * by the console's {@code DevInboxApi}; parses the message, no other I/O.
 *
 * @param headers every header in order, values unfolded and decoded
 * @param text the first plain-text body, or null
 * @param html the first HTML body as its text, or null; untrusted, to be shown only in a sandbox
 * @param attachments the other parts
 */
public record MessageParts(List<HeaderLine> headers, String text, String html, List<Attachment> attachments) {

    /** One header. */
    public record HeaderLine(String name, String value) {}

    /**
     * One attachment.
     *
     * @param index its number, from 0
     * @param fileName its file name, decoded; empty when it has none
     * @param contentType its MIME type without parameters, lower case
     * @param size its decoded size in bytes
     */
    public record Attachment(int index, String fileName, String contentType, long size) {}

    /** Reads {@code message}. */
    public static MessageParts of(MimeMessage message) throws MessagingException, IOException {
        List<HeaderLine> headers = new ArrayList<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.add(new HeaderLine(h.getName(), decode(MimeUtility.unfold(h.getValue()))));
        }
        Walk walk = new Walk();
        walk.visit(message);
        List<Attachment> attachments = new ArrayList<>();
        for (Part part : walk.attachments) {
            attachments.add(new Attachment(attachments.size(), fileName(part), baseType(part), size(part)));
        }
        return new MessageParts(List.copyOf(headers), walk.text, walk.html, List.copyOf(attachments));
    }

    /** Attachment {@code index} of {@code message} as {@link #of} numbers them, or empty. */
    public static Optional<Part> attachment(MimeMessage message, int index) throws MessagingException, IOException {
        Walk walk = new Walk();
        walk.visit(message);
        return index >= 0 && index < walk.attachments.size()
                ? Optional.of(walk.attachments.get(index))
                : Optional.empty();
    }

    /** The decoded file name of {@code part}, empty when it has none. */
    public static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        return name == null ? "" : decode(name);
    }

    private static String baseType(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return "application/octet-stream";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static long size(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    /** The body text of {@code part}; bytes in an unknown charset are read as UTF-8. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            return String.valueOf(part.getContent());
        } catch (UnsupportedEncodingException e) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** One pass over the MIME tree: the first text and HTML bodies, and every other leaf. */
    private static final class Walk {
        String text;
        String html;
        final List<Part> attachments = new ArrayList<>();

        void visit(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    visit(child);
                }
                return;
            }
            boolean named = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!named && part.isMimeType("text/plain") && text == null) {
                text = text(part);
            } else if (!named && part.isMimeType("text/html") && html == null) {
                html = text(part);
            } else {
                attachments.add(part);
            }
        }
    }
}
