package dev.scenarios.runtime.internal.text;

import dev.scenarios.connector.api.Messages;
import java.util.Locale;

/** The runtime's own user-visible texts: {@code dev/scenarios/runtime/messages_{en,ru}.properties}. */
public final class Texts {

    private static final Messages MESSAGES = Messages.of("dev.scenarios.runtime.messages", Texts.class);

    private Texts() {}

    /** The text of {@code key} in {@code locale}, formatted with {@code args}. */
    public static String get(Locale locale, String key, Object... args) {
        return MESSAGES.get(key, locale, args);
    }

    /** The bundle, for completeness checks. */
    public static Messages messages() {
        return MESSAGES;
    }
}
