package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.runtime.internal.delivery.FileMessageQueue;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bus: 0..3}: each data bus has its own queue sender, so 10 000 queued messages on bus 3, whose server stalls
 * every transfer, do not delay one urgent message on bus 0.
 */
class DataBusTest {

    private static final int BULK = 10_000;

    @TempDir
    Path temp;

    @Test
    void aBacklogOnBusThreeNeverDelaysBusZero() throws Exception {
        // Ten thousand fsync'ed messages take minutes on a disk and a second in memory: the queue's
        // durability is tested elsewhere, this test is about the buses.
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "bus-test") : temp;
        try {
            backlog(dir);
        } finally {
            if (!dir.equals(temp)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private void backlog(Path dir) throws Exception {
        ScriptedSmtpServer.Script healthy = new ScriptedSmtpServer.Script() {};
        try (ScriptedSmtpServer slow = ScriptedSmtpServer.start(healthy).on("DATA", ScriptedSmtpServer.stall());
                ScriptedSmtpServer fast = ScriptedSmtpServer.start(healthy)) {
            TestWorkspace files = new TestWorkspace(dir)
                    .write("connections/bulk.yaml", connection("bulk_smtp", slow.port()))
                    .write("connections/alerts.yaml", connection("alert_smtp", fast.port()))
                    .write("paths/bulk.yaml", path("bulk", "bulk_smtp", 3))
                    .write("paths/alerts.yaml", path("alerts", "alert_smtp", 0))
                    .write("scenarios/alert.yaml", """
                            - route:
                                from:
                                  uri: direct:alert
                                  steps:
                                    - to: path:alerts?responseVariable=response
                            """);
            Workspace ws = Workspace.load(dir, Connectors.fromClassPath(), Map.of(), java.util.Locale.ENGLISH);
            assertThat(ws.problems()).isEmpty();
            FileMessageQueue queue = new FileMessageQueue(ws.queueDirectory());
            Instant now = Instant.now();
            for (int i = 0; i < BULK; i++) {
                queue.add(
                        "bulk",
                        new PreparedMessage(
                                "<bulk-" + i + "@example.com>",
                                List.of("list@example.com"),
                                ("Subject: bulk " + i + "\r\n\r\nnews\r\n").getBytes(StandardCharsets.US_ASCII)),
                        now,
                        now.plus(Duration.ofHours(1)));
            }

            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                // Bus 3's workers are all stuck in a stalled transfer.
                assertThat(await(Duration.ofSeconds(10), () -> slow.connections() >= 1))
                        .isTrue();

                // The first alert also loads the mail classes and opens the route: bounded, but not what is measured.
                Exchange first = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:alert",
                                e -> e.getMessage()
                                        .setBody(Map.of(
                                                "Text",
                                                "warm-up",
                                                "To",
                                                List.of(Map.of("Address", "ops@example.com")))));
                assertThat(first.getException()).isNull();
                assertThat(await(Duration.ofSeconds(10), () -> fast.withData().size() == 1))
                        .isTrue();

                long start = System.nanoTime();
                Exchange done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:alert",
                                e -> e.getMessage()
                                        .setBody(Map.of(
                                                "Text",
                                                "disk full",
                                                "To",
                                                List.of(Map.of("Address", "ops@example.com")))));
                assertThat(done.getException()).isNull();

                assertThat(await(Duration.ofSeconds(1), () -> fast.withData().size() == 2))
                        .as("bus 0 delivered within a second")
                        .isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(fast.withData().get(1).messageId())
                        .isEqualTo(done.getVariable("response", Map.class).get("messageId"));
                assertThat(slow.withData()).isEmpty();
            }

            CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
            assertThat(list.out()).contains("path bulk  bus 3  <bulk-0@example.com>");
        }
    }

    private static String connection(String name, int port) {
        return """
                type: smtp
                systemName: %s
                journal: errors
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                connectTimeout: 2s
                readTimeout: 2s
                writeTimeout: 2s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(name, port);
    }

    private static String path(String name, String connection, int bus) {
        return """
                type: smtp-send
                systemName: %s
                connection: %s
                delivery: queued
                bus: %d
                attributes:
                  - name: Text
                subject: "%s {Text}"
                body: "{Text}"
                """.formatted(name, connection, bus, name);
    }
}
