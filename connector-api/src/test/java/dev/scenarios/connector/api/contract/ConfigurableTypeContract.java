package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConfigurableType;
import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConfigurableType} must satisfy: ids and names in both languages, the common properties, every
 * descriptor documented in Russian and English, unique names, secrets without defaults, a valid configuration
 * validates, an empty one reports every required property, secrets never in {@code toString()} or problems. Extended by
 * {@link ConnectionTypeContract} and {@link PathTypeContract}, which name the common properties of their kind.
 *
 * @param <T> the kind of type under test
 */
public abstract class ConfigurableTypeContract<T extends ConfigurableType> {

    /** The type under test. */
    protected abstract T type();

    /** A configuration that must validate without problems. */
    protected abstract Map<String, Object> validConfiguration();

    /** The properties every type of this kind declares. */
    abstract List<String> commonProperties();

    private List<PropertyDescriptor> properties() {
        return type().properties();
    }

    private ValidationResult validate(Configuration configuration) {
        return type().validate(configuration);
    }

    @Test
    void hasIdAndNamesInBothLanguages() {
        assertThat(type().id()).matches("[a-z][a-z0-9-]*");
        assertThat(type().name(DescriptorChecks.RU)).containsPattern("\\p{IsCyrillic}");
        assertThat(type().name(DescriptorChecks.EN)).isNotBlank();
        assertThat(type().description(DescriptorChecks.RU)).containsPattern("\\p{IsCyrillic}");
        assertThat(type().description(DescriptorChecks.EN)).isNotBlank();
    }

    @Test
    void declaresTheCommonProperties() {
        assertThat(properties()).extracting(PropertyDescriptor::name).containsAll(commonProperties());
    }

    @Test
    void everyDescriptorIsDocumentedInRussianAndEnglish() {
        DescriptorChecks.documentedInBothLanguages(properties());
    }

    @Test
    void propertyNamesAreUnique() {
        DescriptorChecks.namesUnique(properties());
    }

    @Test
    void secretsHaveNoDefault() {
        DescriptorChecks.secretsHaveNoDefault(properties());
    }

    @Test
    void aValidConfigurationValidates() {
        DescriptorChecks.validConfigurationValidates(properties(), validConfiguration(), this::validate);
    }

    @Test
    void anEmptyConfigurationReportsEveryRequiredProperty() {
        DescriptorChecks.emptyReportsEveryRequired(properties(), this::validate);
    }

    @Test
    void secretsNeverAppearInToStringOrProblems() {
        DescriptorChecks.secretsHidden(properties(), validConfiguration(), this::validate);
    }
}
