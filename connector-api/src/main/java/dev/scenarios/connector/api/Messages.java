package dev.scenarios.connector.api;

import dev.scenarios.connector.api.support.Durations;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A connector's localized texts: a resource bundle family with {@code _ru} and {@code _en} properties files (UTF-8).
 * Any other language gets English.
 */
public final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String baseName;
    private final ClassLoader classLoader;

    private Messages(String baseName, ClassLoader classLoader) {
        this.baseName = Objects.requireNonNull(baseName, "baseName");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * A bundle family.
     *
     * @param baseName e.g. {@code dev.scenarios.connector.smtp.messages}
     * @param owner a class whose class loader sees the bundle's files
     * @return the texts; files are read lazily
     */
    public static Messages of(String baseName, Class<?> owner) {
        return new Messages(baseName, owner.getClassLoader());
    }

    /**
     * A text, formatted with {@link java.text.MessageFormat}; a {@link Duration} argument is written by
     * {@link Durations#format} in {@code locale}'s language.
     *
     * @param key the text's key
     * @param locale the reader's language
     * @param args the arguments; never a secret
     * @return the text, or the key itself if missing
     */
    public String get(String key, Locale locale, Object... args) {
        ResourceBundle bundle = bundle(locale);
        if (bundle == null || !bundle.containsKey(key)) {
            return key;
        }
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            // A duration reads in the reader's language (2 min 30 s), never as PT2M30S.
            if (shown[i] instanceof Duration d && !d.isNegative()) {
                shown[i] = Durations.format(d, locale);
            }
        }
        return new MessageFormat(pattern, supported(locale)).format(shown);
    }

    /**
     * Whether a key exists in a language's own bundle (no fallback to another language).
     *
     * @param key the text's key
     * @param locale the language
     * @return true if that bundle has the key
     */
    public boolean has(String key, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        return bundle != null && bundle.containsKey(key);
    }

    /**
     * A message for later rendering in whatever language the reader wants.
     *
     * @param key the text's key
     * @param args the arguments; never a secret
     * @return the message
     */
    public LocalizedMessage message(String key, Object... args) {
        return new LocalizedMessage(this, key, args);
    }

    private ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle(baseName, supported(locale), classLoader, NO_FALLBACK);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    private static Locale supported(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }
}
