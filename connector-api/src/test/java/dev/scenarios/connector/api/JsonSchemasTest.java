package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.support.JsonSchemas;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

    private final SampleConnectionType type = new SampleConnectionType();

    @Test
    void describesTheFormInTheRequestedLanguage() {
        String ru = JsonSchemas.of(type, Locale.forLanguageTag("ru"));
        assertThat(ru)
                .startsWith("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"title\":\"Пример\"")
                .contains("\"oneOf\":[{\"const\":\"plain\",\"title\":\"Простой\"}")
                .contains("\"x-groupTitle\":\"Основное\"");
        assertThat(JsonSchemas.of(type, Locale.ENGLISH)).contains("{\"const\":\"secure\",\"title\":\"Secure\"}");
    }

    @Test
    void marksSecretsWriteOnlyAndExpressesConditions() {
        String schema = JsonSchemas.of(type, Locale.ENGLISH);
        assertThat(schema)
                .contains("\"writeOnly\":true,\"format\":\"password\"")
                .contains("\"x-visibleWhen\":{\"mode\":[\"secure\"]}")
                .contains(
                        "{\"if\":{\"properties\":{\"mode\":{\"enum\":[\"secure\"]}},\"required\":[\"mode\"]},\"then\":{\"required\":[\"password\"]}}")
                .contains(
                        "{\"if\":{\"properties\":{\"mode\":{\"enum\":[\"secure\"]}},\"required\":[\"mode\"]},\"then\":{\"properties\":{\"port\":{\"default\":465}}}}")
                .contains("\"required\":[\"systemName\"]")
                .contains(
                        "\"timeout\":{\"title\":\"Timeout\",\"description\":\"How long to wait.\",\"type\":\"string\"");
    }
}
