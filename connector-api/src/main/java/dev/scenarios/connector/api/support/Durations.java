package dev.scenarios.connector.api.support;

import dev.scenarios.connector.api.Messages;
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
 *
 * <p>What a user reads is {@link #format(Duration, Locale)}: the same units spelt in the reader's language ({@code 2
 * min 30 s}, {@code 2 мин 30 с}); {@link dev.scenarios.connector.api.Messages} renders every {@link Duration} argument
 * of a text that way.
 */
public final class Durations {

    /** The units of the short form, the only place they are written. */
    private static final String UNITS = "(ms|s|m|h|d)";

    /** The grammar as a JSON Schema {@code pattern} (ECMA-262), for forms; {@link #parse} is the authority. */
    public static final String JSON_PATTERN = "^(\\d+\\s*" + UNITS + "|P.+)$";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*" + UNITS);

    /** The units' names per language: {@code duration.unit.d} and so on in the SPI's own texts. */
    private static final Messages UNIT_NAMES = Messages.of("dev.scenarios.connector.api.messages", Durations.class);

    private static final String[] FORMAT_UNITS = {"d", "h", "min", "s", "ms"};

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

    /**
     * A duration as a user reads it, in {@code locale}'s language (Russian or English, as every text): whole days,
     * hours, minutes, seconds and milliseconds, largest first, the zero ones left out, e.g. {@code 2 min 30 s} /
     * {@code 2 мин 30 с}, {@code 1 d 2 h} / {@code 1 д 2 ч}; {@code 0 s} for zero. Less than a millisecond is dropped.
     * Hosts and connectors call it for anything they show; pure.
     *
     * @param duration not negative
     * @param locale the reader's language; any other than Russian gets English
     * @return the text
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static String format(Duration duration, Locale locale) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration is not a duration: " + duration);
        }
        long[] amounts = {
            duration.toDays(),
            duration.toHoursPart(),
            duration.toMinutesPart(),
            duration.toSecondsPart(),
            duration.toMillisPart()
        };
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                out.append(out.length() == 0 ? "" : " ")
                        .append(amounts[i])
                        .append(' ')
                        .append(UNIT_NAMES.get("duration.unit." + FORMAT_UNITS[i], locale));
            }
        }
        return out.length() == 0 ? "0 " + UNIT_NAMES.get("duration.unit.s", locale) : out.toString();
    }
}
