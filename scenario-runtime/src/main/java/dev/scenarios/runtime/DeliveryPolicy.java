package dev.scenarios.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the runtime delivers the messages of one path, read from the path file's {@code delivery:} and {@code retry:}
 * keys (the path type never sees them). Immutable.
 *
 * @param mode {@code direct}: the step waits and retries in-process; {@code queued}: the step returns once the message
 *     is durably queued and a background sender delivers it
 * @param attempts direct only: attempts in all, the first included (at least 1)
 * @param backoff the waits between attempts: the n-th failed attempt waits {@code backoff[n-1]}, the last one repeating
 * @param jitter each wait is varied at random by up to this fraction (0 to 1), so that messages deferred together do
 *     not all come back at the same instant
 * @param lifetime queued: how long after queuing a message is still tried before it goes dead; direct: the overall
 *     deadline of one step, after which no further attempt starts and no wait outlasts it (an attempt under way is
 *     bounded by the connection's own timeouts)
 */
public record DeliveryPolicy(Mode mode, int attempts, List<Duration> backoff, double jitter, Duration lifetime) {

    /** Where a step's message goes. */
    public enum Mode {
        DIRECT,
        QUEUED
    }

    /**
     * Direct delivery: 3 attempts, waiting 1 s then 2 s, all within 2 minutes: short, because the scenario step waits.
     */
    public static final DeliveryPolicy DIRECT = new DeliveryPolicy(
            Mode.DIRECT, 3, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 0.2, Duration.ofMinutes(2));

    /** Queued delivery: retried after 1, 5, 15 and 30 minutes, then hourly, for 24 hours. */
    public static final DeliveryPolicy QUEUED = new DeliveryPolicy(
            Mode.QUEUED,
            Integer.MAX_VALUE,
            List.of(
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1)),
            0.2,
            Duration.ofHours(24));

    public DeliveryPolicy {
        Objects.requireNonNull(mode, "mode");
        backoff = List.copyOf(backoff);
        if (attempts < 1 || backoff.isEmpty() || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("attempts >= 1, a backoff and a jitter from 0 to 1 are required");
        }
        Objects.requireNonNull(lifetime, "lifetime");
    }

    /** The default policy of {@code mode}. */
    public static DeliveryPolicy defaults(Mode mode) {
        return mode == Mode.QUEUED ? QUEUED : DIRECT;
    }

    /**
     * The wait after the {@code failedAttempts}-th failed attempt (1 for the first), varied by the jitter using
     * {@code random}. Pure apart from the random draw.
     */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        Duration base = backoff.get(Math.min(Math.max(failedAttempts, 1), backoff.size()) - 1);
        double factor = 1 + jitter * (random.nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
    }
}
