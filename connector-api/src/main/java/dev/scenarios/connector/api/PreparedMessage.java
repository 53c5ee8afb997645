package dev.scenarios.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * One message built from a path's template and fixed for delivery: its identity, its envelope recipients and its
 * content exactly as it will be transmitted. Made by {@link PathSender#prepare} so that a runtime can queue it durably
 * and retry it later with the same Message-ID and, after a partial rejection, to the recipients that did not get it
 * yet.
 *
 * @param messageId the {@code Message-ID} header, with angle brackets
 * @param recipients the envelope recipients (To, Cc and Bcc), addresses only
 * @param content the message as the connector transmits it (for SMTP: RFC 5322 text, CRLF line ends)
 */
public record PreparedMessage(String messageId, List<String> recipients, byte[] content) {

    /**
     * Copies the recipients; the content is kept as given (the caller does not change it).
     *
     * @param messageId the Message-ID
     * @param recipients the envelope recipients
     * @param content the message bytes
     */
    public PreparedMessage {
        Objects.requireNonNull(messageId, "messageId");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "PreparedMessage[" + messageId + " to " + recipients + ", " + content.length + " bytes]";
    }
}
