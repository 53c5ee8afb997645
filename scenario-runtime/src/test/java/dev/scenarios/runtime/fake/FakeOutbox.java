package dev.scenarios.runtime.fake;

import dev.scenarios.connector.api.DeliveryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** What fake paths sent, and the failures they are told to raise next. Tests reset it before each test. */
public final class FakeOutbox {

    /** One recorded send. */
    public record Sent(String path, String connection, String subject, Map<String, ?> attributes) {}

    private static final List<Sent> SENT = new ArrayList<>();
    private static final Deque<DeliveryException> FAILURES = new ArrayDeque<>();

    private FakeOutbox() {}

    public static synchronized void reset() {
        SENT.clear();
        FAILURES.clear();
    }

    /** The next message fails with {@code failure} on every delivery attempt instead of being sent. */
    public static synchronized void failNext(DeliveryException failure) {
        FAILURES.add(failure);
    }

    public static synchronized List<Sent> sent() {
        return List.copyOf(SENT);
    }

    /** The failure the next prepared message is told to raise, or null; called once per message. */
    static synchronized DeliveryException takeFailure() {
        return FAILURES.poll();
    }

    static synchronized void record(Sent sent) {
        SENT.add(sent);
    }
}
