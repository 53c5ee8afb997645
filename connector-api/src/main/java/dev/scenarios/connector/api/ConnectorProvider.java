package dev.scenarios.connector.api;

import java.util.List;

/**
 * The entry point of a connector jar, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.scenarios.connector.api.ConnectorProvider}.
 *
 * <p>Host platforms and the scenario runtime instantiate every provider on the class path, so an implementation must
 * have a public no-argument constructor that does no I/O, starts no threads and loads no heavy library: the types it
 * returns describe themselves from constants and resource bundles only. Anything expensive happens in
 * {@link ConnectionType#check} or {@link ConnectionType#open}.
 */
public interface ConnectorProvider {

    /** The version of this SPI. A host refuses a provider whose {@link #apiVersion()} is newer. */
    int API_VERSION = 1;

    /**
     * A stable identifier of the connector.
     *
     * @return e.g. {@code smtp}
     */
    String id();

    /**
     * The connector's own version, for display and support.
     *
     * @return e.g. {@code 0.1.0}
     */
    String version();

    /**
     * The SPI version the connector was built against.
     *
     * @return {@link #API_VERSION} unless overridden
     */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * The connection types this connector adds.
     *
     * @return the types, ids unique across all providers
     */
    List<ConnectionType> connectionTypes();

    /**
     * The data transfer path types this connector adds.
     *
     * @return the types, ids unique across all providers
     */
    List<PathType> pathTypes();
}
