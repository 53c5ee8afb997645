package dev.scenarios.runtime.internal.camel;

import static org.assertj.core.api.Assertions.assertThat;

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
        Exchange exchange = exchange("{\"Total\": 1250.50, \"Customer\": \"Анна\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Map<String, Object> attributes = StepAttributes.collect(exchange, Set.of("Total", "Customer"), Set.of());

        assertThat(attributes.get("Total")).isEqualTo(new BigDecimal("1250.50"));
        assertThat(attributes.get("Customer")).isEqualTo("Анна");
    }

    @Test
    void aPlainTextBodyContributesNothingAndOnlyListNamesParseJsonArrays() throws Exception {
        Exchange exchange = exchange("just text");
        exchange.setVariable("To", "[{\"Address\": \"a@example.com\"}]");
        exchange.setVariable("Note", "[not a list attribute]");

        Map<String, Object> attributes = StepAttributes.collect(exchange, Set.of("To", "Note", "Customer"), Set.of("To"));

        assertThat(attributes).isEqualTo(Map.of("To", List.of(Map.of("Address", "a@example.com")), "Note", "[not a list attribute]"));
    }
}
