package dev.scenarios.connector.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A message key with its arguments, rendered in the reader's language on demand. Arguments are values a user may see:
 * they never hold a secret. An argument that is itself a {@code LocalizedMessage} is rendered in the same language.
 * {@link #verbatim} wraps data that reads the same in every language (an address, a server's reply).
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

    private LocalizedMessage(String text) {
        this.messages = null;
        this.key = "";
        this.args = new Object[] {Objects.requireNonNull(text, "text")};
    }

    /**
     * Data that is no text of ours and reads the same in every language: addresses, a server's reply, a certificate's
     * subject. Called by connectors for step details that are only data; pure.
     *
     * @param text the data, shown as it is; never a secret
     * @return a message whose {@link #in} is {@code text} in every language and whose {@link #key} is empty
     */
    public static LocalizedMessage verbatim(String text) {
        return new LocalizedMessage(text);
    }

    /**
     * The message key: stable, for hosts that map it to their own texts.
     *
     * @return e.g. {@code problem.required}; empty for {@linkplain #verbatim verbatim} data
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
        if (messages == null) {
            return (String) args[0];
        }
        Object[] rendered = args.clone();
        for (int i = 0; i < rendered.length; i++) {
            if (rendered[i] instanceof LocalizedMessage nested) {
                rendered[i] = nested.in(locale);
            }
        }
        return messages.get(key, locale, rendered);
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
