package dev.scenarios.connector.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.Messages;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The one duration grammar of connectors, {@code retry:} and {@code --duration}. */
class DurationsTest {

    @Test
    void readsEveryShortUnitAndIsoButNoNegativeOrOtherText() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse(" 15 s ")).contains(Duration.ofSeconds(15));
        assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
        assertThat(Durations.parse("PT15S")).contains(Duration.ofSeconds(15));
        assertThat(Durations.parse("PT-1S")).isEmpty();
        assertThat(Durations.parse("soon")).isEmpty();
        assertThat(Durations.parse("1w")).isEmpty();
    }

    @Test
    void theSchemaPatternAcceptsWhatParseAccepts() {
        for (String text : new String[] {"500ms", "15s", "2m", "1h", "1d", "PT15S"}) {
            assertThat(text).matches(Durations.JSON_PATTERN);
        }
        assertThat("soon").doesNotMatch(Durations.JSON_PATTERN);
    }

    @Test
    void formatsForTheReaderInRussianOrEnglishLargestUnitFirst() {
        Locale ru = Locale.forLanguageTag("ru");
        assertThat(Durations.format(Duration.ofSeconds(150), Locale.ENGLISH)).isEqualTo("2 min 30 s");
        assertThat(Durations.format(Duration.ofSeconds(150), ru)).isEqualTo("2 мин 30 с");
        assertThat(Durations.format(Durations.parse("PT26H").orElseThrow(), Locale.ENGLISH))
                .isEqualTo("1 d 2 h");
        assertThat(Durations.format(Duration.ofDays(1).plusHours(2), ru)).isEqualTo("1 д 2 ч");
        assertThat(Durations.format(Duration.ofMillis(1500), ru)).isEqualTo("1 с 500 мс");
        assertThat(Durations.format(Duration.ofDays(400), Locale.ENGLISH)).isEqualTo("400 d");
        assertThat(Durations.format(Duration.ZERO, ru)).isEqualTo("0 с");
        assertThat(Durations.format(Duration.ofSeconds(2), Locale.GERMAN))
                .as("any other language reads English")
                .isEqualTo("2 s");
    }

    @Test
    void aTextsDurationArgumentReadsInTheReadersLanguage() {
        Messages messages = Messages.of("dev.scenarios.connector.api.messages", DurationsTest.class);
        // problem.range's pattern: "{0} must be between {2} and {3}, not {1}"
        assertThat(messages.get("problem.range", Locale.ENGLISH, "timeout", Duration.ofMinutes(2), "1 s", "1 min"))
                .contains("not 2 min");
        assertThat(messages.get("problem.range", Locale.forLanguageTag("ru"), "timeout", Duration.ofMinutes(2), "", ""))
                .contains("2 мин");
    }
}
