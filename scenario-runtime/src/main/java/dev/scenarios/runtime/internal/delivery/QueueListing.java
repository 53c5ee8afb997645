package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The queue as operators see it — live and dead messages, oldest first — and the JSON form of one message that
 * {@code scenario queue --json} and the console's {@code GET /api/queue} both print.
 */
public final class QueueListing {

    private QueueListing() {}

    /**
     * Every live, dead and damaged message, oldest first. Reads the state files (the message bodies only for a damaged
     * state); an unreadable state file is set aside as DAMAGED on the way.
     */
    public static List<QueuedMessage> all(MessageQueue queue) throws IOException {
        List<QueuedMessage> all = new ArrayList<>();
        try (Stream<QueuedMessage> live = queue.live();
                Stream<QueuedMessage> dead = queue.dead()) {
            live.forEach(all::add);
            dead.forEach(all::add);
        }
        Set<String> seen = new HashSet<>();
        all.forEach(m -> seen.add(m.id()));
        try (Stream<QueuedMessage> damaged = queue.damaged()) {
            // Set aside while listing live and dead above: already in the list.
            damaged.filter(m -> seen.add(m.id())).forEach(all::add);
        }
        all.sort(Comparator.comparing(QueuedMessage::queuedAt).thenComparing(QueuedMessage::id));
        return all;
    }

    /**
     * How many messages are in each state (every state present, 0 when none) and when the oldest live (neither dead nor
     * damaged) message was queued, empty when none is; for the metrics. Reads the state files once.
     */
    public record Depth(Map<QueuedMessage.State, Long> byState, Optional<Instant> oldestLive) {}

    /** The queue's {@link Depth}. */
    public static Depth depth(MessageQueue queue) throws IOException {
        Map<QueuedMessage.State, Long> byState = new EnumMap<>(QueuedMessage.State.class);
        for (QueuedMessage.State state : QueuedMessage.State.values()) {
            byState.put(state, 0L);
        }
        Instant oldest = null;
        for (QueuedMessage m : all(queue)) {
            byState.merge(m.state(), 1L, Long::sum);
            boolean live = m.state() != QueuedMessage.State.DEAD && m.state() != QueuedMessage.State.DAMAGED;
            oldest = live && (oldest == null || m.queuedAt().isBefore(oldest)) ? m.queuedAt() : oldest;
        }
        return new Depth(Collections.unmodifiableMap(byState), Optional.ofNullable(oldest));
    }

    /**
     * Every recipient the message was addressed to and not delivered yet: the ones still owed and, for a dead or
     * damaged message, the ones that refused it.
     */
    public static List<String> recipients(QueuedMessage m) {
        if (m.state() != QueuedMessage.State.DEAD && m.state() != QueuedMessage.State.DAMAGED) {
            return m.owed();
        }
        List<String> out = new ArrayList<>(m.owed());
        m.refused().forEach(r -> out.add(r.address()));
        return out;
    }

    /**
     * One message as a JSON object: state, path, data bus, Message-ID, recipients, attempts, times, last reply, and the
     * reason it is dead or damaged in {@code locale} (with its message key as {@code reasonKey}, empty for an older
     * version's English text).
     *
     * @param bus the data bus of the message's path ({@code Workspace.bus}): a message does not store it, since its
     *     path's bus decides which sender delivers it
     */
    public static Map<String, Object> json(QueuedMessage m, int bus, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("state", m.state().name());
        out.put("path", m.path());
        out.put("bus", bus);
        out.put("messageId", m.messageId());
        out.put("recipients", recipients(m));
        out.put("delivered", m.delivered());
        out.put(
                "refused",
                m.refused().stream()
                        .map(r -> Map.of("address", r.address(), "replyCode", r.replyCode(), "reply", r.reply()))
                        .toList());
        out.put("attempts", m.attempts());
        out.put("queuedAt", m.queuedAt().toString());
        boolean stopped = m.state() == QueuedMessage.State.DEAD || m.state() == QueuedMessage.State.DAMAGED;
        out.put("nextAttemptAt", stopped ? null : m.nextAttemptAt().toString());
        out.put("expiresAt", m.expiresAt().toString());
        out.put("lastReply", QueueReason.parse(m.lastReply()).in(locale));
        out.put("possibleDuplicate", m.possibleDuplicate());
        out.put("deadReason", stopped ? m.reason().in(locale) : null);
        out.put("reasonKey", stopped ? m.reason().key() : null);
        return out;
    }
}
