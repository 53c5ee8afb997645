package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeliveryExceptionTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Test
    void aLocalizedFailureIsEnglishAsAnExceptionAndInAnyLanguageOnRequest() {
        DeliveryException e = new DeliveryException(FailureKind.UNREACHABLE, 0, SampleConnectionType.MESSAGES.message("type.name"),
                "ConnectException: Connection refused", List.of(), false, null);

        assertThat(e.getMessage()).isEqualTo("Sample [ConnectException: Connection refused]");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo(e.getMessage());
        assertThat(e.message(RUSSIAN)).isEqualTo("Пример [ConnectException: Connection refused]");
    }

    @Test
    void aWrapperWithTheSameTextKeepsTheLanguagesAndAPlainOneIsAsWritten() {
        DeliveryException inner = new DeliveryException(FailureKind.TIMEOUT, 0, SampleConnectionType.MESSAGES.message("type.name"),
                "", List.of(), false, null);
        DeliveryException sameText = new DeliveryException(FailureKind.TIMEOUT, 0, inner.getMessage(), List.of(), false, inner);
        DeliveryException otherText = new DeliveryException(FailureKind.TIMEOUT, 0, "after 3 attempts: " + inner.getMessage(),
                List.of(), false, inner);

        assertThat(inner.getMessage()).isEqualTo("Sample");
        assertThat(sameText.message(RUSSIAN)).isEqualTo("Пример");
        assertThat(otherText.message(RUSSIAN)).isEqualTo("after 3 attempts: Sample");
        assertThat(new DeliveryException(FailureKind.OTHER, 0, "plain").message(RUSSIAN)).isEqualTo("plain");
    }
}
