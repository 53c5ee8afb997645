package dev.scenarios.connector.api;

import java.util.List;
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

    /**
     * Builds the message {@link #send} would send, without sending it: every check of the
     * attributes happens here. No network I/O. A runtime that queues or retries calls this once
     * and {@link #deliver} as often as needed.
     *
     * <p>Added in API version 1 as a default so that existing path types keep compiling; a path
     * type that does not override it cannot be queued or retried by the runtime.
     *
     * @throws DeliveryException {@link FailureKind#CONFIGURATION} for bad attributes, {@link FailureKind#DISABLED}
     * @throws UnsupportedOperationException if the path type cannot prepare messages
     */
    default PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot prepare messages");
    }

    /**
     * Delivers a {@linkplain #prepare prepared} message, unchanged (same Message-ID), to
     * {@code recipients} — all of {@link PreparedMessage#recipients()}, or the ones still owed the
     * message after a partial rejection. Blocks like {@link #send}.
     *
     * @throws UnsupportedOperationException if the path type cannot prepare messages
     */
    default SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot deliver prepared messages");
    }
}
