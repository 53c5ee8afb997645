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

    /** A context with only a data directory and the system clock. */
    static ConnectorContext of(Path dataDirectory) {
        return () -> dataDirectory;
    }
}
