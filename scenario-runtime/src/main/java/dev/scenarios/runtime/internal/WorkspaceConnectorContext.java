package dev.scenarios.runtime.internal;

import dev.scenarios.connector.api.ConnectorContext;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What the runtime lends connectors: the workspace's {@code data/} folder and, while scenarios run,
 * the CamelContext (so a connector can use Camel components inside the same context).
 */
public final class WorkspaceConnectorContext implements ConnectorContext {

    private final Path dataDirectory;
    private final CamelContext camelContext;

    /** A context offering {@code camelContext} (may be null: then no service is offered). */
    public WorkspaceConnectorContext(Path dataDirectory, CamelContext camelContext) {
        this.dataDirectory = dataDirectory;
        this.camelContext = camelContext;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return type.isInstance(camelContext) ? Optional.of(type.cast(camelContext)) : Optional.empty();
    }
}
