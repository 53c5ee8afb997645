package dev.scenarios.connector.api;

import dev.scenarios.connector.api.support.Descriptors;
import java.util.List;
import java.util.Locale;

/**
 * What connection and path types share: an id, texts in the user's language, the settings as
 * {@link PropertyDescriptor}s, and validation driven by them. Hosts render forms, JSON Schema and documentation from
 * these members alone.
 *
 * <p>Instances are immutable and thread-safe.
 */
public interface ConfigurableType {

    /**
     * The type id written as {@code type:} in a definition file, e.g. {@code smtp} or {@code smtp-send}.
     *
     * @return a lower-case id, unique across all providers
     */
    String id();

    /**
     * The type's display name. Russian and English are always available.
     *
     * @param locale the reader's language; any other language than Russian gets English
     * @return the name in {@code locale}
     */
    String name(Locale locale);

    /**
     * A one-paragraph description of the type.
     *
     * @param locale the reader's language
     * @return the description in {@code locale}
     */
    String description(Locale locale);

    /**
     * The settings, in the order a form shows them. A host may add its own settings (the scenario runtime adds
     * {@code delivery} and {@code retry} to path types).
     *
     * @return the descriptors, never empty: every type has {@code systemName}, {@code disabled} and {@code description}
     */
    List<PropertyDescriptor> properties();

    /**
     * Checks {@code configuration}: first what its descriptors alone reveal ({@link Descriptors#validate}), then the
     * type's own {@link #rules}. Pure and fast: no I/O, no exception for user errors.
     *
     * @param configuration the values to check, read through {@link #properties()} (or a host's superset of them)
     * @return every problem at once, in declaration order; empty when valid
     */
    default ValidationResult validate(Configuration configuration) {
        ValidationResult.Builder problems = Descriptors.validate(configuration);
        rules(configuration, problems);
        return problems.build(configuration.descriptors());
    }

    /**
     * The type's cross-property rules, called by {@link #validate} after the descriptor checks. Pure. The default has
     * none.
     *
     * @param configuration the values to check
     * @param problems where to add problems; {@link ValidationResult.Builder#hasProblem} tells whether a descriptor
     *     check already reported a property
     */
    default void rules(Configuration configuration, ValidationResult.Builder problems) {}
}
