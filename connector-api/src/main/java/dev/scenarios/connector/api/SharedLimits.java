package dev.scenarios.connector.api;

import java.io.IOException;
import java.time.Duration;

/**
 * A connection's session and send limits held together by every process that opens the same connection, lent by a host
 * that runs several processes on one configuration (the scenario runtime with its queue in PostgreSQL). A connector
 * keeps enforcing its own per-process limits; it asks this as well before it opens a session and before each message,
 * and stays unaware of how the host keeps count. Thread-safe; every method may do network I/O.
 *
 * @see ConnectorContext#sharedLimits()
 */
public interface SharedLimits {

    /**
     * One of a connection's {@code maxConnections} session slots, held from before the session is opened until it is
     * closed. Thread-safe.
     */
    interface SessionSlot extends AutoCloseable {

        /**
         * Whether the connector should close this slot's session instead of keeping it idle for the next message:
         * another process waits for a slot, or the host can no longer vouch for this one (it lost its database
         * session). Called when a message is done, before the session goes back to the pool. Does I/O; never throws (a
         * host that cannot tell answers true).
         *
         * @return true to close the session now, false to keep it for reuse
         */
        boolean giveUp();

        /** Frees the slot for any process; the connector calls it right after the session is closed. Never throws. */
        @Override
        void close();
    }

    /**
     * Takes a free session slot of {@code connection}, waiting up to {@code wait} for one.
     *
     * @param connection the connection's system name
     * @param maxConnections how many sessions all processes together may have open
     * @param wait how long to wait for a slot
     * @return the slot, or null when none came free within {@code wait}
     * @throws IOException when the host cannot count (its database is unreachable): the connector fails the attempt as
     *     transient, it does not open the session
     * @throws InterruptedException when interrupted while waiting
     */
    SessionSlot session(String connection, int maxConnections, Duration wait) throws IOException, InterruptedException;

    /**
     * Waits until one more message of {@code connection} may start so that all processes together start at most
     * {@code perMinute} in any minute, evenly spaced. Called once per message, before its session is borrowed.
     *
     * @param connection the connection's system name
     * @param perMinute the connection's {@code maxMessagesPerMinute}, at least 1
     * @throws IOException when the host cannot count (its database is unreachable)
     * @throws InterruptedException when interrupted while waiting
     */
    void send(String connection, int perMinute) throws IOException, InterruptedException;
}
