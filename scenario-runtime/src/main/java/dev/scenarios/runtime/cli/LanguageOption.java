package dev.scenarios.runtime.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --lang ru|en} option, mixed into the subcommands that print user texts. */
public final class LanguageOption {

    /** The languages the product's texts exist in. */
    public enum Language {
        ru,
        en
    }

    @Option(
            names = "--lang",
            paramLabel = "ru|en",
            description = "Language of messages: ru or en (default: the system's, else en).")
    Language language;

    /** The chosen language, else {@code fallback}'s if it is Russian, else English. */
    public Locale locale(Locale fallback) {
        if (language != null) {
            return Locale.forLanguageTag(language.name());
        }
        return "ru".equals(fallback.getLanguage()) ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }
}
