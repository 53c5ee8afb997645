package dev.scenarios.connector.api;

/**
 * An opened connection, shared by every path bound to it. Holds the connection's network sessions (if any) and its
 * journal; {@link #close()} ends them cleanly.
 */
public interface Connection extends AutoCloseable {

    /**
     * The id of the {@link ConnectionType} that opened this connection.
     *
     * @return e.g. {@code smtp}
     */
    String typeId();

    /**
     * The connection's system name.
     *
     * @return the name written as {@code systemName:} in the connection's file
     */
    String systemName();

    /** Closes network sessions and flushes the journal. Never throws. */
    @Override
    void close();
}
