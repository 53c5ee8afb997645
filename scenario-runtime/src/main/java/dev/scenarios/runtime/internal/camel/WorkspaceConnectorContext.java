package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.internal.workspace.SecretFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    private final SendEvents events;
    /** The receiving paths whose outage was logged as longer than their threshold, until they connect again. */
    private final Map<String, Instant> overdue = new ConcurrentHashMap<>();
    /** The receiving paths that are disconnected now (logged once per outage). */
    private final Map<String, Instant> disconnected = new ConcurrentHashMap<>();

    private final SharedLimits sharedLimits;
    /** The latest journal failure of each connection; its first one was logged. */
    private final Map<String, String> journalFailures = new ConcurrentHashMap<>();
    /** How many journal writes of each connection failed, for the metrics. */
    private final Map<String, AtomicLong> journalFailureCounts = new ConcurrentHashMap<>();

    /** A context offering {@code camelContext} (may be null: then no service is offered). */
    public WorkspaceConnectorContext(Path dataDirectory, CamelContext camelContext) {
        this(dataDirectory, camelContext, SendEvents.NONE, null);
    }

    /**
     * A context offering {@code camelContext} (may be null) that also tells {@code events} (health) whether each
     * receiving path is connected, and offers {@code sharedLimits}: the limits the connections share with the other
     * runtimes of the workspace's PostgreSQL queue (null with the file store).
     */
    public WorkspaceConnectorContext(
            Path dataDirectory, CamelContext camelContext, SendEvents events, SharedLimits sharedLimits) {
        this.sharedLimits = sharedLimits;
        this.dataDirectory = dataDirectory;
        this.camelContext = camelContext;
        this.secrets = new SecretFiles(dataDirectory.toAbsolutePath().getParent());
        this.events = events;
    }

    /** Logs the end of an outage it logged the start of, and tells the health listener. Never throws. */
    @Override
    public void receiverConnected(String path) {
        Instant since = disconnected.remove(path);
        overdue.remove(path);
        if (since != null) {
            LOG.info("path {}: connected again after an outage since {}", path, since);
        }
        events.receiverConnected(path);
    }

    /**
     * Logs the first report of an outage as a warning, and once more as an error when it has lasted longer than
     * {@code unreadyAfter} (the runtime is then unready); tells the health listener every time. Never throws.
     */
    @Override
    public void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {
        if (!since.equals(disconnected.put(path, since))) {
            LOG.warn("path {}: no session with its server since {}, reconnecting: {}", path, since, problem);
        }
        if (Duration.between(since, clock().instant()).compareTo(unreadyAfter) > 0
                && overdue.put(path, since) == null) {
            LOG.error(
                    "path {}: disconnected since {}, longer than {}: the runtime reports itself unready until it"
                            + " reconnects: {}",
                    path,
                    since,
                    unreadyAfter,
                    problem);
        }
        events.receiverDisconnected(path, since, unreadyAfter, problem);
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
