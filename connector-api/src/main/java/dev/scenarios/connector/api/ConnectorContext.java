package dev.scenarios.connector.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the host lends a connector: where it may write its own files (journals) and optional services the host runs. The
 * scenario runtime offers its {@code org.apache.camel.CamelContext} through {@link #service(Class)}; a host without
 * Camel offers none and connectors cope.
 */
public interface ConnectorContext {

    /**
     * A folder the connector may create files in; journals go to {@code journals/} inside it.
     *
     * @return the folder; it may not exist yet
     */
    Path dataDirectory();

    /**
     * The folder that relative {@link PropertyType#FILE} properties (trusted certificates, attachment files) are
     * relative to: the scenario runtime gives the workspace folder; a host platform gives its own, e.g. the folder of
     * the tenant's uploads.
     *
     * @return the folder, or empty (the default) when the host gives none: then only absolute paths are accepted
     */
    default Optional<Path> baseDirectory() {
        return Optional.empty();
    }

    /**
     * The file a {@link PropertyType#FILE} property names: {@code value} itself when absolute, otherwise {@code value}
     * resolved against {@link #baseDirectory()}. Connectors call it when they open a connection or bind a path; no I/O.
     *
     * @param value the property's value, e.g. {@code certs/relay.pem}
     * @return the absolute or base-relative path
     * @throws IllegalArgumentException if {@code value} is relative and the host gives no base folder
     */
    default Path resolveFile(String value) {
        Path path = Path.of(value);
        if (path.isAbsolute()) {
            return path;
        }
        return baseDirectory()
                .map(base -> base.resolve(path))
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                "\"" + value
                                        + "\" is a relative path and the host gives no base folder (ConnectorContext.baseDirectory()): use an absolute path"));
    }

    /**
     * The clock for timestamps in journals and test messages.
     *
     * @return the system clock unless the host gives another
     */
    default Clock clock() {
        return Clock.systemDefaultZone();
    }

    /**
     * A service the host offers, e.g. its CamelContext.
     *
     * @param <T> the service's type
     * @param type the service's class
     * @return the service, or empty when the host offers none of that type (the default)
     */
    default <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Asks the host to store a new value for secret {@code property} of connection {@code connection} — e.g. an OAuth2
     * refresh token the provider rotated — so that the next start uses it. Connectors call it only when the
     * connection's settings opted in. The host decides whether it can: the scenario runtime stores a secret written as
     * a {@code ${file:…}} reference by rewriting that file, and nothing else. Does I/O; never throws.
     *
     * @param connection the connection's system name
     * @param property the secret property, e.g. {@code refreshToken}
     * @param value the new secret; never logged
     * @return whether the new value was stored; false by default
     */
    default boolean replaceSecret(String connection, String property, String value) {
        return false;
    }

    /**
     * Tells the host that connection {@code connection} could not write its journal, e.g. because {@code journals/} is
     * read-only or the disk is full. A journal is evidence, not state: the connector goes on and the send or check
     * keeps its real outcome; the host shows the problem where an operator sees it (the scenario runtime: its log, and
     * {@code journalError} in the CLI's {@code --json}). Called on the sending thread for every failed write; never
     * throws.
     *
     * @param connection the connection's system name
     * @param problem what failed, naming the file (never a secret)
     */
    default void journalFailed(String connection, String problem) {}

    /**
     * Tells the host that receiving path {@code path} (a started {@link PathSource}) has a working session with its
     * server again, or for the first time. Called by the source's thread after each successful (re)connect; never
     * throws.
     *
     * @param path the path's system name
     */
    default void receiverConnected(String path) {}

    /**
     * Tells the host that receiving path {@code path} has had no working session since {@code since}: its connection
     * was lost or could not be opened, and the source is reconnecting with a backoff. Called again after every failed
     * attempt with the same {@code since}, so the host learns that the outage goes on without a timer of its own. The
     * host judges readiness from it: a path disconnected for longer than {@code unreadyAfter} makes the host unready
     * (the scenario runtime's {@code /health/ready}) until {@link #receiverConnected}. Never throws.
     *
     * @param path the path's system name
     * @param since when the path lost its session (or first failed to open one)
     * @param unreadyAfter how long an outage the connector considers normal (reconnects, server restarts)
     * @param problem what failed, for the host's log (e.g. the exception's message); never a secret
     */
    default void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {}

    /**
     * The limits this host holds across all its processes, when several processes open the same connections (the
     * scenario runtime with {@code queue.store: postgresql}). A connector that has per-connection session or rate
     * limits asks them as well as its own; it is called when a connection is opened. No I/O.
     *
     * @return the shared limits, or empty (the default) when this process alone uses its connections
     */
    default Optional<SharedLimits> sharedLimits() {
        return Optional.empty();
    }

    /**
     * A context with only a data directory and the system clock.
     *
     * @param dataDirectory the folder the connector may write in
     * @return the context
     */
    static ConnectorContext of(Path dataDirectory) {
        return () -> dataDirectory;
    }
}
