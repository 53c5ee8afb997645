package dev.scenarios.runtime.internal.workspace;

import dev.scenarios.connector.api.support.Durations;
import dev.scenarios.runtime.DeliveryPolicy;
import dev.scenarios.runtime.DeliveryPolicy.Mode;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a path file's {@code delivery:} and {@code retry:} keys, which belong to the runtime: takes them out of the
 * file's values (so the path type never sees them) and validates them with {@code file:line} problems. Called by
 * {@code Workspace.load}; pure.
 */
public final class DeliveryOptions {

    /** The keys the runtime takes out of every path file. */
    public static final Set<String> KEYS = Set.of("delivery", "retry", "bus");

    /** The data buses: {@code bus: 0} to {@code bus: 3}, each with its own queue sender. */
    public static final int BUSES = 4;

    private static final Set<String> RETRY_KEYS = Set.of("attempts", "backoff", "jitter", "lifetime");

    private DeliveryOptions() {}

    /**
     * Removes {@code delivery} and {@code retry} from {@code file}'s values and returns the policy they describe
     * (defaults for what is absent); adds a problem for each bad value and then returns the mode's defaults.
     */
    public static DeliveryPolicy take(ObjectFile file, Locale locale, List<Problem> problems) {
        Object delivery = file.values().remove("delivery");
        Object retry = file.values().remove("retry");
        int before = problems.size();
        Mode mode = Mode.DIRECT;
        if (delivery != null) {
            String text = String.valueOf(delivery).trim().toLowerCase(Locale.ROOT);
            if (text.equals("queued")) {
                mode = Mode.QUEUED;
            } else if (!text.equals("direct")) {
                problems.add(file.problemAt(
                        "delivery", Texts.get(locale, "delivery.mode.invalid", String.valueOf(delivery))));
            }
        }
        DeliveryPolicy defaults = DeliveryPolicy.defaults(mode);
        if (retry == null) {
            return defaults;
        }
        if (!(retry instanceof Map<?, ?> settings)) {
            problems.add(file.problemAt("retry", Texts.get(locale, "retry.notMapping")));
            return defaults;
        }
        int attempts = defaults.attempts();
        List<Duration> backoff = defaults.backoff();
        double jitter = defaults.jitter();
        Duration lifetime = defaults.lifetime();
        for (Map.Entry<?, ?> e : settings.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = "retry." + key;
            Object value = e.getValue();
            if (!RETRY_KEYS.contains(key)) {
                problems.add(file.problemAt(at, Texts.get(locale, "retry.unknown", key)));
            } else if (key.equals("attempts")) {
                if (mode == Mode.QUEUED) {
                    problems.add(file.problemAt(at, Texts.get(locale, "retry.attempts.queued")));
                } else {
                    String text = String.valueOf(value).trim();
                    attempts = text.matches("\\d{1,3}") ? Integer.parseInt(text) : 0;
                    if (attempts < 1 || attempts > 100) {
                        problems.add(file.problemAt(at, Texts.get(locale, "retry.attempts.invalid", text)));
                    }
                }
            } else if (key.equals("backoff")) {
                backoff = backoff(file, value, locale, problems);
            } else if (key.equals("jitter")) {
                String text = String.valueOf(value).trim();
                try {
                    jitter = Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    jitter = -1;
                }
                if (!(jitter >= 0 && jitter <= 1)) {
                    problems.add(file.problemAt(at, Texts.get(locale, "retry.jitter.invalid", text)));
                }
            } else {
                // Queued: how long the message is kept trying; direct: the step's overall deadline.
                lifetime = duration(String.valueOf(value));
                if (lifetime == null || lifetime.isZero()) {
                    problems.add(
                            file.problemAt(at, Texts.get(locale, "retry.duration.invalid", String.valueOf(value))));
                }
            }
        }
        if (problems.size() > before) {
            return defaults;
        }
        return new DeliveryPolicy(mode, attempts, backoff, jitter, lifetime);
    }

    /**
     * Removes {@code bus} from {@code file}'s values and returns it (0 when absent); adds a problem and returns 0 when
     * it is not a whole number from 0 to {@value #BUSES} - 1.
     */
    public static int takeBus(ObjectFile file, Locale locale, List<Problem> problems) {
        Object bus = file.values().remove("bus");
        if (bus == null) {
            return 0;
        }
        String text = String.valueOf(bus).trim();
        if (!text.matches("[0-9]")) {
            problems.add(file.problemAt("bus", Texts.get(locale, "bus.invalid", text, BUSES - 1)));
            return 0;
        }
        int n = Integer.parseInt(text);
        if (n >= BUSES) {
            problems.add(file.problemAt("bus", Texts.get(locale, "bus.invalid", text, BUSES - 1)));
            return 0;
        }
        return n;
    }

    private static List<Duration> backoff(ObjectFile file, Object value, Locale locale, List<Problem> problems) {
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value != null) {
            for (String part : String.valueOf(value).split(",")) {
                texts.add(part);
            }
        }
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Duration d = duration(texts.get(i));
            if (d == null) {
                String at = value instanceof List<?> ? "retry.backoff[" + i + "]" : "retry.backoff";
                problems.add(file.problemAt(
                        at,
                        Texts.get(locale, "retry.duration.invalid", texts.get(i).trim())));
            } else {
                out.add(d);
            }
        }
        if (out.isEmpty() && texts.isEmpty()) {
            problems.add(file.problemAt("retry.backoff", Texts.get(locale, "retry.duration.invalid", "")));
        }
        return out;
    }

    /** The duration {@code text} denotes in the SPI's one grammar ({@link Durations}), or null. */
    static Duration duration(String text) {
        return Durations.parse(text).orElse(null);
    }
}
