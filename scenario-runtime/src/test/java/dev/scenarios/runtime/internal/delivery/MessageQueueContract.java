package dev.scenarios.runtime.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageQueue} keeps, whatever it stores in: run against the file store
 * ({@link FileMessageQueueTest}) and against PostgreSQL ({@link PostgresMessageQueueTest}).
 */
abstract class MessageQueueContract {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    /** An empty queue of the store under test. */
    abstract MessageQueue newQueue() throws IOException;

    /**
     * Waits until what was added is visible to readers: the file store's {@code add} returns once the message is
     * durable in its intake log, a moment before it is laid out. Nothing by default.
     */
    void visible(MessageQueue queue) {}

    /** {@code queue.add(…)}, then {@link #visible}: what a reader sees next includes it. */
    QueuedMessage added(MessageQueue queue, String path, PreparedMessage message, Instant now, Instant expiresAt)
            throws IOException {
        QueuedMessage m = queue.add(path, message, now, expiresAt);
        visible(queue);
        return m;
    }

    static PreparedMessage message(int n) {
        return new PreparedMessage(
                "<" + n + "@test>",
                List.of("a@test"),
                ("Message-ID: <" + n + "@test>\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    static List<QueuedMessage> all(Stream<QueuedMessage> stream) {
        try (stream) {
            return new ArrayList<>(stream.toList());
        }
    }

    @Test
    void aStoredMessageKeepsItsContentMessageIdAndRecipients() throws Exception {
        MessageQueue queue = newQueue();
        PreparedMessage prepared = new PreparedMessage(
                "<order-7@shop.example>",
                List.of("anna@example.com", "ben@example.com"),
                "Message-ID: <order-7@shop.example>\r\nSubject: Order 7\r\n\r\nbody\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
        QueuedMessage m = added(queue, "orders", prepared, NOW, NOW.plusSeconds(60));

        assertThat(m.state()).isEqualTo(State.PENDING);
        assertThat(m.attempts()).isZero();
        assertThat(queue.find(m.id())).hasValue(m);
        PreparedMessage content = queue.content(m);
        assertThat(content.messageId()).isEqualTo("<order-7@shop.example>");
        assertThat(content.recipients()).containsExactly("anna@example.com", "ben@example.com");
        assertThat(content.content()).isEqualTo(prepared.content());
    }

    @Test
    void aBurstInOneMillisecondGetsDistinctIdsAndEveryContentIsKept() throws Exception {
        MessageQueue queue = newQueue();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(added(queue, "orders", message(i), NOW, NOW.plusSeconds(60)).id());
        }

        assertThat(ids).hasSize(100);
        List<QueuedMessage> live = all(queue.live());
        assertThat(live).extracting(QueuedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
        for (QueuedMessage m : live) {
            assertThat(new String(queue.content(m).content(), StandardCharsets.US_ASCII))
                    .startsWith("Message-ID: " + m.messageId());
        }
    }

    @Test
    void everyFieldOfTheStateSurvivesAnUpdate() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = added(
                queue,
                "orders",
                new PreparedMessage(
                        "<9@test>", List.of("a@test", "b@test", "c@test"), "x".getBytes(StandardCharsets.US_ASCII)),
                NOW,
                NOW.plusSeconds(600));
        QueuedMessage after = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                List.of("c@test"),
                List.of("a@test"),
                List.of(new SendResult.Rejection("b@test", 550, "550 5.1.1 no such user")),
                State.DEFERRED,
                2,
                m.queuedAt(),
                NOW.plusSeconds(30),
                m.expiresAt(),
                "451 4.7.1 greylisted",
                true,
                "");

        queue.update(after);

        assertThat(queue.find(m.id())).hasValue(after);
    }

    @Test
    void aDeadMessageLeavesTheLiveOnesAndComesBackAndPurgingRemovesIt() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = added(queue, "orders", message(1), NOW, NOW.plusSeconds(60));
        QueuedMessage other = added(queue, "orders", message(2), NOW, NOW.plusSeconds(60));

        QueuedMessage dead = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                List.of(),
                List.of(),
                State.DEAD,
                1,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                "554 5.7.1 rejected",
                false,
                "PERMANENT 554: rejected");
        queue.update(dead);
        assertThat(queue.find(m.id())).hasValue(dead);
        assertThat(all(queue.live())).extracting(QueuedMessage::id).containsExactly(other.id());
        assertThat(all(queue.dead())).extracting(QueuedMessage::id).containsExactly(m.id());

