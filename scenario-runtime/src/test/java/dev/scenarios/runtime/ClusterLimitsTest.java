package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.testing.TestPostgres;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code queue.store: postgresql} a connection's {@code maxConnections} and {@code maxMessagesPerMinute} hold for
 * all runtimes of the queue together: three runtimes in this JVM (each with its own database sessions, as three
 * processes would have) drain one queue into a real SMTP server on loopback that counts its open sessions and when each
 * message arrived. The same with separate processes killed at random: {@code ClusterProcessesTest}.
 */
class ClusterLimitsTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Workspace workspace(int port, String limits) {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, """
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
                readTimeout: 2s
                writeTimeout: 2s
                senderAddress: shop@example.com
                checkWithoutSending: true
                %s
                """.formatted(port, limits.strip()));
        ws.files.write("workspace.yaml", TestPostgres.workspaceYaml(TestPostgres.newSchema()));
        return ws.load();
    }

    private static List<QueuedMessage> queued(Workspace ws) {
        try (QueueStore store = QueueStore.open(ws, false)) {
            return QueueListing.all(store.queue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void threeRuntimesNeverOpenMoreSessionsThanMaxConnectionsTogether() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            // Each runtime alone would open 2 sessions: 6 together without the shared slots.
            Workspace ws = workspace(server.port(), "maxConnections: 2");
            List<String> messageIds = new ArrayList<>();
            try (ScenarioRuntime producer = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
                for (int i = 0; i < 60; i++) {
                    SendResult queued = producer.send("orders", DeliveryWorkspace.order("L-" + i, "anna@example.com"));
                    messageIds.add(queued.messageId());
                }
            }
            try (ScenarioRuntime one = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE);
                    ScenarioRuntime two = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE);
                    ScenarioRuntime three = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE)) {
                assertThat(await(LIMIT, () -> queued(ws).isEmpty()))
                        .as("the queue drains")
                        .isTrue();
            }
            Map<String, Long> received = server.withData().stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Transaction::messageId, Collectors.counting()));
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(messageIds);
            assertThat(received.values()).allMatch(count -> count == 1);
            assertThat(server.peakSessions())
                    .as("sessions open at once, all runtimes together")
                    .isBetween(1, 2);
        }
    }

    @Test
    void threeRuntimesTogetherSendNoFasterThanMaxMessagesPerMinute() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            // 240 a minute: one every 250 ms for the three together (each alone would send every 250 ms).
            Workspace ws = workspace(server.port(), "maxMessagesPerMinute: 240");
            try (ScenarioRuntime producer = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
                for (int i = 0; i < 16; i++) {
                    producer.send("orders", DeliveryWorkspace.order("R-" + i, "anna@example.com"));
                }
            }
            try (ScenarioRuntime one = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE);
                    ScenarioRuntime two = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE);
                    ScenarioRuntime three = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE)) {
                assertThat(await(LIMIT, () -> queued(ws).isEmpty())).isTrue();
            }
            List<Long> times = server.mailFromTimes();
            assertThat(times).hasSize(16);
            assertSpacedAtLeast(times, Duration.ofMillis(250));
        }
    }

    /**
     * Asserts that any {@code k+1} consecutive starts span at least {@code k-1} intervals less 250 ms: the turns are
     * spaced exactly by the database, but the time from a message's turn to its MAIL FROM varies (a new session
     * connects first; this machine is shared), so one start may come late and the next on time. Without the shared
     * limit three runtimes start three messages per interval and fail this by far.
     */
    static void assertSpacedAtLeast(List<Long> nanos, Duration interval) {
        List<Long> sorted = nanos.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                long spanMillis = TimeUnit.NANOSECONDS.toMillis(sorted.get(j) - sorted.get(i));
                assertThat(spanMillis)
                        .as("time from start %d to %d", i, j)
                        .isGreaterThanOrEqualTo((j - i - 1) * interval.toMillis() - 250);
            }
        }
    }
}
