package dev.scenarios.connector.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A MimeMessage that keeps its Message-ID (and Date) across {@code saveChanges()}: Jakarta generates a new one
 * on every save, which would give a retried message a new identity and let receivers deliver it
 * twice. A Message-ID is generated only when none is set.
 */
public final class StableIdMessage extends MimeMessage {

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
            setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()));
        }
        super.updateHeaders();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) == null) {
            super.updateMessageID();
        }
    }
}
