package dev.scenarios.connector.smtp.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * The type of an author-declared attribute, which decides how a value is checked and written into
 * a template: numbers without exponent, booleans {@code true}/{@code false}, date-times ISO-8601.
 */
public enum AttributeType {
    STRING, NUMBER, BOOLEAN, DATETIME;

    /** The id written in a path file, e.g. {@code datetime}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
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
        return switch (this) {
            case STRING -> formatString(value);
            case NUMBER -> formatNumber(value);
            case BOOLEAN -> formatBoolean(value);
            case DATETIME -> formatDateTime(value);
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
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
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
        if (value instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
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
