package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an operator does to the queue: retry one message or every dead one now, or purge one. Used by {@code scenario
 * queue}; a running runtime's sender picks the change up at its next scan. Every method does disk I/O.
 */
public final class QueueControl {

    /** What became of a request about one message. */
    public enum Result {
        DONE,
        UNKNOWN,
        BEING_SENT,
        CONTENT_DAMAGED
    }

    private final MessageQueue queue;
    private final QueueJournal journal;
    private final Function<String, DeliveryPolicy> policies;
    private final Clock clock;

    public QueueControl(
            MessageQueue queue, QueueJournal journal, Function<String, DeliveryPolicy> policies, Clock clock) {
        this.queue = queue;
        this.journal = journal;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Makes message {@code id} due now. A dead one comes back to life with a fresh lifetime, owing again the recipients
     * that refused it (never the ones that got it). A DAMAGED one does too, but only when its content is intact (else
     * {@link Result#CONTENT_DAMAGED}, nothing changed).
     */
    public Result retry(String id) throws IOException {
        Optional<QueuedMessage> found = queue.find(id);
        if (found.isEmpty()) {
            return Result.UNKNOWN;
        }
        QueuedMessage m = found.get();
        if (m.state() == State.SENDING) {
            return Result.BEING_SENT;
        }
        if (m.state() == State.DAMAGED) {
            try {
                if (m.path().isEmpty()) {
                    return Result.CONTENT_DAMAGED;
                }
                queue.content(m);
            } catch (DamagedContentException e) {
                return Result.CONTENT_DAMAGED;
            }
        }
        Instant now = clock.instant();
        if (m.state() != State.DEAD && m.state() != State.DAMAGED) {
            queue.update(m.with(m.state(), now));
        } else {
            List<String> owed = new ArrayList<>(m.owed());
            m.refused().stream().map(SendResult.Rejection::address).forEach(owed::add);
            Instant expires =
                    now.plus(QueueSender.queuedPolicy(policies.apply(m.path())).lifetime());
            queue.update(new QueuedMessage(
                    m.id(),
                    m.path(),
                    m.messageId(),
                    owed,
                    m.delivered(),
                    List.of(),
                    m.attempts() == 0 ? State.PENDING : State.DEFERRED,
                    m.attempts(),
                    m.queuedAt(),
                    now,
                    expires,
                    m.lastReply(),
                    m.possibleDuplicate(),
                    ""));
        }
        journal.record(now, "RETRY", m, "by an operator");
        return Result.DONE;
    }

    /** Retries every dead message; returns how many. */
    public int retryDead() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<QueuedMessage> dead = queue.dead()) {
            dead.forEach(m -> ids.add(m.id()));
        }
        int count = 0;
        for (String id : ids) {
            count += retry(id) == Result.DONE ? 1 : 0;
        }
        return count;
    }

    /** Removes message {@code id} for good: it will not be sent (any more). */
    public Result purge(String id) throws IOException {
        Optional<QueuedMessage> found = queue.find(id);
        if (found.isEmpty()) {
            return Result.UNKNOWN;
        }
        queue.remove(id);
        journal.record(clock.instant(), "PURGED", found.get(), "by an operator");
        return Result.DONE;
    }
}
