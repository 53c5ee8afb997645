package dev.scenarios.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one successful {@link PathSender#send} or {@link PathSender#deliver}.
 *
 * @param messageId the {@code Message-ID} header of the message sent, with angle brackets
 * @param serverReply the server's final reply, e.g. {@code 250 2.0.0 Ok: queued as 4F1}
 * @param acceptedRecipients the envelope recipients the server accepted
 * @param rejectedRecipients the envelope recipients the server refused (the message was sent to the others)
 */
public record SendResult(
        String messageId, String serverReply, List<String> acceptedRecipients, List<Rejection> rejectedRecipients) {

    /**
     * Copies the lists.
     *
     * @param messageId the message's id
     * @param serverReply the server's final reply
     * @param acceptedRecipients the accepted recipients
     * @param rejectedRecipients the refused recipients
     */
    public SendResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(serverReply, "serverReply");
        acceptedRecipients = List.copyOf(acceptedRecipients);
        rejectedRecipients = List.copyOf(rejectedRecipients);
    }

    /**
     * One envelope recipient the server refused.
     *
     * @param address the recipient's address
     * @param replyCode the server's reply code, e.g. 550, or 0 if not known
     * @param reply the server's reply text, e.g. {@code 550 5.1.1 <x@example.com>: user unknown}
     */
    public record Rejection(String address, int replyCode, String reply) {

        /**
         * Checks the address; a null reply becomes empty.
         *
         * @param address the recipient's address
         * @param replyCode the reply code or 0
         * @param reply the reply text, or null
         */
        public Rejection {
            Objects.requireNonNull(address, "address");
            reply = reply == null ? "" : reply;
        }
    }
}
