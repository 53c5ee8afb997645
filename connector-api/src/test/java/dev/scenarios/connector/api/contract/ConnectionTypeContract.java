package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.connector.api.PropertyDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionType} must satisfy. A connector's test extends this class, names its
 * type and a valid configuration; shipped in connector-api's test-jar.
 */
public abstract class ConnectionTypeContract {

    /** The type under test. */
    protected abstract ConnectionType type();

    /** A configuration that must validate without problems. */
    protected abstract Map<String, Object> validConfiguration();

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
        assertThat(type().properties()).extracting(PropertyDescriptor::name).contains("systemName", "disabled", "description");
    }

    @Test
    void everyDescriptorIsDocumentedInRussianAndEnglish() {
        DescriptorChecks.documentedInBothLanguages(type().properties());
    }

    @Test
    void propertyNamesAreUnique() {
        DescriptorChecks.namesUnique(type().properties());
    }

    @Test
    void secretsHaveNoDefault() {
        DescriptorChecks.secretsHaveNoDefault(type().properties());
    }

    @Test
    void aValidConfigurationValidates() {
        DescriptorChecks.validConfigurationValidates(type().properties(), validConfiguration(), type()::validate);
    }

    @Test
    void anEmptyConfigurationReportsEveryRequiredProperty() {
        DescriptorChecks.emptyReportsEveryRequired(type().properties(), type()::validate);
    }

    @Test
    void secretsNeverAppearInToStringOrProblems() {
        DescriptorChecks.secretsHidden(type().properties(), validConfiguration(), type()::validate);
    }
}
