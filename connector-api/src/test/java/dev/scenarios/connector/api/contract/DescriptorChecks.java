package dev.scenarios.connector.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.Configuration;
import dev.scenarios.connector.api.PropertyDescriptor;
import dev.scenarios.connector.api.PropertyType;
import dev.scenarios.connector.api.ValidationResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The checks shared by the connection and path type contracts. */
final class DescriptorChecks {

    static final Locale RU = Locale.forLanguageTag("ru");
    static final Locale EN = Locale.ENGLISH;

    private DescriptorChecks() {}

    static void documentedInBothLanguages(List<PropertyDescriptor> descriptors) {
        for (PropertyDescriptor d : descriptors) {
            for (String key : d.messageKeys()) {
                assertThat(d.messages().has(key, EN))
                        .as("English text %s of %s", key, d.name())
                        .isTrue();
                assertThat(d.messages().has(key, RU))
                        .as("Russian text %s of %s", key, d.name())
                        .isTrue();
            }
            assertThat(d.help(RU)).as("Russian help of %s", d.name()).containsPattern("\\p{IsCyrillic}");
            assertThat(d.help(EN))
                    .as("English help of %s", d.name())
                    .isNotBlank()
                    .doesNotContainPattern("\\p{IsCyrillic}");
            documentedInBothLanguages(d.items());
        }
    }

    static void namesUnique(List<PropertyDescriptor> descriptors) {
        Set<String> seen = new HashSet<>();
        for (PropertyDescriptor d : descriptors) {
            assertThat(seen.add(d.name()))
                    .as("property %s declared once", d.name())
                    .isTrue();
            namesUnique(d.items());
        }
    }

    static void secretsHaveNoDefault(List<PropertyDescriptor> descriptors) {
        for (PropertyDescriptor d : descriptors) {
            if (d.secret()) {
                assertThat(d.defaultValue())
                        .as("default of secret %s", d.name())
                        .isEmpty();
                assertThat(d.dependentDefaults())
                        .as("defaults of secret %s", d.name())
                        .isEmpty();
            }
        }
    }

    static void emptyReportsEveryRequired(
            List<PropertyDescriptor> descriptors, Function<Configuration, ValidationResult> validate) {
        Configuration empty = Configuration.of(descriptors, Map.of());
        ValidationResult result = validate.apply(empty);
        for (PropertyDescriptor d : descriptors) {
            boolean mustReport = d.required() && empty.isVisible(d) && empty.value(d.name()) == null;
            if (mustReport) {
                assertThat(result.problemsOf(d.name()))
                        .as("problems of required %s", d.name())
                        .anyMatch(p -> p.code().equals("required"));
            }
        }
    }

    static void validConfigurationValidates(
            List<PropertyDescriptor> descriptors,
            Map<String, Object> valid,
            Function<Configuration, ValidationResult> validate) {
        ValidationResult result = validate.apply(Configuration.of(descriptors, valid));
        assertThat(result.problems()).as("problems of the valid configuration").isEmpty();
    }

    /** A secret value set in a valid configuration appears neither in toString() nor in any problem message. */
    static void secretsHidden(
            List<PropertyDescriptor> descriptors,
            Map<String, Object> valid,
            Function<Configuration, ValidationResult> validate) {
        Map<String, Object> values = new LinkedHashMap<>(valid);
        for (PropertyDescriptor d : descriptors) {
            if (d.secret() && d.type() != PropertyType.OBJECT_LIST) {
                values.put(d.name(), "Sekr3t-" + d.name() + "-value");
            }
        }
        Configuration config = Configuration.of(descriptors, values);
        Configuration broken = Configuration.of(descriptors, brokenSecrets(descriptors, values));
        for (PropertyDescriptor d : descriptors) {
            if (d.secret()) {
                String secret = "Sekr3t-" + d.name() + "-value";
                assertThat(config.toString()).doesNotContain(secret);
                for (Configuration c : List.of(config, broken)) {
                    validate.apply(c).problems().forEach(p -> {
                        assertThat(p.message(EN)).doesNotContain(secret);
                        assertThat(p.message(RU)).doesNotContain(secret);
                    });
                }
            }
        }
    }

    private static Map<String, Object> brokenSecrets(List<PropertyDescriptor> descriptors, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        // Values that break every other rule, so that validation has reasons to speak near the secret.
        for (PropertyDescriptor d : descriptors) {
            if (!d.secret() && d.type() != PropertyType.OBJECT_LIST) {
                out.put(d.name(), "Sekr3t-x");
            }
        }
        return out;
    }
}
