package dev.scenarios.connector.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A message key with its arguments, rendered in the reader's language on demand. Arguments are values a user may see:
 * they never hold a secret.
 */
public final class LocalizedMessage {

    private final Messages messages;
    private final String key;
    private final Object[] args;

    LocalizedMessage(Messages messages, String key, Object[] args) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.key = Objects.requireNonNull(key, "key");
        this.args = args.clone();
    }

    /**
     * The message key: stable, for hosts that map it to their own texts.
     *
     * @return e.g. {@code problem.required}
     */
    public String key() {
        return key;
    }

    /**
     * The text in a language.
     *
     * @param locale the reader's language; any other than Russian gets English
     * @return the formatted text
     */
    public String in(Locale locale) {
        return messages.get(key, locale, args);
    }

    /** The English text. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalizedMessage other && key.equals(other.key) && Arrays.equals(args, other.args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }
}
