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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenario queue --export FILE} / {@code --import FILE} move queued and dead messages from the folder to
 * PostgreSQL and back: nothing lost, nothing added twice when an import is repeated, a damaged entry refused with its
 * file and line, and no move while a runtime sends the queue.
 */
class QueueTransferTest {

    @TempDir
    Path dir;

    @TempDir
    Path exports;

    private static List<QueuedMessage> queued(Workspace ws) {
        try (QueueStore store = QueueStore.open(ws, false)) {
            return QueueListing.all(store.queue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void messagesMoveFromTheFolderToPostgresqlAndBackWithoutLossOrDuplicates() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), "delivery: queued");
            List<String> messageIds = new ArrayList<>();
            // A runtime that does not send: the messages stay in the folder.
            try (ScenarioRuntime producer = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
                for (int i = 0; i < 3; i++) {
                    SendResult queued = producer.send("orders", DeliveryWorkspace.order("M-" + i, "anna@example.com"));
                    messageIds.add(queued.messageId());
                }
            }
            QueuedMessage third = ws.queued().stream()
                    .filter(m -> m.messageId().equals(messageIds.get(2)))
                    .findFirst()
                    .orElseThrow();
            ws.queue()
                    .update(third.damaged("refused: 554 no such mailbox")
                            .with(QueuedMessage.State.DEAD, third.nextAttemptAt()));

            Path file = exports.resolve("queue.jsonl");
            CliRun export = CliRun.of("queue", dir.toString(), "--export", file.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.out()).contains("2 queued and 1 dead messages moved out of data/queue into " + file);
            assertThat(CliRun.of("queue", dir.toString()).out()).contains("the queue is empty");

            ws.files.write("workspace.yaml", TestPostgres.workspaceYaml(TestPostgres.newSchema()));
            CliRun imported = CliRun.of("queue", dir.toString(), "--import", file.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out())
                    .contains("2 queued and 1 dead messages added from " + file)
                    .contains("0 skipped");
            CliRun again = CliRun.of("queue", dir.toString(), "--import", file.toString());
            assertThat(again.exitCode()).isZero();
            assertThat(again.out())
                    .contains("0 queued and 0 dead messages added")
                    .contains("3 skipped");
            Workspace shared = ws.load();
            assertThat(queued(shared))
                    .extracting(QueuedMessage::messageId)
                    .containsExactlyInAnyOrderElementsOf(messageIds);

            try (ScenarioRuntime sender = ScenarioRuntime.startQueueOnly(shared, SendEvents.NONE)) {
                assertThat(await(Duration.ofSeconds(30), () -> server.withData().size() == 2))
                        .isTrue();
                CliRun busy = CliRun.of(
                        "queue",
                        dir.toString(),
                        "--export",
                        exports.resolve("busy.jsonl").toString());
                assertThat(busy.exitCode()).isEqualTo(1);
                assertThat(busy.err()).contains("a runtime is sending the queue postgresql");
            }
            assertThat(server.withData())
                    .extracting(ScriptedSmtpServer.Transaction::messageId)
                    .containsExactlyInAnyOrder(messageIds.get(0), messageIds.get(1));

            // Back to the folder: the dead message moves with its state and reason.
            Path back = exports.resolve("back.jsonl");
            CliRun exportBack = CliRun.of("queue", dir.toString(), "--export", back.toString());
            assertThat(exportBack.out()).contains("0 queued and 1 dead messages moved out of postgresql");
            Files.delete(dir.resolve("workspace.yaml"));
            CliRun importBack = CliRun.of("queue", dir.toString(), "--import", back.toString());
            assertThat(importBack.exitCode()).as(importBack.err()).isZero();
            assertThat(ws.queued()).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(messageIds.get(2));
                assertThat(m.state()).isEqualTo(QueuedMessage.State.DEAD);
                assertThat(m.deadReason()).isEqualTo("refused: 554 no such mailbox");
            });
            assertThat(Files.getPosixFilePermissions(back)).hasSize(2);
        }
    }

    @Test
    void anEntryWhoseContentDoesNotMatchItsChecksumIsNotImported() throws Exception {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 2525, "delivery: queued");
        try (ScenarioRuntime producer = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
            producer.send("orders", DeliveryWorkspace.order("D-1", "anna@example.com"));
            producer.send("orders", DeliveryWorkspace.order("D-2", "anna@example.com"));
        }
        Path file = exports.resolve("queue.jsonl");
        assertThat(CliRun.of("queue", dir.toString(), "--export", file.toString())
                        .exitCode())
                .isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // One byte of the first message's content changed: Base64 "A" for "B" keeps it decodable.
        String entry = lines.get(1);
        int content = entry.indexOf("\"content\":\"") + 11;
        char c = entry.charAt(content + 4);
        lines.set(1, entry.substring(0, content + 4) + (c == 'A' ? 'B' : 'A') + entry.substring(content + 5));
        Files.write(file, lines);

        CliRun imported = CliRun.of("queue", dir.toString(), "--import", file.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).contains("1 queued and 0 dead messages added");
        assertThat(imported.err())
                .contains(file + ":2: message ")
                .contains("its content does not match its SHA-256 checksum; not imported");
        assertThat(ws.queued()).hasSize(1);
    }
}
