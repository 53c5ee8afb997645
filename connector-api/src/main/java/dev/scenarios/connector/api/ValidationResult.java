package dev.scenarios.connector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every problem found in a configuration, in declaration order; empty when valid. */
public record ValidationResult(List<PropertyProblem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public static ValidationResult valid() {
        return new ValidationResult(List.of());
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The problems of {@code property}. */
    public List<PropertyProblem> problemsOf(String property) {
        return problems.stream().filter(p -> p.property().equals(property)).toList();
    }

    /** One problem per line, {@code property: message}, in {@code locale}. */
    public String describe(Locale locale) {
        return problems.stream().map(p -> p.property() + ": " + p.message(locale)).collect(Collectors.joining("\n"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects problems; {@link #build()} orders them by the descriptors' declaration order. */
    public static final class Builder {
        private final List<PropertyProblem> problems = new ArrayList<>();

        public Builder add(String property, String code, LocalizedMessage message) {
            problems.add(new PropertyProblem(property, code, message));
            return this;
        }

        public Builder addAll(ValidationResult other) {
            problems.addAll(other.problems());
            return this;
        }

        /** Whether a problem was already recorded for {@code property}, so type checks can skip it. */
        public boolean hasProblem(String property) {
            return problems.stream().anyMatch(p -> p.property().equals(property) || p.property().startsWith(property + "["));
        }

        public ValidationResult build(List<PropertyDescriptor> order) {
            List<String> names = order.stream().map(PropertyDescriptor::name).toList();
            List<PropertyProblem> sorted = new ArrayList<>(problems);
            sorted.sort((a, b) -> Integer.compare(rank(names, a), rank(names, b)));
            return new ValidationResult(sorted);
        }

        private static int rank(List<String> names, PropertyProblem p) {
            String root = p.property().split("[.\\[]", 2)[0];
            int i = names.indexOf(root);
            return i < 0 ? names.size() : i;
        }
    }
}
