package dev.scenarios.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * A message was not delivered. Carries what a scenario's error handler needs to decide: the kind
 * of failure, the server's reply code (0 when there was none, e.g. the server was unreachable) and
 * the recipients the server refused. The message text never contains a secret.
 */
public class DeliveryException extends Exception {

    private final FailureKind kind;
    private final int replyCode;
    private final List<RecipientRejection> rejectedRecipients;
    private final boolean possiblyDelivered;

    public DeliveryException(FailureKind kind, int replyCode, String message,
            List<RecipientRejection> rejectedRecipients, boolean possiblyDelivered, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.replyCode = replyCode;
        this.rejectedRecipients = List.copyOf(rejectedRecipients);
        this.possiblyDelivered = possiblyDelivered;
    }

    public DeliveryException(FailureKind kind, int replyCode, String message) {
        this(kind, replyCode, message, List.of(), false, null);
    }

    /** What went wrong, e.g. {@link FailureKind#RECIPIENT_REJECTED}. */
    public FailureKind kind() {
        return kind;
    }

    /** The server's reply code for the failing command, or 0 if the server gave none. */
    public int replyCode() {
        return replyCode;
    }

    /** Whether retrying the same message later may succeed (4yz replies, network failures). */
    public boolean transientFailure() {
        return replyCode / 100 == 4 || kind == FailureKind.UNREACHABLE || kind == FailureKind.TIMEOUT;
    }

    /** The recipients the server refused, possibly empty. */
    public List<RecipientRejection> rejectedRecipients() {
        return rejectedRecipients;
    }

    /**
     * True when the connection was lost after the message data was sent: the server may have
     * accepted it, so a retry must reuse the same Message-ID.
     */
    public boolean possiblyDelivered() {
        return possiblyDelivered;
    }
}
