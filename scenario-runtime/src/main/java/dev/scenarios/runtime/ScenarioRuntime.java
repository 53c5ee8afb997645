package dev.scenarios.runtime;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.camel.PathComponent;
import dev.scenarios.runtime.internal.camel.WebhookServer;
import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import dev.scenarios.runtime.internal.delivery.QueueSender;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.internal.delivery.QueuedDelivery;
import dev.scenarios.runtime.internal.ops.ObservedPathSender;
import dev.scenarios.runtime.internal.workspace.ApplicationProperties;
import dev.scenarios.runtime.internal.workspace.DeliveryOptions;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import dev.scenarios.runtime.internal.workspace.WorkspaceLibraries;
import dev.scenarios.runtime.internal.workspace.WorkspaceLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Service;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A running workspace: a started CamelContext with the {@code path} component, the workspace's connections opened once
 * and every enabled path bound to its connection, and (if asked) the scenarios loaded and running, with the sender of
 * the {@code delivery: queued} paths' queue ({@code <workspace>/data/queue}, or PostgreSQL as {@code workspace.yaml}
 * says). With the file store such a runtime holds {@code data/runtime.lock}, so a second one on the same workspace
 * refuses to start; with the PostgreSQL store several runtimes share the queue, each claiming messages with a lease.
 * {@link #close()} stops the scenarios, then the queue's sender, then closes the connections and the queue's store and
 * releases the lock.
 */
public final class ScenarioRuntime implements AutoCloseable {

    /** How many queued messages are delivered at once; each connection's own session cap applies as well. */
    private static final int QUEUE_PARALLELISM = 4;
    /** How soon the sender notices queue changes made from outside, e.g. {@code scenario queue --retry}. */
    private static final Duration QUEUE_POLL_INTERVAL = Duration.ofSeconds(1);

    private final CamelContext camel;
    /** False when the CamelContext is the host's ({@link PathCamelComponent}): then the host starts and stops it. */
    private final boolean ownsCamel;

    private final List<Connection> connections;
    private final PathComponent component;
    private final ProducerTemplate template;
    /** One per data bus in use, by bus number; empty when this runtime does not send the queue. */
    private final List<QueueSender> queueSenders;

    private final WorkspaceLock lock;
    private final QueueStore store;
    private final WorkspaceConnectorContext context;

    private ScenarioRuntime(
            CamelContext camel,
            boolean ownsCamel,
            List<Connection> connections,
            PathComponent component,
            List<QueueSender> queueSenders,
            WorkspaceLock lock,
            QueueStore store,
            WorkspaceConnectorContext context) {
        this.camel = camel;
        this.ownsCamel = ownsCamel;
        this.connections = connections;
        this.component = component;
        this.template = camel.createProducerTemplate();
        this.queueSenders = List.copyOf(queueSenders);
        this.lock = lock;
        this.store = store;
        this.context = context;
    }

    /**
     * Starts {@code workspace}: starts Camel, opens each enabled connection with a context that offers the
     * CamelContext, binds each enabled path, then (if {@code runScenarios}) loads and starts the scenarios. Blocks
     * until started; the scenarios then run on Camel's threads.
     *
     * @throws IllegalStateException if the workspace has problems, or ({@link WorkspaceLock.Held}) when
     *     {@code runScenarios}, the queue is the file store and another runtime already runs this workspace
     * @throws java.io.IOException when the queue's database (store: postgresql) cannot be reached or migrated
     * @throws Exception whatever Camel throws while starting a scenario; everything opened is closed first
     */
    public static ScenarioRuntime start(Workspace workspace, SendEvents events, boolean runScenarios) throws Exception {
        return start(workspace, events, runScenarios, runScenarios);
    }

    /**
     * Starts {@code workspace} to deliver its queue only ({@code scenario run --queue-only}): takes the workspace's
     * lock and starts the queue's sender, but loads no scenario, so no timer or consumer runs. Blocks until started.
     *
     * @throws IllegalStateException as {@link #start(Workspace, SendEvents, boolean)} with {@code runScenarios}
     */
    public static ScenarioRuntime startQueueOnly(Workspace workspace, SendEvents events) throws Exception {
        return start(workspace, events, true, false);
    }

    /**
     * Binds {@code workspace}'s paths inside the host's {@code camel} for {@link PathCamelComponent}: takes the
     * workspace's lock and sends its queue like {@code scenario run}, but loads no scenario (the host has its own
     * routes) and neither starts nor stops {@code camel}. Blocks until bound.
     *
     * @throws IllegalStateException as {@link #start(Workspace, SendEvents, boolean)} with {@code runScenarios}
     */
    static ScenarioRuntime startIn(CamelContext camel, Workspace workspace, SendEvents events) throws Exception {
        return start(camel, false, workspace, events, true, false);
    }

    private static ScenarioRuntime start(
            Workspace workspace, SendEvents events, boolean sendQueue, boolean runScenarios) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("scenarios");
        camel.disableJMX();
        camel.getShutdownStrategy().setTimeout(10);
        Properties placeholders = placeholders(workspace);
        camel.getPropertiesComponent().setInitialProperties(placeholders);
        WebhookServer.addTo(camel, placeholders);
        URLClassLoader libraries = WorkspaceLibraries.classLoader(workspace.directory());
        if (libraries != null) {
            camel.setApplicationContextClassLoader(libraries);
            camel.addService(new ClassLoaderCloser(libraries));
        }
        return start(camel, true, workspace, events, sendQueue, runScenarios);
    }

    private static ScenarioRuntime start(
            CamelContext camel,
            boolean ownsCamel,
            Workspace workspace,
            SendEvents events,
            boolean sendQueue,
            boolean runScenarios)
            throws Exception {
        if (!workspace.isValid()) {
            throw new IllegalStateException(
                    "the workspace has " + workspace.problems().size() + " problems; validate it first");
        }
        // One runtime per workspace with the file store; a shared store lets several claim messages with leases.
        WorkspaceLock lock = sendQueue && !workspace.queueSettings().shared()
                ? WorkspaceLock.acquire(workspace.dataDirectory())
                : null;
        List<Connection> opened = new ArrayList<>();
        List<QueueSender> buses = new ArrayList<>();
        QueueStore store = null;
        try {
            if (ownsCamel) {
                camel.start();
            }
            // Opened before the connections: with PostgreSQL they share their limits with the other runtimes through
            // it. Only a runtime that runs scenarios sends from the queue: a one-off `scenario send` just adds to it.
            store = QueueStore.open(workspace, sendQueue);
            WorkspaceConnectorContext context = new WorkspaceConnectorContext(
                    workspace.dataDirectory(),
                    camel,
                    events,
                    store.sharedLimits().orElse(null));
            Map<String, Connection> bySystemName = new LinkedHashMap<>();
            for (ConnectionDefinition c : workspace.connections()) {
                if (!c.disabled()) {
                    Connection connection = c.type().open(c.configuration(), context);
                    opened.add(connection);
                    bySystemName.put(c.systemName(), connection);
                }
            }
            Map<String, PathComponent.BoundPath> bound = new LinkedHashMap<>();
            for (PathDefinition p : workspace.paths()) {
                Connection connection = bySystemName.get(p.connectionName());
                boolean usable = !p.disabled() && connection != null;
                if (p.type().direction() == PathType.Direction.RECEIVE) {
                    bound.put(
                            p.systemName(),
                            new PathComponent.BoundPath(
                                    p,
                                    null,
                                    usable ? () -> p.type().source(p.configuration(), connection, context) : null,
                                    StepResponses.NONE));
                } else {
                    bound.put(
                            p.systemName(),
                            new PathComponent.BoundPath(
                                    p,
                                    usable
                                            ? ObservedPathSender.of(
                                                    p.systemName(),
                                                    // The bus is the path's lane: its own share of the
                                                    // connection's sessions, as it has its own queue workers.
                                                    p.type()
                                                            .bind(
                                                                    p.configuration(),
                                                                    connection,
                                                                    workspace.bus(p.systemName())),
                                                    events)
                                            : null,
                                    null,
                                    workspace.stepResponses(p.systemName())));
                }
            }
            Map<String, PathSender> senders = new LinkedHashMap<>();
            bound.forEach((name, path) -> {
                if (path.sender() != null) {
                    senders.put(name, path.sender());
                }
            });
            // Each data bus has its own sender (workers and scanner); bus 0 also takes messages of paths no longer in
            // the workspace.
            for (int bus = 0; sendQueue && bus < DeliveryOptions.BUSES; bus++) {
                int own = bus;
                buses.add(new QueueSender(
                        store.queue(),
                        store.journal(),
                        senders,
                        workspace::deliveryPolicy,
                        events,
                        Clock.systemUTC(),
                        QUEUE_PARALLELISM,
                        QUEUE_POLL_INTERVAL,
                        "queue-bus-" + bus,
                        path -> workspace.bus(path) == own));
            }
            QueuedDelivery queued = new QueuedDelivery(
                    store.queue(),
                    store.journal(),
                    Clock.systemUTC(),
                    path -> {
                        if (!buses.isEmpty()) {
                            buses.get(workspace.bus(path)).wake();
                        }
                    },
                    store.label());
            PathComponent component = new PathComponent(bound, events, workspace::deliveryPolicy, queued);
            if (ownsCamel) {
                camel.addComponent("path", component);
            } else {
                component.setCamelContext(camel);
            }
            ScenarioRuntime runtime =
                    new ScenarioRuntime(camel, ownsCamel, opened, component, buses, lock, store, context);
            // The file store makes accepted messages visible a moment after they are durable: wake every bus then.
            store.whenLaidOut(() -> buses.forEach(QueueSender::wake));
            for (QueueSender bus : buses) {
                bus.start();
            }
            if (runScenarios) {
                for (Path file : workspace.scenarioFiles()) {
                    Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
                    PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
                }
            }
            return runtime;
        } catch (Exception | Error e) {
            stop(ownsCamel ? camel : null, buses, opened, store, lock);
            throw e;
        }
    }

    /**
     * The property placeholders scenarios may use: {@code {{workspace}}} (the workspace folder) and
     * {@code {{workspace.data}}} (its data folder), e.g. {@code file:{{workspace.data}}?fileName=failures.log}, since a
     * relative {@code file:} would depend on the folder the runtime was started from; and every key of the workspace's
     * {@code application.properties} (the two above win).
     *
     * @throws UncheckedIOException if {@code application.properties} exists but cannot be read
     */
    public static Properties placeholders(Workspace workspace) {
        Properties properties;
        try {
            properties = ApplicationProperties.read(workspace.directory());
        } catch (IOException e) {
            throw new UncheckedIOException(ApplicationProperties.FILE + ": " + e.getMessage(), e);
        }
        properties.setProperty(
                ApplicationProperties.WORKSPACE, workspace.directory().toString());
        properties.setProperty(
                ApplicationProperties.WORKSPACE_DATA, workspace.dataDirectory().toString());
        return properties;
    }

    /**
     * Sends one message through path {@code pathName} exactly as a scenario step {@code to: path:…} would, with
     * {@code attributes} as the body. Blocks until the server's final reply (after the path's direct retries), or for a
     * {@code delivery: queued} path until the message is on disk: then the result has no accepted recipients and the
     * reply {@code queued as <id>, not sent yet}. Does I/O.
     *
     * @throws DeliveryException when nothing was delivered (also sets nothing else)
     * @throws IllegalArgumentException if no path has that name
     */
    public SendResult send(String pathName, Map<String, ?> attributes) throws DeliveryException {
        Exchange exchange = template.send(
                component.endpoint(pathName), e -> e.getMessage().setBody(new LinkedHashMap<>(attributes)));
        Exception failure = exchange.getException();
        if (failure instanceof DeliveryException delivery) {
            throw delivery;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return exchange.getProperty(PathComponent.RESULT_PROPERTY, SendResult.class);
    }

    /**
     * How many lines the queue's journal ({@code data/queue/events.log}, or the shared store's table) could not write
     * since the start, e.g. for a full disk.
     */
    public long journalWriteErrors() {
        return store.journal().writeErrors();
    }

    /**
     * How many writes of connection {@code connection}'s journal failed since the start (see {@link #journalError()}).
     */
    public long journalWriteErrors(String connection) {
        return context.journalFailures(connection);
    }

    /**
     * The latest journal write failure of any connection since the start, if any: the journal is evidence, so a failure
     * never changes a send's outcome; {@code scenario send --json} reports it as {@code journalError}. Already logged
     * once when it happened.
     */
    public Optional<String> journalError() {
        return context.journalError();
    }

    /**
     * The queue this runtime adds to (and, when it sends, sends from): the store {@code workspace.yaml} names. For the
     * queue's gauges; every method does I/O.
     */
    public MessageQueue queue() {
        return store.queue();
    }

    /**
     * How many network sessions the enabled connection {@code connection} holds now (see
     * {@link Connection#openSessions}). No I/O.
     *
     * @return the sessions open; 0 for a connection that is unknown, disabled or keeps none
     */
    public int openSessions(String connection) {
        for (Connection c : connections) {
            if (c.systemName().equals(connection)) {
                return c.openSessions();
            }
        }
        return 0;
    }

    /** The CamelContext the scenarios run in. */
    public CamelContext camelContext() {
        return camel;
    }

    /**
     * Stops the scenarios (in-flight messages get up to 10 s), then the queue's sender (attempts under way get up to 10
     * s), then closes the connections. Never throws.
     */
    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception ignored) {
            // closing anyway
        }
        stop(ownsCamel ? camel : null, queueSenders, connections, store, lock);
    }

    /** The {@code path} component's workings, for {@link PathCamelComponent} to make its endpoints with. */
    PathComponent pathComponent() {
        return component;
    }

    /** Closes the workspace's {@code lib/} class loader when the runtime's own CamelContext stops. */
    private record ClassLoaderCloser(URLClassLoader libraries) implements Service {
        @Override
        public void start() {}

        @Override
        public void stop() {
            WorkspaceLibraries.close(libraries);
        }
    }

    /**
     * The shutdown order, for a runtime and for a start that failed half-way: scenarios, queue senders, connections,
     * queue store, lock; {@code camel} is null when it is the host's.
     */
    private static void stop(
            CamelContext camel,
            List<QueueSender> senders,
            List<Connection> connections,
            QueueStore store,
            WorkspaceLock lock) {
        if (camel != null) {
            camel.stop();
        }
        senders.forEach(QueueSender::close);
        connections.forEach(Connection::close);
        if (store != null) {
            store.close();
        }
        if (lock != null) {
            lock.close();
        }
    }
}
