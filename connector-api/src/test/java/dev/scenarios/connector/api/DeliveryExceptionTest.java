package dev.scenarios.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeliveryExceptionTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    /** One transient rule for scenarios, {@code send --json} and the retry loops (issue #12). */
    @Test
    void transientMeansARetryIsSafeAndMaySucceed() {
        assertThat(failure(FailureKind.RECIPIENT_REJECTED, 451, false).transientFailure())
                .isTrue();
        assertThat(failure(FailureKind.UNREACHABLE, 0, false).transientFailure())
                .isTrue();
        assertThat(failure(FailureKind.PROTOCOL, 0, false).transientFailure())
                .as("session lost before the data ended")
                .isTrue();
        assertThat(failure(FailureKind.RECIPIENT_REJECTED, 550, false).transientFailure())
                .isFalse();
        assertThat(failure(FailureKind.TLS, 454, false).transientFailure())
                .as("STARTTLS refused: a retry meets the same server")
                .isFalse();
        assertThat(failure(FailureKind.CONFIGURATION, 0, false).transientFailure())
                .isFalse();
        assertThat(failure(FailureKind.TIMEOUT, 0, true).transientFailure())
                .as("may have been delivered: a retry may duplicate")
                .isFalse();
    }

    private static DeliveryException failure(FailureKind kind, int code, boolean possiblyDelivered) {
        return DeliveryException.builder(kind)
                .replyCode(code)
                .message("x")
                .possiblyDelivered(possiblyDelivered)
                .build();
    }

    @Test
    void aLocalizedFailureIsEnglishAsAnExceptionAndInAnyLanguageOnRequest() {
        DeliveryException e = DeliveryException.builder(FailureKind.UNREACHABLE)
                .message(SampleConnectionType.MESSAGES.message("type.name"))
                .detail("ConnectException: Connection refused")
                .build();

        assertThat(e.getMessage()).isEqualTo("Sample [ConnectException: Connection refused]");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo(e.getMessage());
        assertThat(e.message(RUSSIAN)).isEqualTo("Пример [ConnectException: Connection refused]");
    }

    @Test
    void aWrapperWithTheSameTextKeepsTheLanguagesAndAPlainOneIsAsWritten() {
        DeliveryException inner = DeliveryException.builder(FailureKind.TIMEOUT)
                .message(SampleConnectionType.MESSAGES.message("type.name"))
                .build();
        DeliveryException sameText = DeliveryException.builder(FailureKind.TIMEOUT)
                .message(inner.getMessage())
                .cause(inner)
                .build();
        DeliveryException otherText = DeliveryException.builder(FailureKind.TIMEOUT)
                .message("after 3 attempts: " + inner.getMessage())
                .cause(inner)
                .build();

        assertThat(inner.getMessage()).isEqualTo("Sample");
        assertThat(sameText.message(RUSSIAN)).isEqualTo("Пример");
        assertThat(otherText.message(RUSSIAN)).isEqualTo("after 3 attempts: Sample");
        assertThat(new DeliveryException(FailureKind.OTHER, 0, "plain").message(RUSSIAN))
                .isEqualTo("plain");
    }
}
