package dev.scenarios.connector.api;

import dev.scenarios.connector.api.support.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The settings of one connection or path: values as written (strings, booleans, numbers, lists,
 * maps), read through the type's descriptors, which supply defaults and decide what is secret.
 * Immutable. {@link #toString()} masks secrets.
 *
 * <p>Typed getters assume the configuration {@linkplain ConnectionType#validate validated}; on a
 * value of the wrong shape they throw {@link IllegalArgumentException} naming the property only.
 */
public final class Configuration {

    private final List<PropertyDescriptor> descriptors;
    private final Map<String, PropertyDescriptor> byName;
    private final Map<String, Object> values;

    private Configuration(List<PropertyDescriptor> descriptors, Map<String, ?> values) {
        this.descriptors = List.copyOf(descriptors);
        Map<String, PropertyDescriptor> index = new LinkedHashMap<>();
        descriptors.forEach(d -> index.put(d.name(), d));
        this.byName = Collections.unmodifiableMap(index);
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(Objects.requireNonNull(k, "property name"), v);
            }
        });
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The configuration {@code values} of a type with {@code descriptors}. Null values count as absent. */
    public static Configuration of(List<PropertyDescriptor> descriptors, Map<String, ?> values) {
        return new Configuration(descriptors, values);
    }

    /** The descriptors, in declaration order. */
    public List<PropertyDescriptor> descriptors() {
        return descriptors;
    }

    /** The descriptor of {@code name}, if the type declares it. */
    public Optional<PropertyDescriptor> descriptor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The values as given, without defaults. Contains secrets: do not log. */
    public Map<String, Object> givenValues() {
        return values;
    }

    /** Whether a non-blank value was given for {@code name}. */
    public boolean isSet(String name) {
        Object v = values.get(name);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    /** The given value of {@code name}, else its default (dependent defaults first), else null. */
    public Object value(String name) {
        if (isSet(name)) {
            return values.get(name);
        }
        PropertyDescriptor d = byName.get(name);
        if (d == null) {
            return null;
        }
        for (PropertyDescriptor.DependentDefault dd : d.dependentDefaults()) {
            if (dd.condition().isMet(this)) {
                return dd.value();
            }
        }
        return d.defaultValue().orElse(null);
    }

    /** Whether {@code descriptor}'s visibility condition holds (always true if it has none). */
    public boolean isVisible(PropertyDescriptor descriptor) {
        return descriptor.visibleWhen().map(c -> c.isMet(this)).orElse(true);
    }

    /** The value as text, trimmed, or null. */
    public String string(String name) {
        Object v = value(name);
        return v == null ? null : String.valueOf(v).trim();
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(string(name)).filter(s -> !s.isEmpty());
    }

    /** The value as a boolean; {@code false} if absent. */
    public boolean bool(String name) {
        Object v = value(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(name + ": not a boolean");
    }

    /** The value as an integer, or null if absent. */
    public Integer integer(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.longValue() == n.doubleValue()) {
            return Math.toIntExact(n.longValue());
        }
        try {
            return Integer.valueOf(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not an integer");
        }
    }

    /** The value as a duration ({@code 15s}, {@code 2m}, {@code PT15S}), or null if absent. */
    public Duration duration(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        return Durations.parse(String.valueOf(v)).orElseThrow(() -> new IllegalArgumentException(name + ": not a duration"));
    }

    /** The value as a list of texts: a YAML list, or a comma-separated string. Empty if absent. */
    public List<String> strings(String name) {
        Object v = value(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item).trim()));
        } else if (v != null) {
            for (String part : String.valueOf(v).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** The value of an {@link PropertyType#OBJECT_LIST}: each object as a map. Empty if absent. */
    public List<Map<String, Object>> objects(String name) {
        Object v = value(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(name + ": not a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(name + ": list items must be objects");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, val) -> copy.put(String.valueOf(k), val));
            out.add(Collections.unmodifiableMap(copy));
        }
        return List.copyOf(out);
    }

    /** The given values with secrets masked as {@code ****}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Configuration{", "}");
        values.forEach((k, v) -> {
            boolean secret = descriptor(k).map(PropertyDescriptor::secret).orElse(false);
            j.add(k + "=" + (secret ? "****" : v));
        });
        return j.toString();
    }
}
