package dev.scenarios.connector.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
