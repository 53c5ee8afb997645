package dev.scenarios.runtime.internal.ops;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.SendEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A bound path that tells {@link SendEvents#attempted} about every attempt that talks to the server ({@link #send},
 * {@link #deliver}) with its wall time and outcome; {@link #prepare} does no I/O and is passed through untimed. Wraps
 * the connector's sender from outside, so metrics and health need nothing from the connector. Created by
 * {@code ScenarioRuntime} when it binds a path.
 */
public final class ObservedPathSender implements PathSender {

    @FunctionalInterface
    private interface Attempt {
        SendResult run() throws DeliveryException;
    }

    private final String path;
    private final PathSender sender;
    private final SendEvents events;

    private ObservedPathSender(String path, PathSender sender, SendEvents events) {
        this.path = path;
        this.sender = sender;
        this.events = events;
    }

    /** {@code sender} of path {@code path}, observed by {@code events}; null stays null (a disabled path). */
    public static PathSender of(String path, PathSender sender, SendEvents events) {
        return sender == null ? null : new ObservedPathSender(path, sender, events);
    }

    @Override
    public String systemName() {
        return sender.systemName();
    }

    @Override
    public SendResult send(Map<String, ?> attributes) throws DeliveryException {
        return observe(() -> sender.send(attributes));
    }

    @Override
    public PreparedMessage prepare(Map<String, ?> attributes) throws DeliveryException {
        return sender.prepare(attributes);
    }

    @Override
    public SendResult deliver(PreparedMessage message, List<String> recipients) throws DeliveryException {
        return observe(() -> sender.deliver(message, recipients));
    }

    private SendResult observe(Attempt attempt) throws DeliveryException {
        long start = System.nanoTime();
        try {
            SendResult result = attempt.run();
            events.attempted(path, Duration.ofNanos(System.nanoTime() - start), result, null);
            return result;
        } catch (DeliveryException e) {
            events.attempted(path, Duration.ofNanos(System.nanoTime() - start), null, e);
            throw e;
        }
    }
}
