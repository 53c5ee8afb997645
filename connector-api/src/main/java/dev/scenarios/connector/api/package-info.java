/**
 * The connector SPI: what a connector jar implements so that a host (the scenario runtime, or a platform that embeds
 * it) can describe, validate, check and use its connection and path types.
 *
 * <p>A connector's {@link dev.scenarios.connector.api.ConnectorProvider} (found by {@link java.util.ServiceLoader})
 * lists {@link dev.scenarios.connector.api.ConnectionType}s and {@link dev.scenarios.connector.api.PathType}s, both
 * {@link dev.scenarios.connector.api.ConfigurableType}s whose settings are
 * {@link dev.scenarios.connector.api.PropertyDescriptor}s. A host validates a
 * {@link dev.scenarios.connector.api.Configuration}, checks and opens a {@link dev.scenarios.connector.api.Connection},
 * binds paths to it and sends through the resulting {@link dev.scenarios.connector.api.PathSender}, or, for a receiving
 * path type, starts its {@link dev.scenarios.connector.api.PathSource} and acknowledges each
 * {@link dev.scenarios.connector.api.ReceivedItem} it hands. Helpers a connector may use live in
 * {@link dev.scenarios.connector.api.support}. The SPI depends on the JDK only.
 *
 * <p>All parameters and results are non-null unless documented otherwise; absent values are {@link java.util.Optional},
 * empty lists or, where a getter says so, null.
 */
package dev.scenarios.connector.api;
