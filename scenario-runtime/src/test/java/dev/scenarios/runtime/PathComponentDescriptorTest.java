package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.runtime.internal.workspace.PathStepOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The component descriptor {@code path.json} that camel-package-maven-plugin generates at build time is where Camel's
 * tooling looks for it, and lists every option the endpoint accepts: the options come from the one declaration
 * ({@link PathStepOptions}' {@code @UriParam} fields) that validation and the component also read.
 */
class PathComponentDescriptorTest {

    @Test
    void camelFindsTheGeneratedDescriptorBesideTheComponent() throws Exception {
        String json;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            // The same lookup Camel's runtime catalog and camel JBang make: the scheme's services file, then the JSON
            // beside the component class.
            json = camel.getComponentParameterJsonSchema("path");
        }
        assertThat(json)
                .as("META-INF/dev/scenarios/runtime/path.json on the class path")
                .isNotNull();
        JsonNode descriptor = new ObjectMapper().readTree(json);

        JsonNode component = descriptor.get("component");
        assertThat(component.get("scheme").asText()).isEqualTo("path");
        assertThat(component.get("syntax").asText()).isEqualTo("path:name");
        assertThat(component.get("javaType").asText()).isEqualTo(PathCamelComponent.class.getName());
        assertThat(component.get("artifactId").asText()).isEqualTo("scenario-runtime");

        JsonNode workspace = descriptor.get("componentProperties").get("workspace");
        assertThat(workspace.get("required").asBoolean()).isTrue();
        assertThat(workspace.get("type").asText()).isEqualTo("string");

        JsonNode properties = descriptor.get("properties");
        assertThat(properties.get("name").get("kind").asText()).isEqualTo("path");
        List<String> producerOptions = new ArrayList<>();
        properties.fields().forEachRemaining(option -> {
            if (option.getValue().get("configurationField") != null) {
                producerOptions.add(option.getKey());
            }
        });
        assertThat(producerOptions)
                .as("every step option the endpoint accepts, and no other")
                .containsExactlyInAnyOrderElementsOf(PathStepOptions.NAMES)
                .containsExactlyInAnyOrder(
                        "messageVariable", "responseVariable", "errorVariable", "ignoreErrors", "async");
        assertThat(properties.get("ignoreErrors").get("type").asText()).isEqualTo("boolean");
        assertThat(properties.get("messageVariable").get("type").asText()).isEqualTo("string");
        for (String option : PathStepOptions.NAMES) {
            assertThat(properties.get(option).get("description").asText())
                    .as(option + " documented")
                    .isNotBlank();
        }
    }
}
