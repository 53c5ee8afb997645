package dev.scenarios.runtime.internal.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class StepAttributesTest {

    private static Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void jsonDecimalsKeepTheirScaleAndBytesAreReadAsUtf8() throws Exception {
        Exchange exchange = exchange(
                "{\"Total\": 1250.50, \"Customer\": \"Анна\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Map<String, Object> attributes = StepAttributes.collect(exchange, Set.of("Total", "Customer"), Set.of());

        assertThat(attributes.get("Total")).isEqualTo(new BigDecimal("1250.50"));
        assertThat(attributes.get("Customer")).isEqualTo("Анна");
    }

    @Test
    void aPlainTextBodyContributesNothingAndOnlyListNamesParseJsonArrays() throws Exception {
        Exchange exchange = exchange("just text");
        exchange.setVariable("To", "[{\"Address\": \"a@example.com\"}]");
        exchange.setVariable("Note", "[not a list attribute]");

        Map<String, Object> attributes =
                StepAttributes.collect(exchange, Set.of("To", "Note", "Customer"), Set.of("To"));

        assertThat(attributes)
                .isEqualTo(Map.of("To", List.of(Map.of("Address", "a@example.com")), "Note", "[not a list attribute]"));
    }

    /** Issue 14, finding 4: oversized or deeply nested data fails the step with CONFIGURATION, never an NPE. */
    @Test
    void oversizedOrTooDeeplyNestedDataFailsTheStepWithConfigurationSayingWhichLimit() {
        String huge = "{\"Customer\": \"" + "x".repeat(50 * 1024 * 1024) + "\"}";
        String deep = "{\"Customer\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        Exchange hugeVariable = exchange("just text");
        hugeVariable.setVariable("Customer", "y".repeat(StepAttributes.MAX_TEXT_CHARS + 1));
        Exchange deepList = exchange("just text");
        deepList.setVariable("To", "[".repeat(1000) + "]".repeat(1000));

        assertThatThrownBy(() -> StepAttributes.collect(exchange(huge), Set.of("Customer"), Set.of()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION))
                .hasMessageContaining("the message body has")
                .hasMessageContaining("more than the 10485760 characters");
        assertThatThrownBy(() -> StepAttributes.collect(
                        exchange(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Set.of("Customer"), Set.of()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("the message body has");
        assertThatThrownBy(() -> StepAttributes.collect(exchange(deep), Set.of("Customer"), Set.of()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION))
                .hasMessage("the message body is nested more than 64 levels deep, the most a step's data may be");
        assertThatThrownBy(() -> StepAttributes.collect(hugeVariable, Set.of("Customer"), Set.of()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("attribute Customer has 10485761 characters");
        assertThatThrownBy(() -> StepAttributes.collect(deepList, Set.of("To"), Set.of("To")))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("attribute To is nested more than 64 levels deep");
    }

    @Test
    void aJsonBodyCutShortIsAConfigurationFailureNotAnNpe() {
        assertThatThrownBy(() -> StepAttributes.collect(exchange("{\"Customer\": "), Set.of("Customer"), Set.of()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION))
                .hasMessageStartingWith("the message body starts with { but is not a JSON object");
    }
}
