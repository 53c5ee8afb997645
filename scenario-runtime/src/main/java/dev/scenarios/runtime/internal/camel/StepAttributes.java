package dev.scenarios.runtime.internal.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.WrappedFile;

/**
 * Collects the attributes of one {@code path:} step from the exchange: first from the body when it
 * is a {@code Map} or a JSON object (a String, bytes or a file), then from exchange variables of
 * the same names, which win. Only {@code allowed} names are taken, so other headers, variables and
 * body keys never reach the mail. Reads the body; does not change it.
 */
public final class StepAttributes {

    // Decimals stay BigDecimal so that 1250.50 renders as written, not as the double 1250.5.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StepAttributes() {
    }

    /**
     * The attributes for the sender. A String value given for a name in {@code lists} that holds a
     * JSON array (e.g. a variable {@code To} set to {@code [{"Address": "a@example.com"}]}) becomes a list.
     *
     * @throws DeliveryException ({@link FailureKind#CONFIGURATION}) if the body looks like JSON but is not an object
     */
    public static Map<String, Object> collect(Exchange exchange, Set<String> allowed, Set<String> lists) throws DeliveryException {
        Map<String, ?> body = bodyObject(exchange);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : allowed) {
            Object value = exchange.getVariable(name);
            if (value == null) {
                value = body.get(name);
            }
            if (value != null) {
                out.put(name, lists.contains(name) ? listFromJson(value) : value);
            }
        }
        return out;
    }

    private static Map<String, ?> bodyObject(Exchange exchange) throws DeliveryException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        String text;
        if (body instanceof String s) {
            text = s;
        } else if (body instanceof byte[] bytes) {
            text = new String(bytes, StandardCharsets.UTF_8);
        } else if (body instanceof WrappedFile<?>) {
            text = exchange.getMessage().getBody(String.class);
        } else {
            return Map.of();
        }
        if (text == null || !text.stripLeading().startsWith("{")) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(text, Map.class);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new DeliveryException(FailureKind.CONFIGURATION, 0,
                    "the message body starts with { but is not a JSON object (line " + e.getLocation().getLineNr() + ")");
        }
    }

    private static Object listFromJson(Object value) {
        if (value instanceof String s && s.stripLeading().startsWith("[")) {
            try {
                return JSON.readValue(s, List.class);
            } catch (JsonProcessingException e) {
                return value; // the sender reports the attribute's shape, naming it
            }
        }
        return value;
    }
}