        queue.update(m.with(State.DEFERRED, NOW.plusSeconds(5)));
        assertThat(all(queue.dead())).isEmpty();
        assertThat(queue.find(m.id()))
                .hasValueSatisfying(found -> assertThat(found.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5)));

        assertThat(queue.remove(m.id())).isTrue();
        assertThat(queue.find(m.id())).isEmpty();
        assertThat(queue.remove(m.id())).isFalse();
        assertThat(all(queue.live())).extracting(QueuedMessage::id).containsExactly(other.id());
    }

    @Test
    void aDamagedMessageIsListedApartWithItsReason() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = added(queue, "orders", message(1), NOW, NOW.plusSeconds(60));
        QueuedMessage damaged = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                List.of(),
                List.of(),
                State.DAMAGED,
                0,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                "",
                false,
                "the stored content is damaged");

        queue.update(damaged);

        assertThat(all(queue.live())).isEmpty();
        assertThat(all(queue.damaged()))
                .singleElement()
                .satisfies(found -> assertThat(found.deadReason()).isEqualTo("the stored content is damaged"));
    }

    @Test
    void aReasonIsStoredAsKeyAndArgumentsAndReadInTheReadersLanguage() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = added(queue, "orders", message(1), NOW, NOW.plusSeconds(60));
        QueueReason reason = QueueReason.of(
                "queue.reason.expired",
                3,
                QueueReason.of("queue.reason.recipientsRefused", "anna@example.com 450 4.2.1 busy"));
        queue.update(new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                List.of(),
                List.of(),
                State.DEAD,
                3,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                "450 4.2.1 busy",
                false,
                reason.stored()));

        QueueReason found = queue.find(m.id()).orElseThrow().reason();
        assertThat(found).isEqualTo(reason);
        assertThat(found.in(Locale.ENGLISH))
                .isEqualTo("expired after 3 attempts; last: refused: anna@example.com 450 4.2.1 busy");
        assertThat(found.in(Locale.forLanguageTag("ru")))
                .isEqualTo(
                        "срок истёк после попыток: 3; последний ответ: получатели отказали: «anna@example.com 450 4.2.1"
                                + " busy»");
        // a reason an older version stored as English text reads as it was
        assertThat(QueueReason.parse("PERMANENT 554: rejected").in(Locale.forLanguageTag("ru")))
                .isEqualTo("PERMANENT 554: rejected");
    }

    @Test
    void aClaimMarksTheAttemptAsSending() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = added(queue, "orders", message(1), NOW, NOW.plusSeconds(60));
        QueuedMessage sending = new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                m.delivered(),
                m.refused(),
                State.SENDING,
                1,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                "",
                false,
                "");

        assertThat(queue.claim(sending)).isTrue();

        assertThat(queue.find(m.id())).hasValueSatisfying(found -> {
            assertThat(found.state()).isEqualTo(State.SENDING);
            assertThat(found.attempts()).isEqualTo(1);
        });
    }

    @Test
    void idsThatAreNotTheQueuesAreNeverFound() throws Exception {
        MessageQueue queue = newQueue();

        assertThat(queue.find("../secret")).isEmpty();
        assertThat(queue.find("zzzz-00000000")).isEmpty();
        assertThat(queue.remove("../secret")).isFalse();
    }
}
