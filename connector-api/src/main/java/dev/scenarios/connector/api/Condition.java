package dev.scenarios.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * "Property {@code property} has one of {@code values}", e.g. {@code authentication = windows}.
 * Used for a property that is shown (and validated, and required) only when the condition holds,
 * and for defaults that depend on another property.
 */
public record Condition(String property, List<String> values) {

    public Condition {
        Objects.requireNonNull(property, "property");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a condition needs at least one value");
        }
    }

    /** The condition "{@code property} is one of {@code values}". */
    public static Condition when(String property, String... values) {
        return new Condition(property, List.of(values));
    }

    /** Whether {@code configuration} meets the condition (the property's effective value, default included). */
    public boolean isMet(Configuration configuration) {
        Object value = configuration.value(property);
        return value != null && values.contains(String.valueOf(value));
    }

    @Override
    public String toString() {
        return property + " in " + values;
    }
}
