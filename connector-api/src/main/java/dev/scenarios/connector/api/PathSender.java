package dev.scenarios.connector.api;

import java.util.Map;

/**
 * A data transfer path bound to its connection: sends one message per call. Thread-safe.
 * Created by {@link PathType#bind}; the scenario runtime's {@code path:} endpoint calls it.
 */
public interface PathSender {

    /** The path's system name. */
    String systemName();

    /**
     * Builds one message from {@code attributes} (keys are the path's declared attribute names;
     * other keys are ignored) and delivers it. Blocks until the server's final reply or a timeout.
     *
     * @return what the server said, when every recipient was accepted or some were rejected but at
     *     least one got the message (see {@link SendResult#rejectedRecipients()})
     * @throws DeliveryException when nothing was delivered, or the attributes are invalid
     *     ({@link FailureKind#CONFIGURATION}); nothing is sent in that case
     */
    SendResult send(Map<String, ?> attributes) throws DeliveryException;
}
