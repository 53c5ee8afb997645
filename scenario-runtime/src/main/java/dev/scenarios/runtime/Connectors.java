package dev.scenarios.runtime;

import dev.scenarios.connector.api.ConfigurableType;
import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.connector.api.PathType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The connection and path types the runtime knows: those of every {@link ConnectorProvider} on the class path. The
 * runtime learns about SMTP only this way; it never names a connector's classes.
 */
public final class Connectors {

    private final Map<String, ConnectionType> connectionTypes = new LinkedHashMap<>();
    private final Map<String, PathType> pathTypes = new LinkedHashMap<>();
    private final List<ConnectorProvider> providers;

    private Connectors(List<ConnectorProvider> providers) {
        this.providers = List.copyOf(providers);
        for (ConnectorProvider provider : providers) {
            if (provider.apiVersion() > ConnectorProvider.API_VERSION) {
                throw new IllegalStateException("connector " + provider.id() + " needs connector API "
                        + provider.apiVersion() + "; this runtime has " + ConnectorProvider.API_VERSION);
            }
            for (ConnectionType type : provider.connectionTypes()) {
                if (connectionTypes.putIfAbsent(type.id(), type) != null) {
                    throw new IllegalStateException("two connectors declare the connection type " + type.id());
                }
            }
            for (PathType type : provider.pathTypes()) {
                if (pathTypes.putIfAbsent(type.id(), type) != null) {
                    throw new IllegalStateException("two connectors declare the path type " + type.id());
                }
            }
        }
    }

    /**
     * The providers {@link ServiceLoader} finds with this class's loader. Instantiates each provider (cheap by
     * contract: no I/O).
     *
     * @throws IllegalStateException if two providers declare the same type id, or one needs a newer API
     */
    public static Connectors fromClassPath() {
        List<ConnectorProvider> providers = new ArrayList<>();
        ServiceLoader.load(ConnectorProvider.class, Connectors.class.getClassLoader())
                .forEach(providers::add);
        return new Connectors(providers);
    }

    /** Exactly {@code providers}, e.g. a test's fake connector. */
    public static Connectors of(ConnectorProvider... providers) {
        return new Connectors(List.of(providers));
    }

    /** The connection type with {@code id} (e.g. {@code smtp}), or empty when no connector declares it. */
    public Optional<ConnectionType> connectionType(String id) {
        return Optional.ofNullable(connectionTypes.get(id));
    }

    /** The path type with {@code id} (e.g. {@code smtp-send}), or empty when no connector declares it. */
    public Optional<PathType> pathType(String id) {
        return Optional.ofNullable(pathTypes.get(id));
    }

    /**
     * The connection or path type with {@code id}, for a host that stores only a type id next to its values and then
     * needs the descriptors ({@code Configuration.of(type, values)}).
     *
     * @return the type, or empty when no connector declares one with that id
     */
    public Optional<ConfigurableType> type(String id) {
        return connectionType(id).<ConfigurableType>map(t -> t).or(() -> pathType(id));
    }

    /** The providers, in class path order. */
    public List<ConnectorProvider> providers() {
        return providers;
    }

    /** Every connection type, in provider order. */
    public List<ConnectionType> connectionTypes() {
        return List.copyOf(connectionTypes.values());
    }

    /** Every path type, in provider order. */
    public List<PathType> pathTypes() {
        return List.copyOf(pathTypes.values());
    }
}
