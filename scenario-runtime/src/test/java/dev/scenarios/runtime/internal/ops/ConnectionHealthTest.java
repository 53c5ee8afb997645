package dev.scenarios.runtime.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How attempts move a connection between UNKNOWN, DOWN and UP (the end-to-end case is in OperationsTest). */
class ConnectionHealthTest {

    private final ConnectionHealth health = new ConnectionHealth(
            Map.of("orders", "mail", "alerts", "mail", "audit", "archive"),
            Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

    private void attempt(String path, FailureKind kind, int code) {
        health.attempted(path, Duration.ofMillis(5), null, new DeliveryException(kind, code, "x"));
    }

    @Test
    void unusedConnectionsAreUnknownAndReady() {
        assertThat(health.ready()).isTrue();
        assertThat(health.json())
                .containsOnlyKeys("archive", "mail")
                .extractingByKey("mail")
                .isEqualTo(Map.of("status", "UNKNOWN", "since", "2026-12-04T10:00:00Z"));
    }

    @Test
    void anUnreachedServerMakesItDownUntilAnAttemptReachesItAgain() {
        attempt("orders", FailureKind.TIMEOUT, 0);
        assertThat(health.ready()).isFalse();
        assertThat(health.json().get("mail"))
                .isEqualTo(Map.of(
                        "status", "DOWN", "since", "2026-12-04T10:00:00Z", "failureKind", "TIMEOUT", "replyCode", 0));

        // a refused recipient is an answer: the server was reached
        attempt("alerts", FailureKind.RECIPIENT_REJECTED, 550);
        assertThat(health.ready()).isTrue();

        attempt("alerts", FailureKind.AUTHENTICATION, 535);
        assertThat(health.ready()).isFalse();
        health.attempted(
                "orders",
                Duration.ofMillis(5),
                new SendResult("<1@x>", "250 OK", List.of("a@example.com"), List.of()),
                null);
        assertThat(health.ready()).isTrue();
        assertThat(health.json().get("mail")).isEqualTo(Map.of("status", "UP", "since", "2026-12-04T10:00:00Z"));
    }

    @Test
    void aReceivingPathMakesItsConnectionDownOnlyWhenDisconnectedLongerThanItsThreshold() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        health.receiverConnected("audit");
        assertThat(health.json().get("archive")).isEqualTo(Map.of("status", "UP", "since", "2026-12-04T10:00:00Z"));

        // a reconnect within the threshold is not an outage the readiness check reports
        health.receiverDisconnected("audit", now.minusSeconds(30), Duration.ofMinutes(2), "FolderClosedException: x");
        assertThat(health.ready()).isTrue();

        health.receiverDisconnected("audit", now.minusSeconds(180), Duration.ofMinutes(2), "FolderClosedException: x");
        assertThat(health.ready()).isFalse();
        assertThat(health.json().get("archive"))
                .isEqualTo(Map.of("status", "DOWN", "since", "2026-12-04T09:57:00Z", "receiving", "disconnected"));
        assertThat(health.json().get("mail")).isEqualTo(Map.of("status", "UNKNOWN", "since", "2026-12-04T10:00:00Z"));

        health.receiverConnected("audit");
        assertThat(health.ready()).isTrue();
        assertThat(health.json().get("archive")).isEqualTo(Map.of("status", "UP", "since", "2026-12-04T10:00:00Z"));
    }
}
