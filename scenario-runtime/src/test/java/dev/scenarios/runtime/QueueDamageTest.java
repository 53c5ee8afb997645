package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, findings 2, 3 and 5: queue files damaged or left behind on our side of the wire. Each test queues real
 * messages with {@code scenario send}'s runtime (no sender), damages the files as a disk or a crash would, then looks
 * at what {@code scenario queue} shows and what a runtime sends.
 */
class QueueDamageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUED = "delivery: queued\nretry:\n  backoff: [200ms]\n  jitter: 0\n";
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** Queues {@code count} orders without sending them; returns their queue ids in order. */
    private static List<String> queueWithoutSending(DeliveryWorkspace ws, int count) throws Exception {
        try (ScenarioRuntime oneShot = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
            for (int i = 1; i <= count; i++) {
                SendResult r = oneShot.send("orders", DeliveryWorkspace.order(String.valueOf(i), "anna@example.com"));
                assertThat(r.serverReply()).startsWith("queued as ");
            }
        }
        return ws.queued().stream()
                .sorted((a, b) -> a.queuedAt().compareTo(b.queuedAt()))
                .map(QueuedMessage::id)
                .toList();
    }

    private Path state(String id) {
        return dir.resolve("data/queue/live/" + id + ".json");
    }

    private Path content(String id) {
        return dir.resolve("data/queue/messages/" + id + ".eml");
    }

    @Test
    void damagedStateFilesAreListedAsDamagedRetryableWhenIntactPurgeableAndNeverRetriedInALoop() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            List<String> ids = queueWithoutSending(ws, 4);
            Files.write(state(ids.get(0)), new byte[0]);
            byte[] whole = Files.readAllBytes(state(ids.get(1)));
            Files.write(state(ids.get(1)), Arrays.copyOf(whole, whole.length / 2));
            Files.writeString(
                    state(ids.get(2)), Files.readString(state(ids.get(2))).replace("\"PENDING\"", "\"WAITING\""));
            Files.writeString(
                    state(ids.get(3)),
                    Files.readString(state(ids.get(3)))
                            .replaceFirst("\"queuedAt\" ?: ?\"[^\"]+\"", "\"queuedAt\":\"yesterday\""));

            CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out())
                    .contains("0 pending, 0 deferred, 0 sending, 0 dead, 4 damaged")
                    .contains(ids.get(0) + "  DAMAGED")
                    .contains("the file is empty")
                    .contains(ids.get(2) + "  DAMAGED")
                    .contains("\"state\" is not valid: WAITING")
                    .contains("\"queuedAt\" is not valid: yesterday")
                    .contains("the content is intact")
                    .contains("to: anna@example.com");
            CliRun json = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--json");
            JsonNode all = JSON.readTree(json.out());
            assertThat(all).hasSize(4).allSatisfy(m -> {
                assertThat(m.path("state").asText()).isEqualTo("DAMAGED");
                assertThat(m.path("deadReason").asText()).contains("cannot be read");
            });
            assertThat(ids).allSatisfy(id -> assertThat(state(id)).doesNotExist());

            // A runtime never sends them as they are, nor scans them again and again.
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                CliRun retry = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--retry", ids.get(0));
                assertThat(retry.exitCode()).as(retry.err()).isZero();
                assertThat(retry.out()).contains("the running runtime sends it");
                assertThat(await(LIMIT, () -> server.withData().size() == 1)).isTrue();
                assertThat(server.withData().get(0).data()).contains("Order 1");
                assertThat(ws.journal()).anySatisfy(l -> assertThat(l).contains(" RETRY " + ids.get(0)));
            }
            CliRun purge = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--purge", ids.get(1));
            assertThat(purge.exitCode()).as(purge.err()).isZero();
            assertThat(ws.queued()).extracting(QueuedMessage::id).doesNotContain(ids.get(1));
            assertThat(content(ids.get(1))).doesNotExist();
            assertThat(server.withData()).hasSize(1);
        }
    }

    @Test
    void truncatedContentIsNeverSentAndTheMessageGoesDamagedWithTheReason() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            List<String> ids = queueWithoutSending(ws, 2);
            byte[] stored = Files.readAllBytes(content(ids.get(0)));
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            // Cut inside the Subject, as the issue found it.
            Files.write(content(ids.get(0)), Arrays.copyOf(stored, text.indexOf("Subject: ") + 12));

            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThat(await(
                                LIMIT,
                                () -> server.withData().size() == 1
                                        && ws.queued().stream()
                                                .noneMatch(m -> m.state() == QueuedMessage.State.PENDING)))
                        .isTrue();
            }
            assertThat(server.withData())
                    .singleElement()
                    .satisfies(t -> assertThat(t.data()).contains("Order 2"));
            CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
            assertThat(list.out())
                    .contains(ids.get(0) + "  DAMAGED")
                    .contains("is damaged")
                    .contains("bytes instead of")
                    .contains("1 damaged");
            assertThat(ws.journal()).anySatisfy(l -> assertThat(l).contains(" DAMAGED " + ids.get(0)));
            CliRun retry = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--retry", ids.get(0));
            assertThat(retry.exitCode()).isEqualTo(1);
            assertThat(retry.err()).contains("cannot be retried").contains("is damaged");
        }
    }

    @Test
    void atStartOrphanContentIsAdoptedTempFilesGoAndAMessageJournaledSentIsNotSentAgain() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            List<String> ids = queueWithoutSending(ws, 2);
            FileTime old = FileTime.from(Instant.now().minus(Duration.ofMinutes(5)));
            // A crash between the content and its state: the content alone is left.
            Files.delete(state(ids.get(0)));
            Files.setLastModifiedTime(content(ids.get(0)), old);
            Path temp = dir.resolve("data/queue/messages/.x.eml.1234.tmp");
            Files.writeString(temp, "half");
            Files.setLastModifiedTime(temp, old);
            // A crash between journaling SENT and removing the files: the state says SENDING.
            Files.writeString(
                    state(ids.get(1)), Files.readString(state(ids.get(1))).replace("\"PENDING\"", "\"SENDING\""));
            String messageId = ws.queue().find(ids.get(1)).orElseThrow().messageId();
            Files.writeString(
                    dir.resolve("data/queue/events.log"),
                    "2026-01-01T00:00:00Z SENT " + ids.get(1) + " " + messageId + " path=orders attempt 1: 250 ok\n",
                    java.nio.file.StandardOpenOption.APPEND);

            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThat(await(
                                LIMIT,
                                () -> ws.queued().isEmpty() && server.withData().size() == 1))
                        .as("%s", ws.queued())
                        .isTrue();
            }
            assertThat(server.withData())
                    .singleElement()
                    .satisfies(t -> assertThat(t.data()).contains("Order 1"));
            assertThat(temp).doesNotExist();
            try (Stream<Path> left = Files.list(dir.resolve("data/queue/messages"))) {
                assertThat(left).isEmpty();
            }
            List<String> journal = ws.journal();
            assertThat(journal.stream().filter(l -> l.contains(" SENT " + ids.get(0))))
                    .hasSize(1);
            assertThat(journal.stream().filter(l -> l.contains(" SENT " + ids.get(1))))
                    .hasSize(1);
            assertThat(journal.stream().filter(l -> l.contains(" POSSIBLE_DUPLICATE ")))
                    .isEmpty();
            assertThat(journal)
                    .anySatisfy(
                            l -> assertThat(l).contains(" QUEUED " + ids.get(0)).contains("adopted"));
        }
    }

    @Test
    void queueFilesAndFoldersAreOwnerOnlyWhateverTheUmask() throws Exception {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 25, QUEUED);
        List<String> ids = queueWithoutSending(ws, 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(content(ids.get(0)))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state(ids.get(0)))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/queue/events.log"))))
                .isEqualTo("rw-------");
        for (String folder : List.of("data/queue", "data/queue/messages", "data/queue/live")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(folder))))
                    .as(folder)
                    .isEqualTo("rwx------");
        }
    }
}
