package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.testing.TestPostgres;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "done when": three runtimes, each {@code scenario run} in its own JVM, share one PostgreSQL outbox (a real
 * server started by this test JVM) and one connection with {@code maxConnections: 2} and {@code maxMessagesPerMinute:
 * 1200} to a counting SMTP server in this JVM. Each runs a scenario that enqueues orders; one of them, chosen at
 * random, is killed with {@code kill -9} at a random moment and started again, three times. Then every order whose step
 * returned was delivered, with one Message-ID per order; a message that arrived twice was flagged
 * {@code POSSIBLE_DUPLICATE} in {@code queue_event}; the server never saw more than 2 sessions at once; and the starts
 * of all runtimes together never came faster than 1200 a minute.
 */
class ClusterProcessesTest {

    private static final Pattern ACCEPTED = Pattern.compile("ACCEPTED (P\\d+-\\d+)");
    private static final Pattern ORDER = Pattern.compile("Subject: Order (P\\d+-\\d+)");
    /** A killed runtime's lease (30 s) must expire before another runtime resends its message. */
    private static final Duration DRAIN = Duration.ofSeconds(150);

    @TempDir
    Path dir;

    private int starts;

    @Test
    void threeRuntimeProcessesKilledAtRandomLoseNothingAndKeepTheLimits() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), """
                    delivery: queued
                    retry:
                      backoff: [200ms]
                      jitter: 0
                    """);
            ws.files.write("connections/mail.yaml", """
                    type: smtp
                    systemName: mail
                    journal: errors
                    server: 127.0.0.1
                    port: %d
                    encryption: none
                    authentication: none
                    connectTimeout: 2s
                    readTimeout: 5s
                    writeTimeout: 2s
                    senderAddress: shop@example.com
                    checkWithoutSending: true
                    maxConnections: 2
                    maxMessagesPerMinute: 1200
                    """.formatted(server.port()));
            ws.files.write("workspace.yaml", TestPostgres.workspaceYaml(TestPostgres.newSchema()));
            ws.files.write("scenarios/orders.yaml", """
                    - route:
                        from:
                          uri: timer:orders?repeatCount=30&period=50&includeMetadata=true
                          steps:
                            - setVariable:
                                name: OrderNo
                                simple: "${sys.order.prefix}-${header.CamelTimerCounter}"
                            - setVariable:
                                name: To
                                constant: '[{"Address": "anna@example.com"}]'
                            - to: path:orders
                            - log: "ACCEPTED ${variable.OrderNo}"
                    """);
            Workspace loaded = ws.load();

            List<String> logs = new ArrayList<>();
            Process[] runtimes = new Process[3];
            String[] current = new String[3];
            StringBuilder story = new StringBuilder("seed " + seed + "\n");
            try {
                for (int i = 0; i < runtimes.length; i++) {
                    runtimes[i] = start(logs);
                    current[i] = logs.get(logs.size() - 1);
                }
                for (int round = 0; round < 3; round++) {
                    int victim = random.nextInt(runtimes.length);
                    Process process = runtimes[victim];
                    String log = current[victim];
                    assertThat(await(
                                    Duration.ofSeconds(60), () -> read(log).contains("ACCEPTED") || !process.isAlive()))
                            .as(read(log))
                            .isTrue();
                    assertThat(process.isAlive()).as(read(log)).isTrue();
                    long delay = random.nextInt(1500);
                    // A bounded pause, not a wait for something: the kill lands at an arbitrary point.
                    process.waitFor(delay, TimeUnit.MILLISECONDS);
                    process.destroyForcibly();
                    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    story.append("round ")
                            .append(round)
                            .append(": killed ")
                            .append(log)
                            .append(" after ")
                            .append(delay)
                            .append(" ms, received so far ")
                            .append(server.withData().size())
                            .append('\n');
                    runtimes[victim] = start(logs);
                    current[victim] = logs.get(logs.size() - 1);
                }
                Set<String> accepted = new HashSet<>();
                // Every runtime's timer ends after its 30 orders; then the queue drains (after the killed leases
                // expire).
                boolean drained = await(DRAIN, () -> {
                    accepted.clear();
                    logs.forEach(l -> accepted.addAll(accepted(read(l))));
                    return allProducersDone(current, runtimes)
                            && queued(loaded).isEmpty()
                            && orders(server).keySet().containsAll(accepted);
                });
                assertThat(drained)
                        .as(story + "accepted " + accepted.size() + ", received "
                                + orders(server).size() + "\n" + read(logs.get(logs.size() - 1)))
                        .isTrue();

                Map<String, Set<String>> idsByOrder = orders(server);
                String context = story + "accepted " + accepted.size() + ", received "
                        + server.withData().size() + " copies of " + idsByOrder.size() + " orders";
                assertThat(accepted).as(context).isNotEmpty();
                assertThat(idsByOrder.keySet()).as(context).containsAll(accepted);
                idsByOrder.forEach((order, ids) ->
                        assertThat(ids).as("one Message-ID per order " + order).hasSize(1));

                Map<String, Long> copies = server.withData().stream()
                        .collect(Collectors.groupingBy(
                                ScriptedSmtpServer.Transaction::messageId, Collectors.counting()));
                List<String> journal;
                try (QueueStore store = QueueStore.open(loaded, false)) {
                    journal = store.postgres().orElseThrow().journalLines();
                }
                copies.forEach((messageId, n) -> {
                    if (n > 1) {
                        assertThat(journal)
                                .as("a message that arrived twice was flagged; " + context)
                                .anyMatch(line -> line.contains(" POSSIBLE_DUPLICATE ") && line.contains(messageId));
                    }
                });
                assertThat(journal)
                        .as("nothing dead or damaged")
                        .noneMatch(l -> l.contains(" DEAD ") || l.contains(" DAMAGED "));
                assertThat(server.peakSessions())
                        .as("sessions open at once, all runtimes together; " + context)
                        .isBetween(1, 2);
                ClusterLimitsTest.assertSpacedAtLeast(server.mailFromTimes(), Duration.ofMillis(50));
                System.out.println(context + "; peak sessions " + server.peakSessions());
            } finally {
                for (Process p : runtimes) {
                    if (p != null) {
                        p.destroy();
                    }
                }
                for (Process p : runtimes) {
                    if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    /** Starts {@code scenario run} in a new JVM whose orders are numbered {@code P<n>-…}; its log is added to logs. */
    private Process start(List<String> logs) throws IOException {
        int n = starts++;
        String log = "runtime" + n + ".log";
        logs.add(log);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-Dorder.prefix=P" + n,
                        "-cp",
                        classPath,
                        "dev.scenarios.runtime.cli.ScenarioCommand",
                        "run",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

    /** Whether every live runtime's timer has produced all its orders (a killed one produces no more). */
    private boolean allProducersDone(String[] current, Process[] runtimes) {
        for (int slot = 0; slot < runtimes.length; slot++) {
            if (runtimes[slot].isAlive() && accepted(read(current[slot])).size() < 30) {
                return false;
            }
        }
        return true;
    }

    private static List<QueuedMessage> queued(Workspace ws) {
        try (QueueStore store = QueueStore.open(ws, false)) {
            return QueueListing.all(store.queue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> accepted(String log) {
        Set<String> out = new HashSet<>();
        Matcher m = ACCEPTED.matcher(log);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The Message-IDs the server received for each order. */
    private static Map<String, Set<String>> orders(ScriptedSmtpServer server) {
        Map<String, Set<String>> out = new HashMap<>();
        for (ScriptedSmtpServer.Transaction t : server.withData()) {
            Matcher m = ORDER.matcher(t.data());
            if (m.find()) {
                out.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(t.messageId());
            }
        }
        return out;
    }

    private String read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "(no output)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
