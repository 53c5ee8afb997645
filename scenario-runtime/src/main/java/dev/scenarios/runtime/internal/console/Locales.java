package dev.scenarios.runtime.internal.console;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The language of a request: {@code ?lang=ru|en}, else the first of {@code Accept-Language}, else English. */
final class Locales {

    private Locales() {}

    /** Pure: reads the request line and headers only. */
    static Locale of(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("lang=")) {
                    return ConsoleTexts.supported(
                            Locale.forLanguageTag(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8)));
                }
            }
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept-Language");
        if (accept != null && !accept.isBlank()) {
            return ConsoleTexts.supported(Locale.forLanguageTag(accept.split("[,;]")[0].trim()));
        }
        return Locale.ENGLISH;
    }
}
