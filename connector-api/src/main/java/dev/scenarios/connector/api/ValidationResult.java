package dev.scenarios.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every problem found in a configuration, in declaration order; empty when valid. Made by
 * {@link ConfigurableType#validate}.
 *
 * @param problems the problems, in the order of the properties they concern
 */
public record ValidationResult(List<Problem> problems) {

    /**
     * Copies {@code problems}.
     *
     * @param problems the problems, in the order of the properties they concern
     */
    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /**
     * One problem with one property. The message never contains a secret's value.
     *
     * @param property the property's name, or a dotted path into an object list ({@code attributes[2].name})
     * @param code a stable code for hosts and tests: a {@link ProblemCode#code()} or a type's own (e.g.
     *     {@code server.protocol})
     * @param message what is wrong, in the reader's language
     */
    public record Problem(String property, String code, LocalizedMessage message) {

        /**
         * Checks that no component is null.
         *
         * @param property the property's name or path
         * @param code the problem's code
         * @param message the problem's text
         */
        public Problem {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /**
         * Whether this problem has the standard code {@code code}.
         *
         * @param code a standard code
         * @return true if {@link #code()} is {@code code.code()}
         */
        public boolean is(ProblemCode code) {
            return this.code.equals(code.code());
        }

        /**
         * The message in a language.
         *
         * @param locale the reader's language
         * @return the message in {@code locale}
         */
        public String message(Locale locale) {
            return message.in(locale);
        }

        /** {@code property: message} in English. */
        @Override
        public String toString() {
            return property + ": " + message.in(Locale.ENGLISH);
        }
    }

    /**
     * A result without problems.
     *
     * @return the empty result
     */
    public static ValidationResult valid() {
        return new ValidationResult(List.of());
    }

    /**
     * Whether no problem was found.
     *
     * @return true when {@link #problems()} is empty
     */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * The problems of one property.
     *
     * @param property a property name, matched exactly
     * @return its problems, possibly none
     */
    public List<Problem> problemsOf(String property) {
        return problems.stream().filter(p -> p.property().equals(property)).toList();
    }

    /**
     * One problem per line, {@code property: message}.
     *
     * @param locale the reader's language
     * @return the lines joined with {@code \n}; empty when valid
     */
    public String describe(Locale locale) {
        return problems.stream()
                .map(p -> p.property() + ": " + p.message(locale))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Starts collecting problems.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects problems; {@link #build(List)} orders them by the descriptors' declaration order. Not thread-safe. */
    public static final class Builder {
        private final List<Problem> problems = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a problem with a type's own code.
         *
         * @param property the property's name or path
         * @param code the code, e.g. {@code server.protocol}
         * @param message the problem's text
         * @return this builder
         */
        public Builder add(String property, String code, LocalizedMessage message) {
            problems.add(new Problem(property, code, message));
            return this;
        }

        /**
         * Adds a problem with a standard code.
         *
         * @param property the property's name or path
         * @param code the standard code
         * @param message the problem's text
         * @return this builder
         */
        public Builder add(String property, ProblemCode code, LocalizedMessage message) {
            return add(property, code.code(), message);
        }

        /**
         * Adds every problem of another result.
         *
         * @param other problems found elsewhere, e.g. by a template parser
         * @return this builder
         */
        public Builder addAll(ValidationResult other) {
            problems.addAll(other.problems());
            return this;
        }

        /**
         * Whether a problem was already recorded for a property or its items, so that later rules can skip it.
         *
         * @param property a property name
         * @return true if a problem concerns {@code property} or {@code property[i]…}
         */
        public boolean hasProblem(String property) {
            return problems.stream()
                    .anyMatch(p -> p.property().equals(property) || p.property().startsWith(property + "["));
        }

        /**
         * The result, problems sorted by the position of their property in {@code order} (stable; unknown properties
         * last).
         *
         * @param order the descriptors in declaration order
         * @return the result
         */
        public ValidationResult build(List<PropertyDescriptor> order) {
            List<String> names = order.stream().map(PropertyDescriptor::name).toList();
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort((a, b) -> Integer.compare(rank(names, a), rank(names, b)));
            return new ValidationResult(sorted);
        }

        private static int rank(List<String> names, Problem p) {
            String root = p.property().split("[.\\[]", 2)[0];
            int i = names.indexOf(root);
            return i < 0 ? names.size() : i;
        }
    }
}
