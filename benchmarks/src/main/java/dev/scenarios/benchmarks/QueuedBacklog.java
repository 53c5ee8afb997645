package dev.scenarios.benchmarks;

import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.testing.DiscardSmtpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;

/**
 * Acceptance and memory under a backlog: {@value #PRODUCERS} threads hand {@code count} messages to a {@code delivery:
 * queued} path while the background sender delivers them to the embedded discard server, once without and once with
 * group commit. Reports the rate of each side, the peak heap used and the largest heap still live after a collection,
 * which is what stays bounded when messages are streamed from the queue rather than held in memory. Run it with a small
 * {@code -Xmx} to make the point: 100 000 messages of 2 KB are 200 MB.
 */
final class QueuedBacklog {

    private QueuedBacklog() {}

    /** How many threads hand messages to the queued path at once, as concurrent scenario steps would. */
    static final int PRODUCERS = 8;

    /**
     * Measures acceptance twice in one run, each in a fresh workspace: first with each message forcing its own two
     * files and folders (as before group commit), then with group commit (the queue's intake log: one forced append per
     * batch of concurrent messages); reports both and their ratio, and the memory figures of the second.
     */
    static String run(DiscardSmtpServer server, int count, int sizeBytes, Path workspace) throws Exception {
        System.setProperty("dev.scenarios.queue.groupCommit", "false");
        String single = once(server, count, sizeBytes, Files.createDirectories(workspace.resolve("single")));
        System.clearProperty("dev.scenarios.queue.groupCommit");
        String group = once(server, count, sizeBytes, Files.createDirectories(workspace.resolve("group")));
        double ratio = Double.parseDouble(group.split(" ", 2)[0]) / Double.parseDouble(single.split(" ", 2)[0]);
        return String.format(
                Locale.ROOT,
                "queued backlog, %d producers: one fsync per write: %s%ngroup commit: %s%n"
                        + "group commit accepts %.1fx as fast",
                PRODUCERS,
                single.split(" ", 2)[1],
                group.split(" ", 2)[1],
                ratio);
    }

    /** One measurement; the returned text starts with the acceptance rate in msg/s. */
    private static String once(DiscardSmtpServer server, int count, int sizeBytes, Path workspace) throws Exception {
        write(workspace, server.port());
        Workspace ws = Workspace.load(workspace, Connectors.fromClassPath(), Map.of(), Locale.ENGLISH);
        if (!ws.isValid()) {
            throw new IllegalStateException("benchmark workspace invalid: " + ws.problems());
        }
        long before = server.received();
        AtomicLong liveAfterGc = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> liveAfterGc.accumulateAndGet(usedAfterLastGc(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long cpuAtStart = Measurement.processCpuNanos();
        long enqueued;
        long cpuEnqueued;
        long delivered;
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
            ProducerTemplate producer = runtime.camelContext().createProducerTemplate();
            AtomicLong next = new AtomicLong();
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < PRODUCERS; t++) {
                Thread thread = new Thread(
                        () -> {
                            for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                                producer.sendBody("direct:send", Map.of("N", i, "Body", Payloads.text(sizeBytes)));
                            }
                        },
                        "producer-" + t);
                thread.start();
                producers.add(thread);
            }
            for (Thread thread : producers) {
                thread.join();
            }
            enqueued = System.nanoTime() - start;
            cpuEnqueued = Measurement.processCpuNanos() - cpuAtStart;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (server.received() - before < count && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            delivered = System.nanoTime() - start;
        } finally {
            sampler.shutdownNow();
        }
        long cpuDelivered = Measurement.processCpuNanos() - cpuAtStart;
        long peak =
                heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long got = server.received() - before;
        return String.format(
                Locale.ROOT,
                "%.0f %d messages of %d bytes; queued at %.0f msg/s (%.1f s); all %d delivered after %.1f s (%.0f msg/s);"
                        + " CPU per message %d µs while queuing, %d µs in all;"
                        + " peak heap used %d MiB, largest live after GC %d MiB, -Xmx %d MiB",
                count / (enqueued / 1e9),
                count,
                sizeBytes,
                count / (enqueued / 1e9),
                enqueued / 1e9,
                got,
                delivered / 1e9,
                got / (delivered / 1e9),
                cpuEnqueued / 1000 / count,
                cpuDelivered / 1000 / Math.max(1, got),
                peak >> 20,
                liveAfterGc.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long usedAfterLastGc() {
        return heapPools().stream()
                .map(MemoryPoolMXBean::getCollectionUsage)
                .filter(u -> u != null)
                .mapToLong(u -> u.getUsed())
                .sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }

    private static void write(Path ws, int port) throws java.io.IOException {
        Files.createDirectories(ws.resolve("connections"));
        Files.createDirectories(ws.resolve("paths"));
        Files.createDirectories(ws.resolve("scenarios"));
        Files.writeString(ws.resolve("connections/bench.yaml"), """
                type: smtp
                systemName: bench
                journal: off
                server: localhost
                encryption: none
                maxConnections: 4
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
