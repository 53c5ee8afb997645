package dev.scenarios.runtime.internal.ops;

import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.ServiceStatus;

/**
 * Health and metrics of a running workspace ({@code scenario run --management-port}): made before the runtime starts,
 * so that its {@link #events()} see the first message; {@link #serve} then adds what only the started runtime knows and
 * opens the management port.
 */
public final class RuntimeOps {

    private static final String JOURNAL_ERRORS =
            "Journal lines that could not be written: the queue's (data/queue/events.log) or a connection's";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SendMetrics metrics;
    private final ConnectionHealth health;
    private final Set<String> connections;

    private RuntimeOps(Map<String, String> connectionOfPath) {
        this.connections = new TreeSet<>(connectionOfPath.values());
        this.metrics = new SendMetrics(registry, connectionOfPath);
        this.health = new ConnectionHealth(connectionOfPath, Clock.systemUTC());
    }

    /** The ops of {@code workspace}'s enabled paths and their connections. No I/O. */
    public static RuntimeOps of(Workspace workspace) {
        Map<String, String> connectionOfPath = new LinkedHashMap<>();
        for (PathDefinition p : workspace.paths()) {
            if (!p.disabled()) {
                connectionOfPath.put(p.systemName(), p.connectionName());
            }
        }
        return new RuntimeOps(connectionOfPath);
    }

    /** What the runtime must tell: sends (metrics) and attempts (metrics and connection health). */
    public SendEvents events() {
        return SendEvents.all(metrics, health);
    }

    /**
     * Adds the gauges of {@code runtime}'s queue (the store {@code workspace.yaml} names) and of its connections'
     * sessions, counts its journal write errors and opens the management port on {@code host}:{@code port}: live while
     * the scenarios' CamelContext is started, ready while it is and no connection in use is DOWN.
     *
     * @throws IOException if the address cannot be bound
     */
    public ManagementServer serve(ScenarioRuntime runtime, String host, int port) throws IOException {
        QueueGauges.register(registry, runtime.queue(), Clock.systemUTC());
        for (String connection : connections) {
            // by connection name only: no address in a label
            Gauge.builder("scenario.sessions.open", runtime, r -> r.openSessions(connection))
                    .description("Network sessions a connection holds now, in use or idle (SMTP: its pool)")
                    .tag("connection", connection)
                    .strongReference(true)
                    .register(registry);
        }
        FunctionCounter.builder("scenario.journal.write.errors", runtime, ScenarioRuntime::journalWriteErrors)
                .description(JOURNAL_ERRORS)
                .tag("journal", "queue")
                .tag("connection", "")
                .register(registry);
        for (String connection : connections) {
            FunctionCounter.builder("scenario.journal.write.errors", runtime, r -> r.journalWriteErrors(connection))
                    .description(JOURNAL_ERRORS)
                    .tag("journal", "connection")
                    .tag("connection", connection)
                    .register(registry);
        }
        return ManagementServer.start(
                host,
                port,
                new OpsEndpoints(
                        registry,
                        () -> new OpsEndpoints.Health(
                                status(runtime) != ServiceStatus.Stopped,
                                Map.of("scenarios", status(runtime).name())),
                        () -> {
                            ServiceStatus status = status(runtime);
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("scenarios", status.name());
                            details.put("connections", health.json());
                            return new OpsEndpoints.Health(status == ServiceStatus.Started && health.ready(), details);
                        }));
    }

    private static ServiceStatus status(ScenarioRuntime runtime) {
        return runtime.camelContext().getStatus();
    }
}
