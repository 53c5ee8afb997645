package dev.scenarios.connector.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage that keeps its Message-ID across {@code saveChanges()}: Jakarta generates a new one
 * on every save, which would give a retried message a new identity and let receivers deliver it
 * twice. A Message-ID is generated only when none is set.
 */
public final class StableIdMessage extends MimeMessage {

    public StableIdMessage(Session session) {
        super(session);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) == null) {
            super.updateMessageID();
        }
    }
}
