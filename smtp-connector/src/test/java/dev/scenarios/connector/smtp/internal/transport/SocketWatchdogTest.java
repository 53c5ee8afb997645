package dev.scenarios.connector.smtp.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SocketWatchdogTest {

    private final SocketWatchdog watchdog = SocketWatchdog.shared();

    @Test
    void aTaskCancelledInTimeNeverRunsAndLeavesNothingBehind() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        int before = watchdog.pending();
        ScheduledFuture<String> future =
                watchdog.schedule(() -> "ran " + runs.incrementAndGet(), 150, TimeUnit.MILLISECONDS);
        assertThat(watchdog.pending()).isEqualTo(before + 1);

        assertThat(future.cancel(true)).isTrue();

        assertThat(watchdog.pending()).isEqualTo(before);
        ScheduledFuture<String> marker = watchdog.schedule(() -> "marker", 150, TimeUnit.MILLISECONDS);
        assertThat(marker.get(5, TimeUnit.SECONDS)).isEqualTo("marker");
        assertThat(runs).hasValue(0);
        assertThat(future.isCancelled()).isTrue();
    }

    @Test
    void aTaskRunsOnceItsDelayHasPassedAndThenCannotBeCancelled() throws Exception {
        long start = System.nanoTime();
        ScheduledFuture<String> future = watchdog.schedule(() -> "Write timed out", 200, TimeUnit.MILLISECONDS);

        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("Write timed out");

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(200);
        assertThat(future.cancel(true))
                .as("Angus reports the timeout only when cancel fails")
                .isFalse();
        assertThat(future.isDone()).isTrue();
    }

    @Test
    void tasksAreOrderedByTheirDelay() {
        ScheduledFuture<?> soon = watchdog.schedule(() -> {}, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> later = watchdog.schedule(() -> {}, 1, TimeUnit.MINUTES);
        try {
            assertThat(soon.compareTo(later)).isNegative();
            assertThat(later.getDelay(TimeUnit.SECONDS)).isBetween(50L, 60L);
        } finally {
            soon.cancel(false);
            later.cancel(false);
        }
    }
}
