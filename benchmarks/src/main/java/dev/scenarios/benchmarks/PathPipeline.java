package dev.scenarios.benchmarks;

import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * The product's own pipeline, exactly as a scenario uses it: a workspace with one connection, one {@code smtp-send}
 * path and a scenario route {@code direct:send → path:bench}; each message is one exchange through that route.
 */
final class PathPipeline implements Candidate {

    private final ScenarioRuntime runtime;
    private final ProducerTemplate producer;
    private final Endpoint start;

    PathPipeline(Target target, Path workspace, Path pem, int sessions) throws Exception {
        write(workspace, target, pem, sessions);
        Workspace ws = Workspace.load(
                workspace,
                Connectors.fromClassPath(),
                target.password() == null ? Map.of() : Map.of("BENCH_PASSWORD", target.password()),
                Locale.ENGLISH);
        if (!ws.isValid()) {
            throw new IllegalStateException("benchmark workspace invalid: " + ws.problems());
        }
        runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true);
        producer = runtime.camelContext().createProducerTemplate();
        // Resolved once, as a route's consumer would be: a URI per message would be measured too.
        start = runtime.camelContext().getEndpoint("direct:send");
    }

    @Override
    public String name() {
        return "path";
    }

    @Override
    public void send(long index, int sizeBytes) {
        producer.sendBody(start, Map.of("N", index, "Body", Payloads.text(sizeBytes)));
    }

    @Override
    public void close() {
        runtime.close();
    }

    private static void write(Path ws, Target target, Path pem, int sessions) throws IOException {
        Files.createDirectories(ws.resolve("connections"));
        Files.createDirectories(ws.resolve("paths"));
        Files.createDirectories(ws.resolve("scenarios"));
        Files.copy(pem, ws.resolve("server.pem"));
        StringBuilder connection = new StringBuilder()
                .append("type: smtp\nsystemName: bench\njournal: off\n")
                .append("server: ")
                .append(target.host())
                .append('\n')
                .append("port: ")
                .append(target.port())
                .append('\n')
                .append("encryption: ")
                .append(target.startTls() ? "tls" : "none")
                .append('\n')
                .append("maxConnections: ")
                .append(sessions)
                .append('\n')
                .append("senderAddress: bench@example.com\ncheckWithoutSending: true\n");
        if (target.startTls()) {
            connection.append("trustedCertificates: server.pem\n");
        }
        if (target.auth()) {
            connection
                    .append("authentication: basic\nusername: ")
                    .append(target.user())
                    .append("\npassword: ${env:BENCH_PASSWORD}\n");
        }
        Files.writeString(ws.resolve("connections/bench.yaml"), connection);
        Files.writeString(ws.resolve("paths/bench.yaml"), """
                type: smtp-send
                systemName: bench
                connection: bench
                attributes:
                  - name: N
                    type: number
                  - name: Body
                to: sink@example.com
                subject: "Benchmark message {N}"
                body: "{Body}"
                """);
        Files.writeString(ws.resolve("scenarios/bench.yaml"), """
                - route:
                    id: bench
                    from:
                      uri: direct:send
                      steps:
                        - to: path:bench
                """);
    }
}
