package dev.scenarios.connector.smtp.testing;

import dev.scenarios.connector.api.ConnectorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move forward by hand (token expiry), and a connector context that uses it. */
public final class TestClock extends Clock {

    private volatile Instant now = Instant.parse("2026-11-27T10:00:00Z");

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** A context writing under {@code data} and telling time by this clock. */
    public ConnectorContext context(Path data) {
        TestClock clock = this;
        return new ConnectorContext() {
            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
