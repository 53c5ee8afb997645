package dev.scenarios.runtime.internal.ops;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.SendEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * The sending metrics, fed by {@link SendEvents}: messages by connection, path and outcome (the same events that print
 * a run's "sent" and "failed" lines), the duration of each attempt as a histogram, and the server's replies by class.
 * Labels are system names and fixed words only: never an address, a subject or a reply text. Thread-safe (Micrometer's
 * meters are).
 */
public final class SendMetrics implements SendEvents {

    /**
     * Histogram buckets of an attempt: a loopback send takes milliseconds, a slow relay seconds, a stalled one its
     * timeout.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final MeterRegistry registry;
    private final Map<String, String> connectionOfPath;

    /**
     * Registers the message counters of every path in {@code connectionOfPath} (path name to its connection's name) at
     * 0, so that a rate or an alert has a series from the start.
     */
    public SendMetrics(MeterRegistry registry, Map<String, String> connectionOfPath) {
        this.registry = registry;
        this.connectionOfPath = Map.copyOf(connectionOfPath);
        connectionOfPath.keySet().forEach(path -> {
            messages(path, "sent");
            messages(path, "failed");
        });
    }

    @Override
    public void sent(String path, SendResult result) {
        messages(path, "sent").increment();
    }

    @Override
    public void failed(String path, DeliveryException failure) {
        messages(path, "failed").increment();
    }

    @Override
    public void attempted(String path, Duration took, SendResult result, DeliveryException failure) {
        Timer.builder("scenario.send.duration")
                .description("Time of one attempt to hand a message to the server (each retry is one attempt)")
                .tag("connection", connection(path))
                .tag("path", path)
                .tag("outcome", result != null ? "success" : "failure")
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
        Counter.builder("scenario.smtp.replies")
                .description(
                        "The server's final reply to each attempt, by class: 2xx, 4xx, 5xx, or none when there was no reply")
                .tag("connection", connection(path))
                .tag("class", replyClass(result, failure))
                .register(registry)
                .increment();
    }

    private Counter messages(String path, String outcome) {
        return Counter.builder("scenario.messages")
                .description(
                        "Messages sent or failed for good (after the direct retries, or dead in the queue), as a run prints them")
                .tag("connection", connection(path))
                .tag("path", path)
                .tag("outcome", outcome)
                .register(registry);
    }

    private String connection(String path) {
        return connectionOfPath.getOrDefault(path, "");
    }

    /** {@code 2xx}, {@code 4xx} or {@code 5xx} from the reply's code, {@code none} when the server gave no reply. */
    static String replyClass(SendResult result, DeliveryException failure) {
        if (result != null) {
            String reply = result.serverReply();
            return !reply.isEmpty() && reply.charAt(0) >= '2' && reply.charAt(0) <= '5'
                    ? reply.charAt(0) + "xx"
                    : "none";
        }
        int code = failure.replyCode();
        return code >= 200 && code < 600 ? code / 100 + "xx" : "none";
    }
}
