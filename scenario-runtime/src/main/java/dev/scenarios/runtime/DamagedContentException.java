package dev.scenarios.runtime;

import java.io.IOException;

/**
 * A queued message's stored content is not what was stored: shorter, longer or different (its length or checksum does
 * not match), or unreadable. Thrown by {@link MessageQueue#content}; the sender then never transmits it and sets the
 * message {@link QueuedMessage.State#DAMAGED} with this text.
 */
public class DamagedContentException extends IOException {

    public DamagedContentException(String reason) {
        super(reason);
    }
}
