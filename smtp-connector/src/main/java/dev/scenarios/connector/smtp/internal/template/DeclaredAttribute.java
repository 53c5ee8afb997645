package dev.scenarios.connector.smtp.internal.template;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.smtp.internal.mime.PathTexts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An attribute the path's author declared ({@code attributes[i]}): its name, type and flags.
 * Turns the value a scenario supplies into the text a placeholder renders.
 */
public record DeclaredAttribute(String name, AttributeType type, boolean required, boolean array) {

    /** The longest text an attribute may render to: room for any real value, not for a flood. */
    public static final int MAX_CHARS = 65_536;

    public DeclaredAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The text of {@code value} for a template: empty when absent and optional, array items joined
     * with {@code ", "}. An array attribute also accepts a single value. Pure.
     *
     * @throws DeliveryException CONFIGURATION naming the attribute when it is required and absent,
     *     or the value is not of the declared type, or longer than {@link #MAX_CHARS} (the value
     *     itself is not echoed)
     */
    public String render(Object value) throws DeliveryException {
        if (value == null) {
            if (required) {
                throw PathTexts.configurationError("send.attribute.required", name);
            }
            return "";
        }
        List<Object> items = new ArrayList<>();
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
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            try {
                if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
                    throw new IllegalArgumentException("not a scalar");
                }
                texts.add(type.format(item));
            } catch (IllegalArgumentException e) {
                throw PathTexts.configurationError(type == AttributeType.DATETIME ? "send.attribute.datetime" : "send.attribute.type", name, type.id());
            }
        }
        String text = String.join(", ", texts);
        if (text.length() > MAX_CHARS) {
            throw PathTexts.configurationError("send.attribute.tooLong", name, text.length(), MAX_CHARS);
        }
        return text;
    }
}
