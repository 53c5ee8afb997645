package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.support.Durations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The type of an author-declared attribute, which decides how a value is checked and written into a template: numbers
 * without exponent, booleans {@code true}/{@code false}, date-times ISO-8601, durations in the short form of the one
 * grammar ({@code 1h 30m}). The seed's structured types ({@link #PERIOD}, {@link #OBJECT}, {@link #KEY_VALUE}) are
 * rendered by {@link DeclaredAttribute} through their parts ({@code {Order.Number}}); only their scalar parts pass
 * through {@link #format}.
 */
public enum AttributeType {
    STRING,
    NUMBER,
    BOOLEAN,
    DATETIME,
    DURATION,
    /**
     * A start and an end date-time: {@code {Stay}} renders {@code start – end}, {@code {Stay.Start}} and
     * {@code {Stay.End}} each.
     */
    PERIOD,
    /** Declared nested fields; only {@code {Order.Number}} of a scalar field is a placeholder. */
    OBJECT,
    /** A map whose entries are placeholders {@code {Map.key}}. */
    KEY_VALUE;

    /** The id written in a path file, e.g. {@code datetime}, {@code key-value}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the whole value may be a placeholder: every type but {@link #OBJECT} and {@link #KEY_VALUE}. */
    public boolean isPlaceholder() {
        return this != OBJECT && this != KEY_VALUE;
    }

    /** The type written {@code id} in a path file, if there is one. */
    public static Optional<AttributeType> fromId(String id) {
        for (AttributeType t : values()) {
            if (t.id().equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code value} (one scalar, never null) as plain text. Pure.
     *
     * @throws IllegalArgumentException if the value is not of this type
     */
    public String format(Object value) {
        return format(value, null);
    }

    /**
     * {@code value} (one scalar, never null) as plain text, a duration in {@code language} when the path names one
     * ({@code 1 ч 30 мин}, {@code 1 h 30 min}), otherwise in the grammar's own units ({@code 1h 30m}). Pure.
     *
     * @param language the path's {@code language}, or null when it names none
     * @throws IllegalArgumentException if the value is not of this type
     */
    public String format(Object value, Locale language) {
        if (this == DURATION && language != null) {
            return Durations.format(duration(value), language);
        }
        return switch (this) {
            case STRING -> formatString(value);
            case NUMBER -> formatNumber(value);
            case BOOLEAN -> formatBoolean(value);
            case DATETIME -> formatDateTime(value);
            case DURATION -> formatDuration(value);
            case PERIOD, OBJECT, KEY_VALUE -> throw new IllegalArgumentException("not a scalar type");
        };
    }

    private static String formatString(Object value) {
        if (value instanceof Number n) {
            return formatNumber(n);
        }
        if (value instanceof Date || value instanceof java.time.temporal.TemporalAccessor) {
            return formatDateTime(value);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Character) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("not a scalar");
    }

    private static String formatNumber(Object value) {
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            // Double.toString gives the shortest exact form (1.0E20); BigDecimal writes it out in full.
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof String s) {
            // The author's own spelling is kept (12.50 stays 12.50), only exponents are expanded.
            return new BigDecimal(s.trim()).toPlainString();
        }
        throw new IllegalArgumentException("not a number");
    }

    private static String formatBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String s
                && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return s.trim().toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static String formatDateTime(Object value) {
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof ZonedDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof Instant t) {
            return DateTimeFormatter.ISO_INSTANT.format(t);
        }
        if (value instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof LocalDate t) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(t);
        }
        if (value instanceof Date d) {
            return DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
        }
        if (value instanceof String s) {
            return formatDateTime(parseDateTime(s.trim()));
        }
        throw new IllegalArgumentException("not a date-time");
    }

    /**
     * A duration as its parts in the short units of the one grammar, largest first: {@code 1d 2h}, {@code 90s} →
     * {@code 1m 30s}.
     */
    private static String formatDuration(Object value) {
        Duration d = duration(value);
        List<String> parts = new ArrayList<>();
        long[] amounts = {d.toDaysPart(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart()};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                parts.add(amounts[i] + units[i]);
            }
        }
        return parts.isEmpty() ? "0s" : String.join(" ", parts);
    }

    /** A duration value: a {@link Duration} or text in the one grammar; never negative. */
    private static Duration duration(Object value) {
        Duration d;
        if (value instanceof Duration given) {
            d = given;
        } else if (value instanceof String s) {
            d = Durations.parse(s).orElseThrow(() -> new IllegalArgumentException("not a duration"));
        } else {
            throw new IllegalArgumentException("not a duration");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("a negative duration");
        }
        return d;
    }

    /** A date-time value as a comparable instant or local date-time, for a period's order check. Pure. */
    static Comparable<?> instantOf(Object value) {
        Object parsed = value instanceof String s ? parseDateTime(s.trim()) : value;
        if (parsed instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (parsed instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (parsed instanceof Date d) {
            return d.toInstant();
        }
        if (parsed instanceof Instant || parsed instanceof LocalDateTime || parsed instanceof LocalDate) {
            return (Comparable<?>) parsed;
        }
        throw new IllegalArgumentException("not a date-time");
    }

    private static Object parseDateTime(String s) {
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(s);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(s);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not an ISO-8601 date-time");
                }
            }
        }
    }
}
