package dev.scenarios.connector.api;

import dev.scenarios.connector.api.internal.Addresses;
import dev.scenarios.connector.api.internal.Durations;
import java.util.List;
import java.util.Map;

/**
 * The checks every type shares, driven by its descriptors: unknown properties, required values
 * (when visible), types, enum values and integer ranges, recursively into object lists. A type's
 * {@code validate} starts here and adds its own rules. Pure; never echoes a secret.
 */
public final class DescriptorValidation {

    private static final Messages MESSAGES = Messages.of("dev.scenarios.connector.api.messages", DescriptorValidation.class);

    private DescriptorValidation() {
    }

    /** The problems of {@code configuration} that its descriptors alone reveal, as a builder to add to. */
    public static ValidationResult.Builder check(Configuration configuration) {
        ValidationResult.Builder out = ValidationResult.builder();
        for (String given : configuration.givenValues().keySet()) {
            if (configuration.descriptor(given).isEmpty()) {
                out.add(given, "unknown", MESSAGES.message("problem.unknown", given));
            }
        }
        for (PropertyDescriptor d : configuration.descriptors()) {
            if (!configuration.isVisible(d)) {
                continue;
            }
            Object value = configuration.value(d.name());
            if (value == null || (value instanceof String s && s.isBlank())
                    || (value instanceof List<?> l && l.isEmpty())) {
                if (d.required()) {
                    out.add(d.name(), "required", MESSAGES.message("problem.required", d.name()));
                }
                continue;
            }
            checkValue(d, d.name(), value, out);
        }
        return out;
    }

    private static void checkValue(PropertyDescriptor d, String path, Object value, ValidationResult.Builder out) {
        String shown = d.secret() ? "****" : String.valueOf(value);
        switch (d.type()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean) && !String.valueOf(value).trim().matches("(?i)true|false")) {
                    out.add(path, "type.boolean", MESSAGES.message("problem.boolean", path, shown));
                }
            }
            case INTEGER -> checkInteger(d, path, value, shown, out);
            case ENUM -> {
                if (!d.allowedValues().contains(String.valueOf(value).trim())) {
                    out.add(path, "type.enum", MESSAGES.message("problem.enum", path, shown, String.join(", ", d.allowedValues())));
                }
            }
            case DURATION -> {
                if (Durations.parse(String.valueOf(value)).isEmpty()) {
                    out.add(path, "type.duration", MESSAGES.message("problem.duration", path, shown));
                }
            }
            case EMAIL -> {
                if (!Addresses.isMailbox(String.valueOf(value))) {
                    out.add(path, "type.email", MESSAGES.message("problem.email", path, shown));
                }
            }
            case EMAIL_LIST -> checkEmailList(path, value, out);
            case OBJECT_LIST -> checkObjects(d, path, value, out);
            case STRING, TEXT, FILE -> {
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    out.add(path, "type.text", MESSAGES.message("problem.text", path));
                }
            }
        }
    }

    private static void checkInteger(PropertyDescriptor d, String path, Object value, String shown, ValidationResult.Builder out) {
        long n;
        try {
            n = value instanceof Number num && num.doubleValue() == num.longValue()
                    ? num.longValue() : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            out.add(path, "type.integer", MESSAGES.message("problem.integer", path, shown));
            return;
        }
        if (d.minimum().map(min -> n < min).orElse(false) || d.maximum().map(max -> n > max).orElse(false)) {
            out.add(path, "range", MESSAGES.message("problem.range", path, shown,
                    d.minimum().map(String::valueOf).orElse("…"), d.maximum().map(String::valueOf).orElse("…")));
        }
    }

    private static void checkEmailList(String path, Object value, ValidationResult.Builder out) {
        List<?> items = value instanceof List<?> l ? l : List.of(String.valueOf(value).split(","));
        for (Object item : items) {
            String s = String.valueOf(item).trim();
            if (!s.isEmpty() && !Addresses.isMailbox(s)) {
                out.add(path, "type.email", MESSAGES.message("problem.email", path, s));
            }
        }
    }

    private static void checkObjects(PropertyDescriptor d, String path, Object value, ValidationResult.Builder out) {
        if (!(value instanceof List<?> list)) {
            out.add(path, "type.list", MESSAGES.message("problem.list", path));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                out.add(itemPath, "type.object", MESSAGES.message("problem.object", itemPath));
                continue;
            }
            for (Object key : map.keySet()) {
                if (d.items().stream().noneMatch(f -> f.name().equals(String.valueOf(key)))) {
                    out.add(itemPath + "." + key, "unknown", MESSAGES.message("problem.unknown", itemPath + "." + key));
                }
            }
            for (PropertyDescriptor field : d.items()) {
                Object v = map.get(field.name());
                String fieldPath = itemPath + "." + field.name();
                if (v == null || (v instanceof String s && s.isBlank())) {
                    if (field.required()) {
                        out.add(fieldPath, "required", MESSAGES.message("problem.required", fieldPath));
                    }
                } else {
                    checkValue(field, fieldPath, v, out);
                }
            }
        }
    }
}
