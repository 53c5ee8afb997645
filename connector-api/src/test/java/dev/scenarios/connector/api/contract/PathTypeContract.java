package dev.scenarios.connector.api.contract;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Locale;

/**
 * What every {@link PathType} must satisfy: ids and names in both languages, the common
 * properties, every descriptor documented in Russian and English, unique names, secrets without
 * defaults, a valid configuration validates, an empty one reports every required property, secrets
 * never in {@code toString()} or problems. A connector's test extends this class, names its type and
 * a valid configuration; shipped in connector-api's test-jar.
 */
public abstract class PathTypeContract extends TypeContract {

    /** The type under test. */
    protected abstract PathType type();

    @Override
    final String typeId() {
        return type().id();
    }

    @Override
    final String typeName(Locale locale) {
        return type().name(locale);
    }

    @Override
    final String typeDescription(Locale locale) {
        return type().description(locale);
    }

    @Override
    final List<PropertyDescriptor> properties() {
        return type().properties();
    }

    @Override
    final ValidationResult validate(Configuration configuration) {
        return type().validate(configuration);
    }

    @Override
    final List<String> commonProperties() {
        return List.of("systemName", "connection", "disabled", "description");
    }
}
