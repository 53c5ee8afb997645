package dev.scenarios.runtime.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message key of the runtime's, the console's and the smtp and imap connectors' bundles (check steps' details and
 * queue reasons included) has a Russian text, and no Russian text a user reads about a problem or a check names a field
 * by its YAML key where the field has a label: the console shows the labels, so the key would leave a reader guessing
 * which field is meant (issue #15).
 */
class MessageBundlesTest {

    private static final Locale RU = Locale.forLanguageTag("ru");
    /** The texts that describe what is wrong: shown next to fields and in check results. */
    private static final Pattern USER_TEXT = Pattern.compile("(problem|fail|check)\\..*");

    private static final Pattern LABEL = Pattern.compile("([A-Za-z]+)\\.label");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.scenarios.runtime.messages",
                "dev.scenarios.runtime.console.console_messages",
                "dev.scenarios.connector.smtp.connection_messages",
                "dev.scenarios.connector.smtp.path_messages",
                "dev.scenarios.connector.imap.connection_messages",
                "dev.scenarios.connector.imap.path_messages"
            })
    void everyKeyHasARussianTextThatNamesFieldsByTheirLabels(String baseName) {
        ResourceBundle en = bundle(baseName, Locale.ENGLISH);
        ResourceBundle ru = bundle(baseName, RU);
        assertThat(ru.keySet()).as(baseName).containsAll(en.keySet());
        Set<String> properties = new TreeSet<>();
        for (String key : en.keySet()) {
            Matcher m = LABEL.matcher(key);
            if (m.matches()) {
                properties.add(m.group(1));
            }
        }
        for (String key : ru.keySet()) {
            String text = ru.getString(key);
            assertThat(text).as(baseName + " " + key).isNotBlank();
            if (USER_TEXT.matcher(key).matches()) {
                for (String property : properties) {
                    // a key written as a word of its own; {0}, «value» and paths like data/x are not field names
                    assertThat(text)
                            .as(baseName + " " + key + " names a field by its key")
                            .doesNotContainPattern("(?<![\\w{«/.:$-])" + Pattern.quote(property) + "(?![\\w}»/:(])");
                }
            }
        }
    }

    private static ResourceBundle bundle(String baseName, Locale locale) {
        return ResourceBundle.getBundle(
                baseName,
                locale,
                MessageBundlesTest.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
