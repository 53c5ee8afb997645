package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ReceivedItem;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PathType} of direction {@link PathType.Direction#RECEIVE} must satisfy, on top of
 * {@link PathTypeContract}: it refuses to {@code bind} a sender; its source hands each item with declared attributes
 * only, hands it once when the host acknowledged success, hands it again after a failure, and can be started only once.
 * A connector's test extends this class, names its type, a valid configuration, an open connection and a way to make
 * one new item arrive; shipped in connector-api's test-jar. Each test starts from an empty backend and a fresh data
 * directory.
 */
public abstract class PathSourceContract extends PathTypeContract {

    /**
     * An open connection of the type's {@link PathType#connectionTypeId()}, to the backend {@link #produceItem} fills.
     */
    protected abstract Connection connection();

    /** A context whose data directory is fresh for each test. */
    protected abstract ConnectorContext context();

    /**
     * Makes one new item arrive at the source; {@code marker} must appear in one of the values the source hands for it
     * (e.g. a mail's subject).
     */
    protected abstract void produceItem(String marker) throws Exception;

    /** How long an item may take to be handed: the source's polling interval and a margin. */
    protected Duration patience() {
        return Duration.ofSeconds(20);
    }

    private PathSource source() {
        return type().source(Configuration.of(type().properties(), validConfiguration()), connection(), context());
    }

    private ReceivedItem next(BlockingQueue<ReceivedItem> handed) throws InterruptedException {
        ReceivedItem item = handed.poll(patience().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(item).as("an item handed within %s", patience()).isNotNull();
        return item;
    }

    private static boolean carries(ReceivedItem item, String marker) {
        return item.attributes().values().stream()
                .anyMatch(v -> String.valueOf(v).contains(marker));
    }

    @Test
    void receivesAndHasNoSender() {
        assertThat(type().direction()).isEqualTo(PathType.Direction.RECEIVE);
        assertThatThrownBy(() -> type().bind(Configuration.of(type().properties(), validConfiguration()), connection()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void handsAnItemWithDeclaredAttributesOnlyAndOnceAfterSuccess() throws Exception {
        Set<String> declared = type().attributes(Configuration.of(type().properties(), validConfiguration())).stream()
                .map(PropertyDescriptor::name)
                .collect(Collectors.toSet());
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (PathSource source = source()) {
            produceItem("first-item");
            source.start(handed::add);
            ReceivedItem first = next(handed);
            assertThat(carries(first, "first-item"))
                    .as("%s carries its marker", first)
                    .isTrue();
            assertThat(declared).containsAll(first.attributes().keySet());
            assertThat(first.possibleDuplicate()).isFalse();
            first.succeeded(Map.of());
            produceItem("second-item");
            ReceivedItem second = next(handed);
            assertThat(carries(second, "second-item"))
                    .as("the next item handed is the new one, not %s again", second)
                    .isTrue();
            second.succeeded(Map.of());
        }
    }

    @Test
    void handsAFailedItemAgain() throws Exception {
        BlockingQueue<ReceivedItem> handed = new LinkedBlockingQueue<>();
        try (PathSource source = source()) {
            produceItem("failing-item");
            source.start(handed::add);
            ReceivedItem first = next(handed);
            first.failed("the scenario failed", Map.of());
            ReceivedItem again = next(handed);
            assertThat(again.id()).isEqualTo(first.id());
            again.succeeded(Map.of());
        }
    }

    @Test
    void startsOnlyOnce() {
        try (PathSource source = source()) {
            source.start(item -> item.succeeded(Map.of()));
            assertThatThrownBy(() -> source.start(item -> item.succeeded(Map.of())))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
