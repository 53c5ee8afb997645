package dev.scenarios.runtime;

import java.io.IOException;

/**
 * A queued message's stored content is not what was stored: shorter, longer or different (its length or checksum does
 * not match), or unreadable. Thrown by {@link MessageQueue#content}; the sender then never transmits it and sets the
 * message {@link QueuedMessage.State#DAMAGED} with {@link #reason()}.
 */
public class DamagedContentException extends IOException {

    private final transient QueueReason reason;

    /** A damage described by text only, shown as it is in every language. */
    public DamagedContentException(String reason) {
        this(QueueReason.parse(reason));
    }

    /** A damage described in the reader's language; {@link #getMessage()} is its English text. */
    public DamagedContentException(QueueReason reason) {
        super(reason.in(java.util.Locale.ENGLISH));
        this.reason = reason;
    }

    /**
     * What is wrong with the content, for the message's stored reason.
     *
     * @return the reason
     */
    public QueueReason reason() {
        return reason;
    }
}
