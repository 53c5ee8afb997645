package dev.scenarios.runtime.internal.ops;

import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's gauges: messages by state, and the age of the oldest live message (0 when the queue is empty). Read from
 * the configured store (the folder or PostgreSQL) when scraped, at most once a second however many gauges ask, so a
 * scrape costs one listing of the store. A listing that fails keeps the last values.
 */
public final class QueueGauges {

    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    /** The queue, asked at each read: the console's store may be reopened when workspace.yaml changes. */
    interface Source {
        MessageQueue queue() throws IOException;
    }

    private final Source queue;
    private final Clock clock;
    private QueueListing.Depth depth;
    private Instant readAt = Instant.MIN;

    private QueueGauges(Source queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Registers the gauges of {@code queue} on {@code registry}, which keeps them alive (Micrometer holds gauge objects
     * weakly by default). No I/O until scraped.
     */
    public static void register(MeterRegistry registry, MessageQueue queue, Clock clock) {
        register(registry, () -> queue, clock);
    }

    /** As {@link #register(MeterRegistry, MessageQueue, Clock)}, for a queue that is found (opened) when read. */
    static void register(MeterRegistry registry, Source queue, Clock clock) {
        QueueGauges gauges = new QueueGauges(queue, clock);
        for (QueuedMessage.State state : QueuedMessage.State.values()) {
            Gauge.builder(
                            "scenario.queue.messages",
                            gauges,
                            g -> g.depth().byState().getOrDefault(state, 0L))
                    .description("Messages in the delivery queue (the store workspace.yaml names) by state")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("scenario.queue.oldest.age", gauges, QueueGauges::oldestAgeSeconds)
                .description("Age of the oldest message not yet delivered nor dead, 0 when there is none")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    private double oldestAgeSeconds() {
        return depth().oldestLive()
                .map(at -> Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private synchronized QueueListing.Depth depth() {
        Instant now = clock.instant();
        if (depth == null || !now.isBefore(readAt.plus(FRESH))) {
            try {
                depth = QueueListing.depth(queue.queue());
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("cannot read the message queue for the metrics: {}", e.toString());
                if (depth == null) {
                    depth = new QueueListing.Depth(java.util.Map.of(), java.util.Optional.empty());
                }
            }
            readAt = now;
        }
        return depth;
    }
}
