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

    /**
     * How many network sessions the connection holds now, in use or idle, for the host's "sessions open" gauge. Called
     * by the host when its metrics are scraped, from any thread; cheap, no I/O.
     *
     * @return the sessions open (or being opened); 0 for a connection that keeps none, which is the default
     */
    default int openSessions() {
        return 0;
    }

    /** Closes network sessions and flushes the journal. Never throws. */
    @Override
    void close();
}
