package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An attribute the path's author declared ({@code attributes[i]}, or a field of an object attribute, then named
 * {@code Order.Number}): its name, type, flags and, for an object, its fields. Turns the value a scenario supplies into
 * the texts its placeholders render.
 *
 * @param name the placeholder name: {@code Customer}, or {@code Order.Number} for a field
 * @param fields an object's declared fields (named {@code Order.Number}); empty for other types
 */
public record DeclaredAttribute(
        String name,
        AttributeType type,
        boolean required,
        boolean array,
        boolean notEmpty,
        List<DeclaredAttribute> fields) {

    /** The longest text an attribute may render to: room for any real value, not for a flood. */
    public static final int MAX_CHARS = 65_536;

    public DeclaredAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields);
    }

    /** A scalar attribute without nested fields and without {@code notEmpty}. */
    public DeclaredAttribute(String name, AttributeType type, boolean required, boolean array) {
        this(name, type, required, array, false, List.of());
    }

    /**
     * Puts the text of every placeholder this attribute offers into {@code values}: {@code {Name}} for a scalar or a
     * period, {@code {Period.Start}}/{@code {Period.End}}, {@code {Order.Number}} for each declared field of an object,
     * {@code {Map.key}} for each entry of a key-value. Array items are joined with {@code ", "}. Pure.
     *
     * @throws DeliveryException CONFIGURATION naming the attribute (or field) when it is required and absent, empty
     *     while {@code notEmpty}, of the wrong shape or type, or too long (the value itself is not echoed)
     */
    public void renderInto(Object value, Map<String, String> values) throws DeliveryException {
        renderInto(value, values, null);
    }

    /**
     * As {@link #renderInto(Object, Map)}, durations in {@code language} (the path's {@code language}, null for none).
     * Pure.
     */
    public void renderInto(Object value, Map<String, String> values, Locale language) throws DeliveryException {
        switch (type) {
            case OBJECT, KEY_VALUE, PERIOD -> {
                List<Map<?, ?>> items = new ArrayList<>();
                for (Object item : items(value)) {
                    if (type == AttributeType.PERIOD && item instanceof String text && text.contains("/")) {
                        // ISO-8601 interval notation: start/end.
                        int slash = text.indexOf('/');
                        item = Map.of(
                                "Start",
                                text.substring(0, slash).trim(),
                                "End",
                                text.substring(slash + 1).trim());
                    }
                    if (!(item instanceof Map<?, ?> map)) {
                        throw PathTexts.configurationError("send.attribute.type", name, type.id());
                    }
                    items.add(map);
                }
                Map<String, List<String>> texts = new LinkedHashMap<>();
                for (Map<?, ?> item : items) {
                    partsOf(item, texts, language);
                }
                for (Map.Entry<String, List<String>> e : texts.entrySet()) {
                    values.put(e.getKey(), limited(e.getKey(), String.join(", ", e.getValue())));
                }
            }
            default -> values.put(name, render(value, language));
        }
    }

    private void partsOf(Map<?, ?> item, Map<String, List<String>> texts, Locale language) throws DeliveryException {
        if (type == AttributeType.OBJECT) {
            for (DeclaredAttribute field : fields) {
                Map<String, String> one = new LinkedHashMap<>();
                field.renderInto(entry(item, field.name().substring(name.length() + 1)), one, language);
                one.forEach((k, v) ->
                        texts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        } else if (type == AttributeType.KEY_VALUE) {
            for (Map.Entry<?, ?> e : item.entrySet()) {
                String placeholder = name + "." + e.getKey();
                texts.computeIfAbsent(placeholder, x -> new ArrayList<>())
                        .add(new DeclaredAttribute(placeholder, AttributeType.STRING, false, true)
                                .render(e.getValue()));
            }
        } else {
            DeclaredAttribute start = new DeclaredAttribute(name + ".Start", AttributeType.DATETIME, true, false);
            DeclaredAttribute end = new DeclaredAttribute(name + ".End", AttributeType.DATETIME, true, false);
            Object startValue = entry(item, "Start");
            Object endValue = entry(item, "End");
            String from = start.render(startValue);
            String to = end.render(endValue);
            if (!startsBeforeEnd(startValue, endValue)) {
                throw PathTexts.configurationError("send.attribute.period", name);
            }
            texts.computeIfAbsent(name, x -> new ArrayList<>()).add(from + " – " + to);
            texts.computeIfAbsent(start.name(), x -> new ArrayList<>()).add(from);
            texts.computeIfAbsent(end.name(), x -> new ArrayList<>()).add(to);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean startsBeforeEnd(Object start, Object end) {
        Comparable a = AttributeType.instantOf(start);
        Comparable b = AttributeType.instantOf(end);
        // A local and an offset date-time cannot be ordered: the author's problem, not a reason to refuse.
        return a.getClass() != b.getClass() || a.compareTo(b) <= 0;
    }

    /** The items of a value: the list of an array attribute, or the one value; checks required, notEmpty and array. */
    private List<Object> items(Object value) throws DeliveryException {
        checkPresence(value);
        List<Object> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value instanceof Collection<?> c) {
            if (!array) {
                throw PathTexts.configurationError("send.attribute.notArray", name);
            }
            items.addAll(c);
        } else if (value instanceof Object[] a) {
            if (!array) {
                throw PathTexts.configurationError("send.attribute.notArray", name);
            }
            items.addAll(List.of(a));
        } else {
            items.add(value);
        }
        items.removeIf(Objects::isNull);
        return items;
    }

    private void checkPresence(Object value) throws DeliveryException {
        if (value == null) {
            if (required) {
                throw PathTexts.configurationError("send.attribute.required", name);
            }
            return;
        }
        boolean empty = value instanceof CharSequence s && s.toString().isBlank()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof Object[] a && a.length == 0;
        if (empty && notEmpty) {
            throw PathTexts.configurationError("send.attribute.empty", name);
        }
    }

    /** A map's entry by name, ignoring case as the predefined attributes do. */
    private static Object entry(Map<?, ?> map, String key) {
        Object exact = map.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (key.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The text of a scalar {@code value} for a template: empty when absent and optional, array items joined with
     * {@code ", "}. An array attribute also accepts a single value. Pure.
     *
     * @throws DeliveryException CONFIGURATION naming the attribute when it is required and absent, empty while
     *     {@code notEmpty}, or the value is not of the declared type, or longer than {@link #MAX_CHARS} (the value
     *     itself is not echoed)
     */
    public String render(Object value) throws DeliveryException {
        return render(value, null);
    }

    /** As {@link #render(Object)}, a duration in {@code language} (null: the grammar's units). Pure. */
    public String render(Object value, Locale language) throws DeliveryException {
        List<String> texts = new ArrayList<>();
        for (Object item : items(value)) {
            try {
                if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
                    throw new IllegalArgumentException("not a scalar");
                }
                texts.add(type.format(item, language));
            } catch (IllegalArgumentException e) {
                throw PathTexts.configurationError(
                        switch (type) {
                            case DATETIME -> "send.attribute.datetime";
                            case DURATION -> "send.attribute.duration";
                            default -> "send.attribute.type";
                        },
                        name,
                        type.id());
            }
        }
        return limited(name, String.join(", ", texts));
    }

    private static String limited(String name, String text) throws DeliveryException {
        if (text.length() > MAX_CHARS) {
            throw PathTexts.configurationError("send.attribute.tooLong", name, text.length(), MAX_CHARS);
        }
        return text;
    }
}
