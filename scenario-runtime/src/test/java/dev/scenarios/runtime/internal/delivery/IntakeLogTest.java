package dev.scenarios.runtime.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.QueuedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's intake log (group commit) across crashes and power cuts: what a stopped process accepted but did not lay
 * out is laid out at the next start, what was laid out and delivered is never laid out again, files a power cut left
 * empty are restored, and a segment goes once its messages have left the queue.
 */
class IntakeLogTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    private static QueuedMessage pending(String id, int n) {
        return new QueuedMessage(
                id,
                "orders",
                "<" + n + "@test>",
                List.of("a@test"),
                List.of(),
                List.of(),
                QueuedMessage.State.PENDING,
                0,
                NOW,
                NOW,
                NOW.plusSeconds(3600),
                "",
                false,
                "");
    }

    private static byte[] content(int n) {
        return ("Message-ID: <" + n + "@test>\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Commits a message the way {@code add} does, to a log whose process "crashes" before laying anything out. */
    private void acceptedThenCrashed(String id, int n) throws Exception {
        IntakeLog crashed = new IntakeLog(dir.resolve("intake"), entries -> {});
        QueuedMessage m = pending(id, n);
        crashed.commit(new IntakeLog.Entry(id, FileMessageQueue.stored(m, content(n)), new byte[0]));
        crashed.flush();
        crashed.close();
    }

    @Test
    void whatAStoppedProcessAcceptedIsLaidOutAtStartAndWhatWasDeliveredIsNotSentAgain() throws Exception {
        acceptedThenCrashed("mwzb1rvw-00000001", 1);
        acceptedThenCrashed("mwzb1rvw-00000002", 2);
        // The second was laid out, delivered and removed in the moment before its marker: the journal says so.
        Files.writeString(
                dir.resolve("events.log"),
                "2026-11-27T10:00:01Z SENT mwzb1rvw-00000002 <2@test> path=orders attempt 1: 250 ok\n");
        FileMessageQueue queue = new FileMessageQueue(dir);
        assertThat(queue.awaitingLayout()).isEqualTo(2);

        queue.reconcile(NOW);

        try (Stream<QueuedMessage> live = queue.live()) {
            assertThat(live.toList()).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo("mwzb1rvw-00000001");
                assertThat(m.messageId()).isEqualTo("<1@test>");
                assertThat(m.state()).isEqualTo(QueuedMessage.State.PENDING);
                assertThat(m.owed()).containsExactly("a@test");
            });
        }
        assertThat(queue.content(queue.find("mwzb1rvw-00000001").orElseThrow()).content())
                .isEqualTo(content(1));
        assertThat(queue.awaitingLayout()).isZero();

        // Delivered: the next compaction retires the segment; nothing is laid out again.
        queue.remove("mwzb1rvw-00000001");
        queue.compact();
        queue.reconcile(NOW);
        try (Stream<Path> segments = Files.list(dir.resolve("intake"));
                Stream<QueuedMessage> live = queue.live()) {
            assertThat(segments).isEmpty();
            assertThat(live).isEmpty();
        }
    }

    @Test
    void filesAPowerCutLeftEmptyAreRestoredFromTheLogAndASegmentStaysWhileItsMessagesAreLive() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        QueuedMessage m = queue.add(
                "orders",
                new dev.scenarios.connector.api.PreparedMessage("<7@test>", List.of("a@test"), content(7)),
                NOW,
                NOW.plusSeconds(3600));
        queue.close();
        Files.write(dir.resolve("messages/" + m.id() + ".eml"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(dir.resolve("live/" + m.id() + ".json"), new byte[4096], StandardOpenOption.TRUNCATE_EXISTING);

        FileMessageQueue restarted = new FileMessageQueue(dir);
        restarted.reconcile(NOW);

        QueuedMessage found = restarted.find(m.id()).orElseThrow();
        assertThat(found.state()).isEqualTo(QueuedMessage.State.PENDING);
        assertThat(found.messageId()).isEqualTo("<7@test>");
        assertThat(restarted.content(found).content()).isEqualTo(content(7));
        try (Stream<Path> segments = Files.list(dir.resolve("intake"))) {
            assertThat(segments).as("kept while its message is live").hasSize(1);
        }
    }

    private static QueuedMessage sending(QueuedMessage m) {
        return new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                m.delivered(),
                m.refused(),
                QueuedMessage.State.SENDING,
                m.attempts() + 1,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                m.lastReply(),
                m.possibleDuplicate(),
                "");
    }

    private QueuedMessage add(FileMessageQueue queue, int n) throws Exception {
        return queue.add(
                "orders",
                new dev.scenarios.connector.api.PreparedMessage("<" + n + "@test>", List.of("a@test"), content(n)),
                NOW,
                NOW.plusSeconds(3600));
    }

    @Test
    void anAttemptWhoseUnforcedStateAPowerCutLostIsRecordedAsSendingAtStart() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        QueuedMessage reverted = add(queue, 1);
        QueuedMessage zeroed = add(queue, 2);
        QueuedMessage stateGone = add(queue, 3);
        QueuedMessage delivered = add(queue, 4);
        queue.flush();
        byte[] pendingState = Files.readAllBytes(dir.resolve("live/" + reverted.id() + ".json"));
        for (QueuedMessage m : List.of(reverted, zeroed, stateGone, delivered)) {
            assertThat(queue.claim(sending(m))).isTrue();
            assertThat(queue.find(m.id()).orElseThrow().state())
                    .as("what scenario queue lists meanwhile")
                    .isEqualTo(QueuedMessage.State.SENDING);
        }
        queue.removeSent(delivered.id());
        queue.close();
        // A power cut loses what the sender wrote unforced: the state as it was before the claim, a state file full of
        // zeros, a removal of which only the state's half reached the disk.
        Files.write(dir.resolve("live/" + reverted.id() + ".json"), pendingState);
        Files.write(dir.resolve("live/" + zeroed.id() + ".json"), new byte[300]);
        Files.delete(dir.resolve("live/" + stateGone.id() + ".json"));

        FileMessageQueue restarted = new FileMessageQueue(dir);
        restarted.reconcile(NOW);

        for (QueuedMessage m : List.of(reverted, zeroed, stateGone)) {
            QueuedMessage found = restarted.find(m.id()).orElseThrow();
            assertThat(found.state()).as(m.id()).isEqualTo(QueuedMessage.State.SENDING);
            assertThat(found.attempts()).isEqualTo(1);
            assertThat(found.messageId()).isEqualTo(m.messageId());
            assertThat(restarted.content(found).content())
                    .isEqualTo(content(Integer.parseInt(m.messageId().substring(1, 2))));
        }
        assertThat(restarted.find(delivered.id()))
                .as("delivered and removed: stays gone")
                .isEmpty();
    }

    @Test
    void aSegmentOfAttemptNotesGoesOnceItsMessagesHaveLeftTheQueue() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        QueuedMessage m = add(queue, 5);
        queue.flush();
        queue.claim(sending(m));
        queue.removeSent(m.id());

        queue.compact();

        try (Stream<Path> segments = Files.list(dir.resolve("intake"))) {
            assertThat(segments).as("retired while the process runs").isEmpty();
        }
        queue.close();
    }

    @Test
    void aClaimWhoseAttemptNoteCannotBeMadeDurableLeavesTheMessageAsItWas() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        QueuedMessage m = add(queue, 6);
        queue.flush();
        queue.close(); // its intake log now refuses every commit, as a failing disk would

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue.claim(sending(m)))
                .isInstanceOf(java.io.IOException.class);

        QueuedMessage found = queue.find(m.id()).orElseThrow();
        assertThat(found.state()).as("not left SENDING until the next start").isEqualTo(QueuedMessage.State.PENDING);
        assertThat(found.attempts()).isZero();
    }
}
