package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.delivery.PostgresMessageQueue;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace.yaml} with {@code queue.store: postgresql} against a real PostgreSQL server ({@link TestPostgres})
 * and a real SMTP server on loopback: two runtimes share the queue, and {@code scenario queue} shows and edits it.
 */
class SharedQueueTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private DeliveryWorkspace workspace(int port) {
        return workspace(port, "");
    }

    /** As {@link #workspace(int)}, with {@code more} path settings, e.g. {@code bus: 1}. */
    private DeliveryWorkspace workspace(int port, String more) {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, """
                delivery: queued
                retry:
                  backoff: [200ms]
                  jitter: 0
                """ + more);
        ws.files.write("workspace.yaml", TestPostgres.workspaceYaml(TestPostgres.newSchema()));
        return ws;
    }

    private static List<QueuedMessage> queued(Workspace ws) {
        try (QueueStore store = QueueStore.open(ws, false)) {
            return QueueListing.all(store.queue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void twoRuntimesOnOneWorkspaceDrainTheSharedQueueAndSendEveryMessageOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Workspace ws = workspace(server.port()).load();
            List<String> messageIds = new ArrayList<>();
            try (ScenarioRuntime one = ScenarioRuntime.start(ws, SendEvents.NONE, true);
                    ScenarioRuntime two = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                CliRun runtimes = CliRun.of("queue", dir.toString(), "--runtimes");
                assertThat(runtimes.exitCode()).isZero();
                assertThat(runtimes.out().lines().filter(l -> l.contains("host")))
                        .hasSize(2);

                for (int i = 0; i < 40; i++) {
                    SendResult queued = (i % 2 == 0 ? one : two)
                            .send("orders", DeliveryWorkspace.order("A-" + i, "anna@example.com"));
                    assertThat(queued.serverReply()).startsWith("queued as ");
                    messageIds.add(queued.messageId());
                }
                assertThat(await(LIMIT, () -> queued(ws).isEmpty()))
                        .as("the queue drains")
                        .isTrue();
            }
            Map<String, Long> received = server.withData().stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Transaction::messageId, Collectors.counting()));
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(messageIds);
            // No runtime died, no lease expired: nothing is a possible duplicate, so nothing may arrive twice.
            assertThat(received.values()).allMatch(count -> count == 1);
            CliRun none = CliRun.of("queue", dir.toString(), "--runtimes");
            assertThat(none.out()).contains("no runtime is sending this queue");
        }
    }

    @Test
    void theQueueCommandListsRetriesAndPurgesThePostgresqlQueue() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Workspace ws = workspace(server.port(), "bus: 1\n").load();
            SendResult first;
            SendResult second;
            // A runtime that does not send (as `scenario send` runs): the messages stay queued.
            try (ScenarioRuntime producer = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
                first = producer.send("orders", DeliveryWorkspace.order("B-1", "anna@example.com"));
                second = producer.send("orders", DeliveryWorkspace.order("B-2", "ben@example.com"));
            }
            assertThat(Files.exists(dir.resolve("data/queue")))
                    .as("nothing in the folder store")
                    .isFalse();

            // With the SMTP connector on the class path, as the product runs: the path's bus is read from its file.
            CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
            assertThat(list.exitCode()).isZero();
            assertThat(list.out())
                    .contains(first.messageId())
                    .contains(second.messageId())
                    .contains("path orders  bus 1  " + first.messageId())
                    .contains("anna@example.com")
                    .contains("2 pending, 0 deferred, 0 sending, 0 dead, 0 damaged");
            CliRun json = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--json");
            assertThat(json.out())
                    .contains("\"state\" : \"PENDING\"")
                    .contains("\"bus\" : 1")
                    .contains("\"messageId\" : \"" + first.messageId() + "\"");

            Map<String, QueuedMessage> byMessageId =
                    queued(ws).stream().collect(Collectors.toMap(QueuedMessage::messageId, Function.identity()));
            String purged = byMessageId.get(second.messageId()).id();
            CliRun purge = CliRun.of("queue", dir.toString(), "--purge", purged);
            assertThat(purge.exitCode()).isZero();
            assertThat(CliRun.of("queue", dir.toString(), "--purge", purged).exitCode())
                    .isEqualTo(1);
            CliRun retry = CliRun.of(
                    "queue",
                    dir.toString(),
                    "--retry",
                    byMessageId.get(first.messageId()).id());
            assertThat(retry.out()).contains("no runtime is running on this workspace");

            try (ScenarioRuntime sender = ScenarioRuntime.startQueueOnly(ws, SendEvents.NONE)) {
                assertThat(await(LIMIT, () -> queued(ws).isEmpty())).isTrue();
            }
            assertThat(server.withData())
                    .extracting(ScriptedSmtpServer.Transaction::messageId)
                    .containsExactly(first.messageId());
        }
    }

    @Test
    void aMessageLeftSendingByAKilledRuntimeIsSentByAnotherFlaggedWithTheSameMessageId() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Workspace ws = workspace(server.port()).load();
            SendResult queued;
            try (ScenarioRuntime producer = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
                queued = producer.send("orders", DeliveryWorkspace.order("C-1", "anna@example.com"));
            }
            // A runtime claims it and is killed before it renews its lease: it never sends, never releases.
            try (PostgresMessageQueue killed = PostgresMessageQueue.open(
                    ws.queueSettings(), "killed-runtime", "app1", Duration.ofMillis(300), false)) {
                QueuedMessage m = queued(ws).get(0);
                assertThat(killed.claim(new QueuedMessage(
                                m.id(),
                                m.path(),
                                m.messageId(),
                                m.owed(),
                                m.delivered(),
                                m.refused(),
                                QueuedMessage.State.SENDING,
                                1,
                                m.queuedAt(),
                                m.nextAttemptAt(),
                                m.expiresAt(),
                                "",
                                false,
                                "")))
                        .isTrue();
            }

            try (ScenarioRuntime survivor = ScenarioRuntime.start(ws, SendEvents.NONE, true)) {
                assertThat(await(LIMIT, () -> queued(ws).isEmpty())).isTrue();
            }

            assertThat(server.withData())
                    .extracting(ScriptedSmtpServer.Transaction::messageId)
                    .containsExactly(queued.messageId());
            List<String> journal;
            try (QueueStore store = QueueStore.open(ws, false)) {
                journal = store.postgres().orElseThrow().journalLines();
            }
            assertThat(journal)
                    .anySatisfy(line -> assertThat(line)
                            .contains(" POSSIBLE_DUPLICATE ")
                            .contains(queued.messageId())
                            .contains("runtime killed-runtime stopped renewing its lease during attempt 1"));
            assertThat(journal)
                    .filteredOn(line -> line.contains(" SENT "))
                    .singleElement()
                    .satisfies(line ->
                            assertThat(line).contains(queued.messageId()).contains("attempt 2 (possible duplicate)"));
        }
    }

    @Test
    void anUnreachableQueueDatabaseFailsTheCommandClearly() {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 2525, "delivery: queued");
        ws.files.write("workspace.yaml", """
                queue:
                  store: postgresql
                  url: jdbc:postgresql://127.0.0.1:1/mail?connectTimeout=2
                  username: mail
                  password: ${env:MAIL_PASSWORD}
                """);

        CliRun list = CliRun.of("queue", dir.toString());

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err())
                .contains(
                        "cannot open the queue: cannot connect to the queue database jdbc:postgresql://127.0.0.1:1/mail")
                .doesNotContain(CliRun.ENVIRONMENT.get("MAIL_PASSWORD"));
    }
}
