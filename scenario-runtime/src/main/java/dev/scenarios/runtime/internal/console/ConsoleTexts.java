package dev.scenarios.runtime.internal.console;

import dev.scenarios.connector.api.Messages;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The console's own texts (page labels, API errors) in Russian and English:
 * {@code dev/scenarios/runtime/console/console_messages_{en,ru}.properties}. Kept apart from the runtime's bundle so
 * that the page can load them all at once.
 */
public final class ConsoleTexts {

    static final String BASE_NAME = "dev.scenarios.runtime.console.console_messages";
    private static final Messages MESSAGES = Messages.of(BASE_NAME, ConsoleTexts.class);

    private ConsoleTexts() {}

    /** The text of {@code key} in {@code locale}, formatted with {@code args}. */
    public static String get(Locale locale, String key, Object... args) {
        return MESSAGES.get(key, locale, args);
    }

    /** Every text in {@code locale}, sorted by key, for the page. Reads the bundle. */
    static Map<String, String> all(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                BASE_NAME,
                supported(locale),
                ConsoleTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> out = new TreeMap<>();
        bundle.keySet().forEach(key -> out.put(key, bundle.getString(key)));
        return new LinkedHashMap<>(out);
    }

    /** Russian for a Russian {@code locale}, else English: the two languages the texts exist in. */
    static Locale supported(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }

    /** The bundle, for completeness checks. */
    public static Messages messages() {
        return MESSAGES;
    }
}
