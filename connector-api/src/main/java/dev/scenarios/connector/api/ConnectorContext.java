package dev.scenarios.connector.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What the host lends a connector: where it may write its own files (journals) and optional
 * services the host runs. The scenario runtime offers its {@code org.apache.camel.CamelContext}
 * through {@link #service(Class)}; a host without Camel offers none and connectors cope.
 */
public interface ConnectorContext {

    /** A folder the connector may create files in; journals go to {@code journals/} inside it. */
    Path dataDirectory();

    /** The clock for timestamps in journals and test messages. */
    default Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** A service the host offers, e.g. its CamelContext, or empty. */
    default <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Asks the host to store a new value for secret {@code property} of connection
     * {@code connection} — e.g. an OAuth2 refresh token the provider rotated — so that the next start
     * uses it. Connectors call it only when the connection's settings opted in. The host decides
     * whether it can: the scenario runtime stores a secret written as a {@code ${file:…}} reference
     * by rewriting that file, and nothing else. Does I/O; never throws.
     *
     * @return whether the new value was stored; false by default
     */
    default boolean replaceSecret(String connection, String property, String value) {
        return false;
    }

    /**
     * Tells the host that connection {@code connection} could not write its journal, e.g. because
     * {@code journals/} is read-only or the disk is full. A journal is evidence, not state: the
     * connector goes on and the send or check keeps its real outcome; the host shows the problem
     * where an operator sees it (the scenario runtime: its log, and {@code journalError} in the
     * CLI's {@code --json}). Called on the sending thread for every failed write; never throws.
     *
     * @param problem what failed, naming the file (never a secret)
     */
    default void journalFailed(String connection, String problem) {
    }

    /** A context with only a data directory and the system clock. */
    static ConnectorContext of(Path dataDirectory) {
        return () -> dataDirectory;
    }
}
