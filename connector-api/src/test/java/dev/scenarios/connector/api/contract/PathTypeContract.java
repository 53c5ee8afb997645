package dev.scenarios.connector.api.contract;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.PropertyDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PathType} must satisfy: ids and names in both languages, the common properties, every descriptor
 * documented in Russian and English, unique names, secrets without defaults, a valid configuration validates, an empty
 * one reports every required property, secrets never in {@code toString()} or problems. A connector's test extends this
 * class, names its type and a valid configuration; shipped in connector-api's test-jar.
 */
public abstract class PathTypeContract extends ConfigurableTypeContract<PathType> {

    @Override
    final List<String> commonProperties() {
        return List.of("systemName", "connection", "disabled", "description");
    }

    @Test
    void attributesAreUniqueAndDocumentedInRussianAndEnglish() {
        List<PropertyDescriptor> attributes =
                type().attributes(Configuration.of(type().properties(), validConfiguration()));
        DescriptorChecks.namesUnique(attributes);
        DescriptorChecks.documentedInBothLanguages(attributes);
    }
}
