package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's own path keys {@code delivery:} and {@code retry:}: read, removed before the path type, validated with
 * lines.
 */
class DeliveryOptionsTest {

    @TempDir
    Path dir;

    private Workspace load(String options, Locale locale) {
        TestWorkspace ws = TestWorkspace.minimal(dir).write("paths/orders.yaml", TestWorkspace.PATH + options);
        return Workspace.load(ws.dir, TestWorkspace.FAKE, Map.of("MAIL_PASSWORD", "x"), locale);
    }

    @Test
    void aPathWithoutOptionsIsDeliveredDirectlyWithTheDefaults() {
        Workspace ws = load("", Locale.ENGLISH);

        assertThat(ws.problems()).isEmpty();
        assertThat(ws.deliveryPolicy("orders")).isEqualTo(DeliveryPolicy.DIRECT);
        assertThat(DeliveryPolicy.DIRECT.attempts()).isEqualTo(3);
        assertThat(DeliveryPolicy.QUEUED.backoff())
                .containsExactly(
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(30),
                        Duration.ofHours(1));
        assertThat(DeliveryPolicy.QUEUED.lifetime()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void queuedOptionsAreReadAndNeverReachThePathType() {
        Workspace ws = load("""
                delivery: queued
                retry:
                  backoff: [10s, 2m]
                  jitter: 0.5
                  lifetime: 2d
                """, Locale.ENGLISH);

        assertThat(ws.problems()).isEmpty();
        DeliveryPolicy policy = ws.deliveryPolicy("orders");
        assertThat(policy.mode()).isEqualTo(DeliveryPolicy.Mode.QUEUED);
        assertThat(policy.backoff()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(2));
        assertThat(policy.jitter()).isEqualTo(0.5);
        assertThat(policy.lifetime()).isEqualTo(Duration.ofDays(2));
        assertThat(ws.path("orders").orElseThrow().configuration().givenValues())
                .doesNotContainKeys("delivery", "retry");
    }

    @Test
    void theNthFailureWaitsTheNthBackoffTheLastRepeatingWithinTheJitter() {
        DeliveryPolicy policy = new DeliveryPolicy(
                DeliveryPolicy.Mode.QUEUED,
                1,
                List.of(Duration.ofSeconds(10), Duration.ofSeconds(60)),
                0.2,
                Duration.ofHours(1));
        java.util.Random random = new java.util.Random(42);

        assertThat(policy.delayAfter(1, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(policy.delayAfter(2, random)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        assertThat(policy.delayAfter(7, random)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
    }

    @Test
    void everyBadOptionIsAProblemOnItsOwnLine() {
        Workspace ws = load("""
                delivery: later
                retry:
                  attempts: many
                  backoff: [1m, soon]
                  jitter: 2
                  lifetime: 1h
                  pause: 1s
                """, Locale.ENGLISH);

        assertThat(ws.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "paths/orders.yaml:8: path orders delivery: must be direct or queued, not \"later\"",
                        "paths/orders.yaml:10: path orders retry.attempts: attempts must be a whole number from 1 to 100, not \"many\"",
                        "paths/orders.yaml:11: path orders retry.backoff[1]: \"soon\" is not a duration such as 500ms, 30s, 5m, 1h or 1d",
                        "paths/orders.yaml:12: path orders retry.jitter: jitter must be a fraction from 0 to 1, e.g. 0.2, not \"2\"",
                        "paths/orders.yaml:14: path orders retry.pause: unknown retry setting \"pause\" (known: attempts, backoff, jitter, lifetime)");
    }

    @Test
    void attemptsOnAQueuedPathIsAProblemInRussianToo() {
        Workspace ws = load("""
                delivery: queued
                retry:
                  attempts: 3
                """, Locale.forLanguageTag("ru"));

        assertThat(ws.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).contains("attempts относится к delivery: direct");
        });
    }
}
