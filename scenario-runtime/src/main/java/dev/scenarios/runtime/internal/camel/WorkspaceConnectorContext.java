package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.runtime.internal.workspace.SecretFiles;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * What the runtime lends connectors: the workspace's {@code data/} folder, while scenarios run the
 * CamelContext (so a connector can use Camel components inside the same context), and the storing
 * of a rotated secret in its {@code ${file:…}} file.
 */
public final class WorkspaceConnectorContext implements ConnectorContext {

    private final Path dataDirectory;
    private final CamelContext camelContext;
    private final SecretFiles secrets;

    /** A context offering {@code camelContext} (may be null: then no service is offered). */
    public WorkspaceConnectorContext(Path dataDirectory, CamelContext camelContext) {
        this.dataDirectory = dataDirectory;
        this.camelContext = camelContext;
        this.secrets = new SecretFiles(dataDirectory.toAbsolutePath().getParent());
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stores a rotated secret in the file its {@code ${file:…}} reference names; see {@link SecretFiles}. */
    @Override
    public boolean replaceSecret(String connection, String property, String value) {
        return secrets.replace(connection, property, value);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return type.isInstance(camelContext) ? Optional.of(type.cast(camelContext)) : Optional.empty();
    }
}
