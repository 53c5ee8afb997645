package dev.scenarios.connector.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem with one property. {@code property} is the property's name, or a dotted path into an
 * object list ({@code attributes[2].name}). {@code code} is stable (e.g. {@code required},
 * {@code server.protocol}) for hosts and tests; the message never contains a secret's value.
 */
public record PropertyProblem(String property, String code, LocalizedMessage message) {

    public PropertyProblem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The message in {@code locale}. */
    public String message(Locale locale) {
        return message.in(locale);
    }

    /** {@code property: message} in English. */
    @Override
    public String toString() {
        return property + ": " + message.in(Locale.ENGLISH);
    }
}
