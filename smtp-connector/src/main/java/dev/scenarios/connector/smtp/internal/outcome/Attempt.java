package dev.scenarios.connector.smtp.internal.outcome;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.connector.smtp.internal.transport.SmtpSender;
import java.time.Duration;

/**
 * The outcome of one delivery attempt by {@link SmtpSender}: exactly one of {@code result} and {@code failure}, plus
 * the redacted dialogue (empty when the journal is off), the size of the message data and how long it took.
 */
public record Attempt(SendResult result, Failure failure, String dialogue, long messageBytes, Duration elapsed) {

    public boolean succeeded() {
        return result != null;
    }
}
