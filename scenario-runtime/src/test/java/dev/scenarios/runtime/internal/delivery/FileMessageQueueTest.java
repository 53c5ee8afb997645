package dev.scenarios.runtime.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMessageQueueTest extends MessageQueueContract {

    @TempDir
    Path dir;

    @Override
    MessageQueue newQueue() {
        return new FileMessageQueue(dir.resolve("contract"));
    }

    @Override
    void visible(MessageQueue queue) {
        ((FileMessageQueue) queue).flush();
    }

    @Test
    void aBurstInOneMillisecondGetsDistinctIdsAndKeepsEveryContent() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            ids.add(queue.add("orders", message(i), NOW, NOW.plusSeconds(60)).id());
        }
        queue.flush();

        assertThat(ids).hasSize(300);
        try (Stream<QueuedMessage> live = queue.live()) {
            live.forEach(m -> {
                try {
                    String body = new String(queue.content(m).content(), StandardCharsets.US_ASCII);
                    assertThat(body).startsWith("Message-ID: " + m.messageId());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        try (Stream<Path> files = Files.list(dir.resolve("live"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".json"))
                    .hasSize(300);
        }
    }

    @Test
    void aDeadMessageMovesFolderAndBackAndPurgingRemovesItsContent() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir);
        QueuedMessage m = queue.add("orders", message(1), NOW, NOW.plusSeconds(60));
        queue.flush();

        queue.update(m.with(QueuedMessage.State.DEAD, NOW));
        assertThat(dir.resolve("live/" + m.id() + ".json")).doesNotExist();
        assertThat(queue.find(m.id()))
                .hasValueSatisfying(found -> assertThat(found.state()).isEqualTo(QueuedMessage.State.DEAD));

        queue.update(m.with(QueuedMessage.State.DEFERRED, NOW.plusSeconds(5)));
        assertThat(dir.resolve("dead/" + m.id() + ".json")).doesNotExist();
        assertThat(queue.find(m.id()))
                .hasValueSatisfying(found -> assertThat(found.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5)));

        assertThat(queue.remove(m.id())).isTrue();
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(dir.resolve("messages/" + m.id() + ".eml")).doesNotExist();
        assertThat(queue.remove(m.id())).isFalse();
    }

    @Test
    void idsThatCouldLeaveTheQueueFolderAreNeverLookedUp() throws Exception {
        FileMessageQueue queue = new FileMessageQueue(dir.resolve("queue"));
        Files.writeString(dir.resolve("secret.json"), "{}");

        assertThat(queue.find("../secret")).isEmpty();
        assertThat(queue.remove("../secret")).isFalse();
        assertThat(dir.resolve("secret.json")).exists();
    }
}
