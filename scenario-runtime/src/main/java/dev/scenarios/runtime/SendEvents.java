package dev.scenarios.runtime;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Told about every message a {@code path:} step sends or fails to send, e.g. to print one log line per message. Called
 * on the sending thread, after the connector returned; must not throw. For a {@code delivery: queued} path that is the
 * queue's sender thread, once the message was delivered or went dead (not when the step queued it).
 */
public interface SendEvents {

    /** A listener that ignores everything. */
    SendEvents NONE = new SendEvents() {
        @Override
        public void sent(String path, SendResult result) {}

        @Override
        public void failed(String path, DeliveryException failure) {}
    };

    /** {@code path} delivered a message: its Message-ID and the server's reply are in {@code result}. */
    void sent(String path, SendResult result);

    /** {@code path} could not deliver a message; the exception goes on to the scenario's error handling. */
    void failed(String path, DeliveryException failure);

    /**
     * One attempt of {@code path} to hand a message to its server ended after {@code took}: with {@code result} when
     * the server took it, else with {@code failure} (exactly one is null). Each direct retry and each queued attempt is
     * one call, before {@link #sent} or {@link #failed} of the message; for metrics and health, e.g. whether the server
     * could be reached. Does nothing by default.
     */
    default void attempted(String path, Duration took, SendResult result, DeliveryException failure) {}

    /**
     * Receiving path {@code path} has a session with its server (again); called by the path's own thread after each
     * successful connect. For health. Does nothing by default.
     */
    default void receiverConnected(String path) {}

    /**
     * Receiving path {@code path} has had no session since {@code since} and is reconnecting; called after every failed
     * attempt with the same {@code since}. A path disconnected for longer than {@code unreadyAfter} (the connection's
     * setting) makes the runtime unready. {@code problem} is the connector's text, never a secret. For health. Does
     * nothing by default.
     */
    default void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {}

    /** A listener that tells each of {@code listeners}, in order. */
    static SendEvents all(SendEvents... listeners) {
        List<SendEvents> all = List.of(listeners);
        return new SendEvents() {
            @Override
            public void sent(String path, SendResult result) {
                all.forEach(l -> l.sent(path, result));
            }

            @Override
            public void failed(String path, DeliveryException failure) {
                all.forEach(l -> l.failed(path, failure));
            }

            @Override
            public void attempted(String path, Duration took, SendResult result, DeliveryException failure) {
                all.forEach(l -> l.attempted(path, took, result, failure));
            }

            @Override
            public void receiverConnected(String path) {
                all.forEach(l -> l.receiverConnected(path));
            }

            @Override
            public void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {
                all.forEach(l -> l.receiverDisconnected(path, since, unreadyAfter, problem));
            }
        };
    }
}
