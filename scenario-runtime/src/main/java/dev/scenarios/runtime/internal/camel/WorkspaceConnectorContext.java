package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.runtime.internal.workspace.SecretFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runtime lends connectors: the workspace's {@code data/} folder, while scenarios run the CamelContext (so a
 * connector can use Camel components inside the same context), and the storing of a rotated secret in its
 * {@code ${file:…}} file.
 */
public final class WorkspaceConnectorContext implements ConnectorContext {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceConnectorContext.class);

    private final Path dataDirectory;
    private final CamelContext camelContext;
    private final SecretFiles secrets;
    private final SharedLimits sharedLimits;
    /** The latest journal failure of each connection; its first one was logged. */
    private final Map<String, String> journalFailures = new ConcurrentHashMap<>();
    /** How many journal writes of each connection failed, for the metrics. */
    private final Map<String, AtomicLong> journalFailureCounts = new ConcurrentHashMap<>();

    /** A context offering {@code camelContext} (may be null: then no service is offered). */
    public WorkspaceConnectorContext(Path dataDirectory, CamelContext camelContext) {
        this(dataDirectory, camelContext, null);
    }

    /**
     * A context offering {@code camelContext} (may be null) and {@code sharedLimits}: the limits the connections share
     * with the other runtimes of the workspace's PostgreSQL queue (null with the file store).
     */
    public WorkspaceConnectorContext(Path dataDirectory, CamelContext camelContext, SharedLimits sharedLimits) {
        this.sharedLimits = sharedLimits;
        this.dataDirectory = dataDirectory;
        this.camelContext = camelContext;
        this.secrets = new SecretFiles(dataDirectory.toAbsolutePath().getParent());
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The workspace folder: relative file properties are relative to it, as in the workspace's YAML. */
    @Override
    public Optional<Path> baseDirectory() {
        return Optional.of(dataDirectory.toAbsolutePath().getParent());
    }

    /** Stores a rotated secret in the file its {@code ${file:…}} reference names; see {@link SecretFiles}. */
    @Override
    public boolean replaceSecret(String connection, String property, String value) {
        return secrets.replace(connection, property, value);
    }

    /**
     * Logs the first journal failure of {@code connection} as a warning (later ones would repeat it for every message)
     * and keeps the latest for {@link #journalError()}. Never throws.
     */
    @Override
    public void journalFailed(String connection, String problem) {
        journalFailureCounts.computeIfAbsent(connection, c -> new AtomicLong()).incrementAndGet();
        if (journalFailures.put(connection, problem) == null) {
            LOG.warn(
                    "connection {}: the journal cannot be written, the send goes on without it: {}",
                    connection,
                    problem);
        }
    }

    /** How many journal writes of {@code connection} failed since this context was made. */
    public long journalFailures(String connection) {
        AtomicLong count = journalFailureCounts.get(connection);
        return count == null ? 0 : count.get();
    }

    /**
     * The latest journal failure of any connection since this context was made, for {@code --json}'s
     * {@code journalError}.
     */
    public Optional<String> journalError() {
        return journalFailures.values().stream().findFirst();
    }

    /** With the PostgreSQL queue: the connections' limits held across every runtime of the queue. */
    @Override
    public Optional<SharedLimits> sharedLimits() {
        return Optional.ofNullable(sharedLimits);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return type.isInstance(camelContext) ? Optional.of(type.cast(camelContext)) : Optional.empty();
    }
}
