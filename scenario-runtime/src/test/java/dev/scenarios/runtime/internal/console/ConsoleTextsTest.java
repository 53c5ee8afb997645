package dev.scenarios.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every console text exists in Russian and English, and every key the page and the server use exists. */
class ConsoleTextsTest {

    @Test
    void bothLanguagesHaveTheSameNonBlankTexts() {
        Set<String> en = ConsoleTexts.all(Locale.ENGLISH).keySet();
        Set<String> ru = ConsoleTexts.all(Locale.forLanguageTag("ru")).keySet();
        assertThat(ru).containsExactlyInAnyOrderElementsOf(en);
        ConsoleTexts.all(Locale.forLanguageTag("ru"))
                .forEach(
                        (key, text) -> assertThat(text)
                                .as(key)
                                .isNotBlank()
                                .containsPattern(
                                        "[а-яА-Я]|^[^a-zA-Z]*$|<|--token|JSON|SMTP|API|systemName|data/console-token|Authorization"));
    }

    @Test
    void everyKeyThePageAndTheServerAskForExists() throws IOException {
        Set<String> used = new LinkedHashSet<>();
        for (String page : List.of("console.js", "devinbox.js")) {
            String script;
            try (InputStream in =
                    ConsoleTextsTest.class.getResourceAsStream("/dev/scenarios/runtime/console/" + page)) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            collect(Pattern.compile("\\bt\\('([A-Za-z.]+)'\\s*[,)]"), script, used);
        }
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                collect(Pattern.compile("ConsoleTexts\\.get\\(locale, \"([A-Za-z.]+)\""), Files.readString(file), used);
            }
        }
        assertThat(used).contains("button.check", "error.token", "serve.listening");
        assertThat(ConsoleTexts.all(Locale.ENGLISH).keySet()).containsAll(used);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
