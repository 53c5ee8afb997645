package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code delivery: queued}, the step's half: prepares the message (so bad attributes fail the step at once), stores it
 * durably in the queue, and wakes the sender. Called by the {@code path:} producer; does disk I/O, no network I/O.
 * Thread-safe.
 */
public final class QueuedDelivery {

    private final MessageQueue queue;
    private final QueueJournal journal;
    private final Clock clock;
    private final Consumer<String> wakeSender;
    private final String queueLabel;

    /**
     * @param wakeSender tells the background sender of a path's bus that a message of that path is waiting (does
     *     nothing when no sender runs, e.g. {@code scenario send})
     * @param queueLabel how errors name the queue, e.g. {@code data/queue}
     */
    public QueuedDelivery(
            MessageQueue queue, QueueJournal journal, Clock clock, Consumer<String> wakeSender, String queueLabel) {
        this.queue = queue;
        this.journal = journal;
        this.clock = clock;
        this.wakeSender = wakeSender;
        this.queueLabel = queueLabel;
    }

    /**
     * Queues {@code attributes} for path {@code pathName}; returns once the message is on disk.
     *
     * @throws DeliveryException what {@code prepare} throws (e.g. CONFIGURATION), or OTHER when the queue cannot be
     *     written: nothing was queued then
     */
    public QueuedMessage enqueue(String pathName, PathSender sender, Map<String, ?> attributes, DeliveryPolicy policy)
            throws DeliveryException {
        PreparedMessage prepared = sender.prepare(attributes);
        Instant now = clock.instant();
        QueuedMessage queued;
        try {
            queued = queue.add(pathName, prepared, now, now.plus(policy.lifetime()));
        } catch (IOException | RuntimeException e) {
            throw DeliveryException.builder(FailureKind.OTHER)
                    .message("path " + pathName + ": the message was NOT queued, the queue " + queueLabel
                            + " cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")
                    .cause(e)
                    .build();
        }
        journal.record(now, "QUEUED", queued, "to " + queued.owed().size() + " recipients");
        wakeSender.accept(pathName);
        return queued;
    }
}
