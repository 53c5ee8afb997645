package dev.scenarios.connector.api.support;

import dev.scenarios.connector.api.ConfigurableType;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.Messages;
import dev.scenarios.connector.api.ProblemCode;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every type shares, driven by its descriptors: unknown properties, required values (when visible), types,
 * enum values and integer ranges, recursively into object lists, each item of an {@linkplain PropertyDescriptor#array()
 * array}. {@link ConfigurableType#validate} starts here and adds the type's own rules; a host that adds its own
 * descriptors calls it too. Pure; never echoes a secret. Problems carry {@link ProblemCode}s.
 */
public final class Descriptors {

    private static final Messages MESSAGES = Messages.of("dev.scenarios.connector.api.messages", Descriptors.class);

    /**
     * The one rule for a system name (a connection's or a path's {@code systemName}, and a path's {@code connection}):
     * Latin letters, digits and {@code _}. Names become file names, journal names and Camel endpoint names, so nothing
     * else is allowed.
     */
    private static final Pattern SYSTEM_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private Descriptors() {}

    /**
     * Whether {@code name} is a valid system name. Pure.
     *
     * @param name the name to test, possibly null
     * @return true for a non-empty name of Latin letters, digits and {@code _}
     */
    public static boolean isSystemName(String name) {
        return name != null && SYSTEM_NAME.matcher(name).matches();
    }

    /**
     * The problems of a configuration that its descriptors alone reveal.
     *
     * @param configuration the values, read through their descriptors
     * @return a builder holding those problems, for the type's own rules to add to
     */
    public static ValidationResult.Builder validate(Configuration configuration) {
        ValidationResult.Builder out = ValidationResult.builder();
        for (String given : configuration.givenValues().keySet()) {
            if (configuration.descriptor(given).isEmpty()) {
                out.add(given, ProblemCode.UNKNOWN, MESSAGES.message("problem.unknown", given));
            }
        }
        for (PropertyDescriptor d : configuration.descriptors()) {
            if (!configuration.isVisible(d)) {
                continue;
            }
            Object value = configuration.value(d.name());
            if (value == null
                    || (value instanceof String s && s.isBlank())
                    || (value instanceof List<?> l && l.isEmpty())) {
                if (d.required()) {
                    out.add(d.name(), ProblemCode.REQUIRED, MESSAGES.message("problem.required", d.name()));
                }
                continue;
            }
            checkEach(d, d.name(), value, out);
        }
        return out;
    }

    /** Checks {@code value}, or each item of it when the descriptor is an array and the value a list. */
    private static void checkEach(PropertyDescriptor d, String path, Object value, ValidationResult.Builder out) {
        if (d.array() && value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) != null) {
                    checkValue(d, path + "[" + i + "]", items.get(i), out);
                }
            }
        } else {
            checkValue(d, path, value, out);
        }
    }

    private static void checkValue(PropertyDescriptor d, String path, Object value, ValidationResult.Builder out) {
        String shown = d.secret() ? "****" : String.valueOf(value);
        switch (d.type()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean) && !String.valueOf(value).trim().matches("(?i)true|false")) {
                    out.add(path, ProblemCode.BOOLEAN, MESSAGES.message("problem.boolean", path, shown));
                }
            }
            case INTEGER -> checkInteger(d, path, value, shown, out);
            case ENUM -> {
                if (!d.allowedValues().contains(String.valueOf(value).trim())) {
                    out.add(
                            path,
                            ProblemCode.ENUM,
                            MESSAGES.message("problem.enum", path, shown, String.join(", ", d.allowedValues())));
                }
            }
            case DURATION -> {
                if (Durations.parse(String.valueOf(value)).isEmpty()) {
                    out.add(path, ProblemCode.DURATION, MESSAGES.message("problem.duration", path, shown));
                }
            }
            case EMAIL -> {
                if (!Addresses.isMailbox(String.valueOf(value))) {
                    out.add(path, ProblemCode.EMAIL, MESSAGES.message("problem.email", path, shown));
                }
            }
            case EMAIL_LIST -> checkEmailList(path, value, out);
            case OBJECT_LIST -> checkObjects(d, path, value, out);
            case OBJECT -> {
                if (value instanceof Map<?, ?> map) {
                    checkFields(d, path, map, out);
                } else {
                    out.add(path, ProblemCode.OBJECT, MESSAGES.message("problem.object", path));
                }
            }
            case STRING, TEXT, FILE -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    out.add(path, ProblemCode.TEXT, MESSAGES.message("problem.text", path));
                }
            }
        }
    }

    private static void checkInteger(
            PropertyDescriptor d, String path, Object value, String shown, ValidationResult.Builder out) {
        long n;
        try {
            n = value instanceof Number num && num.doubleValue() == num.longValue()
                    ? num.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            out.add(path, ProblemCode.INTEGER, MESSAGES.message("problem.integer", path, shown));
            return;
        }
        if (d.minimum().map(min -> n < min).orElse(false)
                || d.maximum().map(max -> n > max).orElse(false)) {
            out.add(
                    path,
                    ProblemCode.RANGE,
                    MESSAGES.message(
                            "problem.range",
                            path,
                            shown,
                            d.minimum().map(String::valueOf).orElse("…"),
                            d.maximum().map(String::valueOf).orElse("…")));
        }
    }

    private static void checkEmailList(String path, Object value, ValidationResult.Builder out) {
        List<?> items =
                value instanceof List<?> l ? l : List.of(String.valueOf(value).split(","));
        for (Object item : items) {
            String s = String.valueOf(item).trim();
            if (!s.isEmpty() && !Addresses.isMailbox(s)) {
                out.add(path, ProblemCode.EMAIL, MESSAGES.message("problem.email", path, s));
            }
        }
    }

    private static void checkObjects(PropertyDescriptor d, String path, Object value, ValidationResult.Builder out) {
        if (!(value instanceof List<?> list)) {
            out.add(path, ProblemCode.LIST, MESSAGES.message("problem.list", path));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                out.add(itemPath, ProblemCode.OBJECT, MESSAGES.message("problem.object", itemPath));
                continue;
            }
            checkFields(d, itemPath, map, out);
        }
    }

    private static void checkFields(PropertyDescriptor d, String path, Map<?, ?> map, ValidationResult.Builder out) {
        for (Object key : map.keySet()) {
            if (d.items().stream().noneMatch(f -> f.name().equals(String.valueOf(key)))) {
                out.add(path + "." + key, ProblemCode.UNKNOWN, MESSAGES.message("problem.unknown", path + "." + key));
            }
        }
        for (PropertyDescriptor field : d.items()) {
            Object v = map.get(field.name());
            String fieldPath = path + "." + field.name();
            if (v == null || (v instanceof String s && s.isBlank())) {
                if (field.required()) {
                    out.add(fieldPath, ProblemCode.REQUIRED, MESSAGES.message("problem.required", fieldPath));
                }
            } else {
                checkEach(field, fieldPath, v, out);
            }
        }
    }
}
