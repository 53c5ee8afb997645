package dev.scenarios.connector.smtp.internal.mime;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A MimeMessage that keeps its Message-ID (and Date) across {@code saveChanges()}: Jakarta generates a new one on every
 * save, which would give a retried message a new identity and let receivers deliver it twice. A Message-ID is generated
 * only when none is set.
 */
public final class StableIdMessage extends MimeMessage {

    private static volatile FormattedDate lastDate;

    public StableIdMessage(Session session) {
        super(session);
    }

    /**
     * Sets Date (RFC 5322) when absent, as {@code saveChanges()} would, but through
     * {@link DateTimeFormatter#RFC_1123_DATE_TIME} instead of Jakarta's {@code MailDateFormat}, a
     * {@code SimpleDateFormat} that cost about a tenth of the pipeline's CPU per message.
     */
    @Override
    protected synchronized void updateHeaders() throws MessagingException {
        if (getHeader("Date", null) == null) {
            setHeader("Date", now());
        }
        super.updateHeaders();
    }

    /** The Date header's text for now; formatted once per second (the header's precision) and zone. */
    private static String now() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        FormattedDate last = lastDate;
        if (last != null
                && last.epochSecond() == now.getEpochSecond()
                && last.zone().equals(zone)) {
            return last.text();
        }
        String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now, zone));
        lastDate = new FormattedDate(now.getEpochSecond(), zone, text);
        return text;
    }

    private record FormattedDate(long epochSecond, ZoneId zone, String text) {}

    /** Mints a Message-ID ({@link MessageIds}: 128 random bits) only when none is set, with the sender's domain. */
    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) == null) {
            setHeader("Message-ID", MessageIds.mint(senderDomain()));
        }
    }

    private String senderDomain() throws MessagingException {
        Address[] from = getFrom();
        if (from != null
                && from.length > 0
                && from[0] instanceof InternetAddress address
                && address.getAddress() != null) {
            String text = address.getAddress();
            int at = text.lastIndexOf('@');
            if (at >= 0 && at < text.length() - 1) {
                return text.substring(at + 1);
            }
        }
        return "localhost";
    }
}
