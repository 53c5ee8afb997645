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
 * The settings of one connection or path: values as written (strings, booleans, numbers, lists, maps), read through the
 * type's descriptors, which supply defaults and decide what is secret. Immutable. {@link #toString()} masks secrets.
 *
 * <p>Typed getters assume the configuration {@linkplain ConnectionType#validate validated}; on a value of the wrong
 * shape they throw {@link IllegalArgumentException} naming the property only.
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

    /**
     * The values of {@code type}'s settings, read through its own descriptors: the one call a host needs before
     * {@code validate}, {@code open} or {@code bind}.
     *
     * @param type the connection or path type the values are for
     * @param values the values as written; null values count as absent
     * @return an immutable configuration
     */
    public static Configuration of(ConfigurableType type, Map<String, ?> values) {
        return of(type.properties(), values);
    }

    /**
     * The values of a type's settings.
     *
     * @param descriptors the type's descriptors (or a host's superset of them), in declaration order
     * @param values the values as written; null values count as absent
     * @return an immutable configuration
     */
    public static Configuration of(List<PropertyDescriptor> descriptors, Map<String, ?> values) {
        return new Configuration(descriptors, values);
    }

    /**
     * The descriptors, in declaration order.
     *
     * @return the descriptors the configuration was made with
     */
    public List<PropertyDescriptor> descriptors() {
        return descriptors;
    }

    /**
     * The descriptor of a property.
     *
     * @param name the property's name
     * @return the descriptor, or empty if the type does not declare the property
     */
    public Optional<PropertyDescriptor> descriptor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The values as given, without defaults. Contains secrets: do not log.
     *
     * @return the values, insertion-ordered, nulls left out
     */
    public Map<String, Object> givenValues() {
        return values;
    }

    /**
     * Whether a non-blank value was given for a property.
     *
     * @param name the property's name
     * @return true if a value other than blank text was given
     */
    public boolean isSet(String name) {
        Object v = values.get(name);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    /**
     * The effective value of a property.
     *
     * @param name the property's name
     * @return the given value, else its default (dependent defaults first), else null
     */
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

    /**
     * Whether a descriptor's visibility condition holds.
     *
     * @param descriptor one of {@link #descriptors()}
     * @return true if the condition holds or there is none
     */
    public boolean isVisible(PropertyDescriptor descriptor) {
        return descriptor.visibleWhen().map(c -> c.isMet(this)).orElse(true);
    }

    /**
     * The value as text.
     *
     * @param name the property's name
     * @return the effective value as trimmed text, or null if absent
     */
    public String string(String name) {
        Object v = value(name);
        return v == null ? null : String.valueOf(v).trim();
    }

    /**
     * The value as text, when there is some.
     *
     * @param name the property's name
     * @return the trimmed text, or empty if absent or blank
     */
    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(string(name)).filter(s -> !s.isEmpty());
    }

    /**
     * The value as a boolean.
     *
     * @param name the property's name
     * @return the value; {@code false} if absent
     * @throws IllegalArgumentException if the value is not {@code true} or {@code false}
     */
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

    /**
     * The value as an integer.
     *
     * @param name the property's name
     * @return the value, or null if absent
     * @throws IllegalArgumentException if the value is not a whole number
     */
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

    /**
     * The value as a duration in the grammar of {@link dev.scenarios.connector.api.support.Durations}.
     *
     * @param name the property's name
     * @return the value ({@code 15s}, {@code 2m}, {@code PT15S}), or null if absent
     * @throws IllegalArgumentException if the value is not a duration
     */
    public Duration duration(String name) {
        Object v = value(name);
        if (v == null) {
            return null;
        }
        return Durations.parse(String.valueOf(v))
                .orElseThrow(() -> new IllegalArgumentException(name + ": not a duration"));
    }

    /**
     * The value as a list of texts: a YAML list, or a comma-separated string.
     *
     * @param name the property's name
     * @return the trimmed texts; empty if absent
     */
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

    /**
     * The value of an {@link PropertyType#OBJECT_LIST}: each object as a map.
     *
     * @param name the property's name
     * @return the objects, unmodifiable; empty if absent
     * @throws IllegalArgumentException if the value is not a list of objects
     */
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
