package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorsTest {

    private final SampleConnectionType type = new SampleConnectionType();

    private ValidationResult validate(Map<String, Object> values) {
        return type.validate(Configuration.of(type.properties(), values));
    }

    @Test
    void reportsEveryProblemAtOnceInDeclarationOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("recipients", "ok@example.com, not-an-address");
        values.put("timeout", "soon");
        values.put("port", 70000);
        values.put("mode", "secure");
        values.put("prot", 1);
        ValidationResult result = validate(values);
        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property, ValidationResult.Problem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("systemName", "required"),
                        org.assertj.core.groups.Tuple.tuple("port", "range"),
                        org.assertj.core.groups.Tuple.tuple("password", "required"),
                        org.assertj.core.groups.Tuple.tuple("timeout", "type.duration"),
                        org.assertj.core.groups.Tuple.tuple("recipients", "type.email"),
                        org.assertj.core.groups.Tuple.tuple("prot", "unknown"));
        assertThat(result.problemsOf("recipients").get(0).message(Locale.ENGLISH))
                .contains("not-an-address");
        assertThat(result.problemsOf("port").get(0).message(Locale.forLanguageTag("ru")))
                .contains("от 1 до 65535");
    }

    @Test
    void aHiddenPropertyIsNeitherRequiredNorChecked() {
        assertThat(validate(Map.of("systemName", "a", "mode", "plain")).isValid())
                .isTrue();
    }

    @Test
    void defaultsMayDependOnAnotherProperty() {
        Configuration plain = Configuration.of(type.properties(), Map.of("mode", "plain"));
        Configuration secure = Configuration.of(type.properties(), Map.of("mode", "secure"));
        assertThat(plain.integer("port")).isEqualTo(25);
        assertThat(secure.integer("port")).isEqualTo(465);
        assertThat(Configuration.of(type.properties(), Map.of("mode", "secure", "port", "2525"))
                        .integer("port"))
                .isEqualTo(2525);
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Configuration c = Configuration.of(type.properties(), Map.of("timeout", "2m"));
        assertThat(c.duration("timeout")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Configuration.of(type.properties(), Map.of("timeout", "PT15S"))
                        .duration("timeout"))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(Configuration.of(type.properties(), Map.of()).duration("timeout"))
                .isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void objectListsAreCheckedFieldByField() {
        ValidationResult result = validate(Map.of(
                "systemName",
                "a",
                "headers",
                List.of(Map.of("value", "x"), "oops", Map.of("name", "X-A", "colour", "red"))));
        assertThat(result.problems())
                .extracting(ValidationResult.Problem::property)
                .containsExactly("headers[0].name", "headers[1]", "headers[2].colour");
    }

    @Test
    void wrongSecretValuesAreNotEchoed() {
        Configuration c = Configuration.of(
                type.properties(), Map.of("systemName", "a", "mode", "secure", "password", List.of("hunter2")));
        assertThat(c.toString()).doesNotContain("hunter2").contains("password=****");
        assertThat(type.validate(c).describe(Locale.ENGLISH)).doesNotContain("hunter2");
    }
}
