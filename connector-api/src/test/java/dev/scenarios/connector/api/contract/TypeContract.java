package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks connection and path types share; see {@link ConnectionTypeContract} and {@link PathTypeContract}. */
abstract class TypeContract {

    /** A configuration that must validate without problems. */
    protected abstract Map<String, Object> validConfiguration();

    abstract String typeId();

    abstract String typeName(Locale locale);

    abstract String typeDescription(Locale locale);

    abstract List<PropertyDescriptor> properties();

    abstract ValidationResult validate(Configuration configuration);

    abstract List<String> commonProperties();

    @Test
    void hasIdAndNamesInBothLanguages() {
        assertThat(typeId()).matches("[a-z][a-z0-9-]*");
        assertThat(typeName(DescriptorChecks.RU)).containsPattern("\\p{IsCyrillic}");
        assertThat(typeName(DescriptorChecks.EN)).isNotBlank();
        assertThat(typeDescription(DescriptorChecks.RU)).containsPattern("\\p{IsCyrillic}");
        assertThat(typeDescription(DescriptorChecks.EN)).isNotBlank();
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
