package dev.scenarios.runtime.internal.camel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 * Collects the attributes of one {@code path:} step from the exchange: first from the body when it is a {@code Map} or
 * a JSON object (a String, bytes or a file), then from exchange variables of the same names, which win. Only
 * {@code allowed} names are taken, so other headers, variables and body keys never reach the mail. Reads the body; does
 * not change it.
 *
 * <p>Limits (README, "Limits of scenario data"): a JSON body or a String attribute value of at most
 * {@value #MAX_TEXT_CHARS} characters, JSON nested at most {@value #MAX_DEPTH} levels deep. Beyond them the step fails
 * with {@link FailureKind#CONFIGURATION} saying which limit, before anything is parsed further or sent.
 */
public final class StepAttributes {

    /**
     * The largest JSON body or String attribute value, in characters (10 Mi: far beyond any mail, far below the heap).
     */
    public static final int MAX_TEXT_CHARS = 10 * 1024 * 1024;
    /** The deepest JSON nesting a body or list attribute may have. */
    public static final int MAX_DEPTH = 64;

    // Decimals stay BigDecimal so that 1250.50 renders as written, not as the double 1250.5.
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_TEXT_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StepAttributes() {}

    /**
     * The attributes for the sender. A String value given for a name in {@code lists} that holds a JSON array (e.g. a
     * variable {@code To} set to {@code [{"Address": "a@example.com"}]}) becomes a list.
     *
     * @throws DeliveryException ({@link FailureKind#CONFIGURATION}) if the body looks like JSON but is not an object
     */
    public static Map<String, Object> collect(Exchange exchange, Set<String> allowed, Set<String> lists)
            throws DeliveryException {
        Map<String, ?> body = asObject(exchange, exchange.getMessage().getBody(), "the message body");
        return pick(body, exchange::getVariable, allowed, lists);
    }

    /**
     * The attributes for the sender from variable {@code variable} alone (the step's {@code messageVariable}): a
     * {@code Map} or a JSON object, read like the body; the body and other variables are not read.
     *
     * @throws DeliveryException ({@link FailureKind#CONFIGURATION}) if the variable is not set or holds no object
     */
    public static Map<String, Object> fromVariable(
            Exchange exchange, String variable, Set<String> allowed, Set<String> lists) throws DeliveryException {
        Object value = exchange.getVariable(variable);
        String what = "the variable " + variable + " (messageVariable)";
        if (value == null) {
            throw new DeliveryException(FailureKind.CONFIGURATION, 0, what + " is not set");
        }
        Map<String, ?> object = asObject(exchange, value, what);
        if (object.isEmpty()
                && !(value instanceof Map<?, ?>)
                && !String.valueOf(value).stripLeading().startsWith("{")) {
            throw new DeliveryException(FailureKind.CONFIGURATION, 0, what + " holds no map or JSON object");
        }
        return pick(object, name -> null, allowed, lists);
    }

    private static Map<String, Object> pick(
            Map<String, ?> object,
            java.util.function.Function<String, Object> variables,
            Set<String> allowed,
            Set<String> lists)
            throws DeliveryException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : allowed) {
            Object value = variables.apply(name);
            if (value == null) {
                value = object.get(name);
            }
            if (value instanceof CharSequence text && text.length() > MAX_TEXT_CHARS) {
                throw tooLarge("attribute " + name, text.length());
            }
            if (value != null) {
                out.put(name, lists.contains(name) ? listFromJson(name, value) : value);
            }
        }
        return out;
    }

    private static Map<String, ?> asObject(Exchange exchange, Object body, String what) throws DeliveryException {
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        String text;
        if (body instanceof String s) {
            text = s;
        } else if (body instanceof byte[] bytes) {
            if (bytes.length > MAX_TEXT_CHARS) {
                throw tooLarge(what, bytes.length);
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } else if (body instanceof WrappedFile<?>) {
            text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
        } else {
            return Map.of();
        }
        if (text == null || !text.stripLeading().startsWith("{")) {
            return Map.of();
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw tooLarge(what, text.length());
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(text, Map.class);
            return parsed;
        } catch (JsonProcessingException e) {
            if (exceeded(e) != null) {
                throw beyondLimits(what, exceeded(e));
            }
            // A location is not always known (e.g. end of input): never let its absence become an NPE.
            String at =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new DeliveryException(
                    FailureKind.CONFIGURATION, 0, what + " starts with { but is not a JSON object" + at);
        }
    }

    private static Object listFromJson(String name, Object value) throws DeliveryException {
        if (value instanceof String s && s.stripLeading().startsWith("[")) {
            try {
                return JSON.readValue(s, List.class);
            } catch (JsonProcessingException e) {
                if (exceeded(e) != null) {
                    throw beyondLimits("attribute " + name, exceeded(e));
                }
                return value; // the sender reports the attribute's shape, naming it
            }
        }
        return value;
    }

    /** The limit {@code e} ran into, also when data binding wrapped it; null for plain bad JSON. */
    private static StreamConstraintsException exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static DeliveryException tooLarge(String what, long length) {
        return new DeliveryException(
                FailureKind.CONFIGURATION,
                0,
                what + " has " + length + " characters, more than the " + MAX_TEXT_CHARS
                        + " characters a step's data may have");
    }

    private static DeliveryException beyondLimits(String what, StreamConstraintsException e) {
        String text = String.valueOf(e.getOriginalMessage());
        String limit = text.contains("depth")
                ? "is nested more than " + MAX_DEPTH + " levels deep, the most a step's data may be"
                : "holds a value longer than the " + MAX_TEXT_CHARS + " characters a step's data may have";
        return new DeliveryException(FailureKind.CONFIGURATION, 0, what + " " + limit);
    }
}
