package dev.scenarios.connector.api;

import java.util.List;
import java.util.Map;

/**
 * A data transfer path bound to its connection: sends one message per call. Thread-safe. Created by
 * {@link PathType#bind}; the scenario runtime's {@code path:} endpoint calls it.
 */
public interface PathSender {

    /**
     * The path's system name.
     *
     * @return the name written as {@code systemName:} in the path's file
     */
    String systemName();

    /**
     * Builds one message from {@code attributes} and delivers it. Blocks until the server's final reply or a timeout.
     *
     * @param attributes the values a scenario step supplies; keys are the path's {@linkplain PathType#attributes
     *     attribute} names, other keys are ignored
     * @return what the server said, when every recipient was accepted or some were rejected but at least one got the
     *     message (see {@link SendResult#rejectedRecipients()})
     * @throws DeliveryException when nothing was delivered, or the attributes are invalid
     *     ({@link FailureKind#CONFIGURATION}); nothing is sent in that case
     */
    SendResult send(Map<String, ?> attributes) throws DeliveryException;

    /**
     * Builds the message {@link #send} would send, without sending it: every check of the attributes happens here. No
     * network I/O. A runtime that queues or retries calls this once and {@link #deliver} as often as needed.
     *
     * @param attributes the values a scenario step supplies, as for {@link #send}
     * @return the message, with its Message-ID and envelope recipients fixed
     * @throws DeliveryException {@link FailureKind#CONFIGURATION} for bad attributes, {@link FailureKind#DISABLED}
     */
    PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException;

    /**
     * Delivers a {@linkplain #prepare prepared} message, unchanged (same Message-ID), to {@code recipients}. Blocks
     * like {@link #send}.
     *
     * @param message a message this sender prepared
     * @param recipients all of {@link PreparedMessage#recipients()}, or the ones still owed the message after a partial
     *     rejection
     * @return what the server said, as for {@link #send}
     * @throws DeliveryException when nothing was delivered
     */
    SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException;
}
