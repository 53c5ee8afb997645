package dev.scenarios.runtime.internal.ops;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.SendEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each connection's server could be reached, judged from the attempts the runtime makes anyway
 * ({@link SendEvents#attempted}): no probe of its own, so a health check never sends mail nor opens sessions. A
 * connection is DOWN from an attempt that failed without reaching the server ({@link #UNREACHED}) until an attempt
 * reaches it again; UNKNOWN until it is first used, so only the connections that started scenarios actually use can
 * make the runtime unready. A receiving path tells its own sessions ({@link SendEvents#receiverConnected},
 * {@link SendEvents#receiverDisconnected}): its connection is UP while it has one, and DOWN once it has been without
 * one for longer than the connection's {@code unreadyAfter} — a shorter outage is a reconnect, not a broken runtime.
 * Thread-safe.
 */
public final class ConnectionHealth implements SendEvents {

    /**
     * The failure kinds that mean the server was not reached, or would not let us in: the connection itself is broken.
     */
    static final Set<FailureKind> UNREACHED =
            EnumSet.of(FailureKind.UNREACHABLE, FailureKind.TIMEOUT, FailureKind.TLS, FailureKind.AUTHENTICATION);

    /**
     * The state of one connection; {@code failureKind} and {@code replyCode} are those of the attempt that made it
     * DOWN.
     */
    private record State(String status, FailureKind failureKind, int replyCode, Instant since) {}

    /** A receiving path without a session since {@code since}; overdue after {@code unreadyAfter}. */
    private record Outage(Instant since, Duration unreadyAfter) {}

    private final Map<String, String> connectionOfPath;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Tracks the connections of the paths in {@code connectionOfPath} (path name to connection name), all UNKNOWN. */
    public ConnectionHealth(Map<String, String> connectionOfPath, Clock clock) {
        this.connectionOfPath = Map.copyOf(connectionOfPath);
        this.clock = clock;
        connectionOfPath.values().forEach(c -> states.put(c, new State("UNKNOWN", null, 0, clock.instant())));
    }

    @Override
    public void sent(String path, SendResult result) {}

    @Override
    public void failed(String path, DeliveryException failure) {}

    @Override
    public void attempted(String path, Duration took, SendResult result, DeliveryException failure) {
        String connection = connectionOfPath.get(path);
        if (connection == null) {
            return;
        }
        boolean down = failure != null && UNREACHED.contains(failure.kind());
        states.compute(connection, (name, before) -> {
            if (down) {
                return new State("DOWN", failure.kind(), failure.replyCode(), clock.instant());
            }
            return before != null && before.status().equals("UP") ? before : new State("UP", null, 0, clock.instant());
        });
    }

    @Override
    public void receiverConnected(String path) {
        outages.remove(path);
        String connection = connectionOfPath.get(path);
        if (connection != null) {
            states.compute(
                    connection,
                    (name, before) -> before != null && before.status().equals("UP")
                            ? before
                            : new State("UP", null, 0, clock.instant()));
        }
    }

    @Override
    public void receiverDisconnected(String path, Instant since, Duration unreadyAfter, String problem) {
        if (connectionOfPath.containsKey(path)) {
            outages.put(path, new Outage(since, unreadyAfter));
        }
    }

    /** The longest overdue outage of a receiving path of {@code connection}, or null. */
    private Outage overdue(String connection) {
        Instant now = clock.instant();
        return outages.entrySet().stream()
                .filter(e -> connection.equals(connectionOfPath.get(e.getKey())))
                .map(Map.Entry::getValue)
                .filter(o -> Duration.between(o.since(), now).compareTo(o.unreadyAfter()) > 0)
                .min((a, b) -> a.since().compareTo(b.since()))
                .orElse(null);
    }

    /** True when no connection is DOWN and no receiving path has been disconnected for longer than it may. */
    public boolean ready() {
        return states.values().stream().noneMatch(s -> s.status().equals("DOWN"))
                && states.keySet().stream().allMatch(c -> overdue(c) == null);
    }

    /**
     * Each connection by name: {@code status} (UP, DOWN, UNKNOWN), {@code since}, and when DOWN {@code failureKind} and
     * {@code replyCode} of the failed send, or {@code receiving: disconnected} when a receiving path has been without a
     * session for too long ({@code since} is then the start of that outage).
     */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        states.keySet().stream().sorted().forEach(name -> {
            State s = states.get(name);
            Map<String, Object> c = new LinkedHashMap<>();
            Outage outage = overdue(name);
            if (outage != null) {
                c.put("status", "DOWN");
                c.put("since", outage.since().toString());
                c.put("receiving", "disconnected");
            } else {
                c.put("status", s.status());
                c.put("since", s.since().toString());
            }
            if (outage == null && s.failureKind() != null) {
                c.put("failureKind", s.failureKind().name());
                c.put("replyCode", s.replyCode());
            }
            out.put(name, c);
        });
        return out;
    }
}
