package dev.scenarios.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one successful {@link PathSender#send}.
 *
 * @param messageId the {@code Message-ID} header of the message sent, with angle brackets
 * @param serverReply the server's final reply, e.g. {@code 250 2.0.0 Ok: queued as 4F1}
 * @param acceptedRecipients the envelope recipients the server accepted
 * @param rejectedRecipients the envelope recipients the server refused (the message was sent to the others)
 */
public record SendResult(
        String messageId,
        String serverReply,
        List<String> acceptedRecipients,
        List<RecipientRejection> rejectedRecipients) {

    public SendResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(serverReply, "serverReply");
        acceptedRecipients = List.copyOf(acceptedRecipients);
        rejectedRecipients = List.copyOf(rejectedRecipients);
    }
}
