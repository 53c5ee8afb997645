package dev.scenarios.runtime;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;

/**
 * Told about every message a {@code path:} step sends or fails to send, e.g. to print one log line
 * per message. Called on the sending thread, after the connector returned; must not throw. For a
 * {@code delivery: queued} path that is the queue's sender thread, once the message was delivered
 * or went dead (not when the step queued it).
 */
public interface SendEvents {

    /** A listener that ignores everything. */
    SendEvents NONE = new SendEvents() {
        @Override
        public void sent(String path, SendResult result) {
        }

        @Override
        public void failed(String path, DeliveryException failure) {
        }
    };

    /** {@code path} delivered a message: its Message-ID and the server's reply are in {@code result}. */
    void sent(String path, SendResult result);

    /** {@code path} could not deliver a message; the exception goes on to the scenario's error handling. */
    void failed(String path, DeliveryException failure);
}
