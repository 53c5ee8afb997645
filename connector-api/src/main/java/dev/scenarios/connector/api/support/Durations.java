package dev.scenarios.connector.api.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of connectors and hosts: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code 1d} (a
 * whole number and a unit, case-insensitive, optional space), or ISO-8601 such as {@code PT15S}. Negative durations are
 * not durations. Used for {@link dev.scenarios.connector.api.PropertyType#DURATION} properties and by the scenario
 * runtime's {@code retry:} settings and {@code --duration} option. Pure.
 */
public final class Durations {

    /** The units of the short form, the only place they are written. */
    private static final String UNITS = "(ms|s|m|h|d)";

    /** The grammar as a JSON Schema {@code pattern} (ECMA-262), for forms; {@link #parse} is the authority. */
    public static final String JSON_PATTERN = "^(\\d+\\s*" + UNITS + "|P.+)$";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*" + UNITS);

    private Durations() {}

    /**
     * Reads a duration.
     *
     * @param text what an operator wrote, e.g. {@code 15s}; surrounding space is ignored
     * @return the duration, or empty if {@code text} is not one (negative durations included)
     */
    public static Optional<Duration> parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        if (s.startsWith("p")) {
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
