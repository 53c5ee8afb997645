package dev.scenarios.runtime.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeClassifierTest {

    @ParameterizedTest(name = "{0} {1} possiblyDelivered={2} -> {3}")
    @CsvSource({
        "UNREACHABLE, 0, false, TRANSIENT",
        "UNREACHABLE, 421, false, TRANSIENT",
        "TIMEOUT, 0, false, TRANSIENT",
        "PROTOCOL, 0, false, TRANSIENT",
        "RECIPIENT_REJECTED, 451, false, TRANSIENT",
        "SENDER_REJECTED, 452, false, TRANSIENT",
        "AUTHENTICATION, 454, false, TRANSIENT",
        "RECIPIENT_REJECTED, 550, false, PERMANENT",
        "MESSAGE_REJECTED, 554, false, PERMANENT",
        "MESSAGE_REJECTED, 0, false, PERMANENT",
        "PROTOCOL, 554, false, PERMANENT",
        "AUTHENTICATION, 535, false, PERMANENT",
        "AUTHENTICATION, 0, false, PERMANENT",
        "TLS, 0, false, PERMANENT",
        "CONFIGURATION, 0, false, PERMANENT",
        "DISABLED, 0, false, PERMANENT",
        "OTHER, 0, false, PERMANENT",
        "TIMEOUT, 0, true, AMBIGUOUS",
        "PROTOCOL, 0, true, AMBIGUOUS",
    })
    void classifiesEveryFailure(FailureKind kind, int code, boolean possiblyDelivered, Outcome expected) {
        DeliveryException e = DeliveryException.builder(kind)
                .replyCode(code)
                .message("failure")
                .possiblyDelivered(possiblyDelivered)
                .build();

        assertThat(OutcomeClassifier.classify(e)).isEqualTo(expected);
    }

    @Test
    void aPartialRejectionOwesThe4yzRecipientsAndRefusesThe5yzOnes() {
        SendResult result = new SendResult(
                "<m@test>",
                "250 ok",
                List.of("a@test"),
                List.of(
                        new SendResult.Rejection("b@test", 451, "451 later"),
                        new SendResult.Rejection("c@test", 550, "550 unknown")));

        OutcomeClassifier.Verdict v = OutcomeClassifier.judge(List.of("a@test", "b@test", "c@test"), result);

        assertThat(v.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.accepted()).containsExactly("a@test");
        assertThat(v.owed()).containsExactly("b@test");
        assertThat(v.refused()).extracting(SendResult.Rejection::address).containsExactly("c@test");
    }

    @Test
    void everyRecipientRefusedMixedIsTransientForThe4yzOnesOnly() {
        DeliveryException e = DeliveryException.builder(FailureKind.RECIPIENT_REJECTED)
                .replyCode(550)
                .message("refused")
                .rejectedRecipients(List.of(
                        new SendResult.Rejection("b@test", 550, "550 unknown"),
                        new SendResult.Rejection("c@test", 452, "452 full")))
                .build();

        OutcomeClassifier.Verdict v = OutcomeClassifier.judge(List.of("b@test", "c@test"), e);

        assertThat(v.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(v.owed()).containsExactly("c@test");
        assertThat(v.refused()).extracting(SendResult.Rejection::replyCode).containsExactly(550);
    }

    @Test
    void anAmbiguousFailureOwesEveryoneAgain() {
        DeliveryException e = DeliveryException.builder(FailureKind.TIMEOUT)
                .message("no reply after data")
                .possiblyDelivered(true)
                .build();

        OutcomeClassifier.Verdict v = OutcomeClassifier.judge(List.of("a@test", "b@test"), e);

        assertThat(v.outcome()).isEqualTo(Outcome.AMBIGUOUS);
        assertThat(v.owed()).containsExactly("a@test", "b@test");
    }
}
