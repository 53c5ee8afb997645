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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each data bus has its own share of a connection's sessions: 10 000 messages queued on bus 3 keep every session they
 * may have busy on a server that answers their RCPT only after the client has given up, and a message queued on bus 0
 * over the SAME connection, and one sent with {@code async=true}, still reach the server within a second.
 */
class BusSessionShareTest {

    private static final int BULK = 10_000;
    private static final String BULK_RECIPIENT = "list@example.com";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "maxConnections {0}")
    @ValueSource(ints = {2, 3, 4})
    void aBacklogOnBusThreeLeavesBusZeroItsSession(int maxConnections) throws Exception {
        // Ten thousand fsync'ed messages take minutes on a disk and a second in memory: the queue's
        // durability is tested elsewhere, this test is about the buses.
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "bus-share") : temp;
        try {
            backlog(dir, maxConnections);
        } finally {
            if (!dir.equals(temp)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** A server slow for the bulk list only: its RCPT is answered when the test ends, long after the 2 s timeout. */
    private static final class SlowForBulk implements ScriptedSmtpServer.Script {
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger stalled = new AtomicInteger();

        @Override
        public String rcpt(int transaction, String address) {
            if (address.equals(BULK_RECIPIENT)) {
                stalled.incrementAndGet();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stalled.decrementAndGet();
            }
            return "250 2.1.5 Ok";
        }
    }

    private void backlog(Path dir, int maxConnections) throws Exception {
        SlowForBulk script = new SlowForBulk();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            TestWorkspace files = new TestWorkspace(dir)
                    .write("connections/mail.yaml", connection(server.port(), maxConnections))
                    .write("paths/bulk.yaml", path("bulk", "queued", 3))
                    .write("paths/alerts.yaml", path("alerts", "queued", 0))
                    .write("paths/notes.yaml", path("notes", "direct", 0))
                    .write("scenarios/alert.yaml", """
                            - route:
                                from:
                                  uri: direct:alert
                                  steps:
                                    - to: path:alerts?responseVariable=response
                            - route:
                                from:
                                  uri: direct:note
                                  steps:
                                    - to: path:notes?async=true&responseVariable=response
                            """);
            Workspace ws = Workspace.load(dir, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
            assertThat(ws.problems()).isEmpty();
            FileMessageQueue queue = new FileMessageQueue(ws.queueDirectory());
            Instant now = Instant.now();
            for (int i = 0; i < BULK; i++) {
                queue.add(
                        "bulk",
                        new PreparedMessage(
                                "<bulk-" + i + "@example.com>",
                                List.of(BULK_RECIPIENT),
                                ("Subject: bulk " + i + "\r\n\r\nnews\r\n").getBytes(StandardCharsets.US_ASCII)),
                        now,
                        now.plus(Duration.ofHours(1)));
            }

            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                // Bus 3 holds every session its share allows (all but bus 0's own one), each stuck in RCPT.
                assertThat(await(Duration.ofSeconds(10), () -> script.stalled.get() >= maxConnections - 1))
                        .as("bus 3 holds at least %d sessions", maxConnections - 1)
                        .isTrue();

                // The first alert also loads the mail classes and opens the route: bounded, but not what is measured.
                assertThat(send(runtime, "direct:alert", "warm-up").getException())
                        .isNull();
                assertThat(await(Duration.ofSeconds(10), () -> delivered(server) == 1))
                        .isTrue();

                long start = System.nanoTime();
                Exchange alert = send(runtime, "direct:alert", "disk full");
                assertThat(alert.getException()).isNull();
                assertThat(await(Duration.ofSeconds(1), () -> delivered(server) == 2))
                        .as("the bus-0 message queued behind 10 000 on bus 3 reaches the server within a second")
                        .isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(server.withData().get(1).messageId())
                        .isEqualTo(alert.getVariable("response", Map.class).get("messageId"));

                start = System.nanoTime();
                Exchange note = send(runtime, "direct:note", "async note");
                assertThat(note.getException()).isNull();
                assertThat(await(Duration.ofSeconds(1), () -> delivered(server) == 3))
                        .as("an async send on bus 0 reaches the server within a second")
                        .isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(server.withData().get(2).messageId())
                        .isEqualTo(note.getVariable("response", Map.class).get("messageId"));

                // Bus 3 still holds its share, and no more: the bus-0 messages did not wait for it to let go.
                assertThat(script.stalled.get()).isEqualTo(maxConnections - 1);
                assertThat(server.withData()).noneMatch(t -> t.recipients().contains(BULK_RECIPIENT));
            } finally {
                script.released.countDown();
            }
        }
    }

    private static int delivered(ScriptedSmtpServer server) {
        return (int) server.withData().stream()
                .filter(t -> t.recipients().equals(List.of("ops@example.com")))
                .count();
    }

    private static Exchange send(ScenarioRuntime runtime, String uri, String text) {
        return runtime.camelContext()
                .createProducerTemplate()
                .send(
                        uri,
                        e -> e.getMessage()
                                .setBody(Map.of("Text", text, "To", List.of(Map.of("Address", "ops@example.com")))));
    }

    private static String connection(int port, int maxConnections) {
        return """
                type: smtp
                systemName: mail
                journal: errors
                server: 127.0.0.1
                port: %d
                encryption: none
                authentication: none
                maxConnections: %d
                connectTimeout: 2s
                readTimeout: 2s
                writeTimeout: 2s
                senderAddress: shop@example.com
                checkWithoutSending: true
                """.formatted(port, maxConnections);
    }

    private static String path(String name, String delivery, int bus) {
        return """
                type: smtp-send
                systemName: %s
                connection: mail
                delivery: %s
                bus: %d
                attributes:
                  - name: Text
                subject: "%s {Text}"
                body: "{Text}"
                """.formatted(name, delivery, bus, name);
    }
}
