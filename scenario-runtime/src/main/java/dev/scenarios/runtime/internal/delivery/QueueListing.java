package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The queue as operators see it — live and dead messages, oldest first — and the JSON form of one
 * message that {@code scenario queue --json} and the console's {@code GET /api/queue} both print.
 */
public final class QueueListing {

    private QueueListing() {
    }

    /** Every live and dead message, oldest first. Reads the state files (not the message bodies). */
    public static List<QueuedMessage> all(MessageQueue queue) throws IOException {
        List<QueuedMessage> all = new ArrayList<>();
        try (Stream<QueuedMessage> live = queue.live(); Stream<QueuedMessage> dead = queue.dead()) {
            live.forEach(all::add);
            dead.forEach(all::add);
        }
        all.sort(Comparator.comparing(QueuedMessage::queuedAt).thenComparing(QueuedMessage::id));
        return all;
    }

    /**
     * How many messages are in each state (every state present, 0 when none) and when the oldest
     * live (not dead) message was queued, empty when none is; for the metrics. Reads the state files once.
     */
    public record Depth(Map<QueuedMessage.State, Long> byState, Optional<Instant> oldestLive) {
    }

    /** The queue's {@link Depth}. */
    public static Depth depth(MessageQueue queue) throws IOException {
        Map<QueuedMessage.State, Long> byState = new EnumMap<>(QueuedMessage.State.class);
        for (QueuedMessage.State state : QueuedMessage.State.values()) {
            byState.put(state, 0L);
        }
        Instant oldest = null;
        try (Stream<QueuedMessage> live = queue.live(); Stream<QueuedMessage> dead = queue.dead()) {
            for (QueuedMessage m : (Iterable<QueuedMessage>) live::iterator) {
                byState.merge(m.state(), 1L, Long::sum);
                oldest = oldest == null || m.queuedAt().isBefore(oldest) ? m.queuedAt() : oldest;
            }
            dead.forEach(m -> byState.merge(m.state(), 1L, Long::sum));
        }
        return new Depth(Collections.unmodifiableMap(byState), Optional.ofNullable(oldest));
    }

    /** One message as a JSON object: state, path, Message-ID, recipients, attempts, times, last reply. */
    public static Map<String, Object> json(QueuedMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("state", m.state().name());
        out.put("path", m.path());
        out.put("messageId", m.messageId());
        out.put("recipients", m.owed());
        out.put("delivered", m.delivered());
        out.put("refused", m.refused().stream().map(r -> Map.of("address", r.address(), "replyCode", r.replyCode(), "reply", r.reply())).toList());
        out.put("attempts", m.attempts());
        out.put("queuedAt", m.queuedAt().toString());
        out.put("nextAttemptAt", m.state() == QueuedMessage.State.DEAD ? null : m.nextAttemptAt().toString());
        out.put("expiresAt", m.expiresAt().toString());
        out.put("lastReply", m.lastReply());
        out.put("possibleDuplicate", m.possibleDuplicate());
        out.put("deadReason", m.state() == QueuedMessage.State.DEAD ? m.deadReason() : null);
        return out;
    }
}
