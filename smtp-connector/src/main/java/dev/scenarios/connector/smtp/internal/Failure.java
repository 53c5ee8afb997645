package dev.scenarios.connector.smtp.internal;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.SendResult;
import java.util.List;

/**
 * What went wrong in one SMTP session, classified: the kind, what to tell the user, the server's
 * reply code (0 when none), the refused recipients, and whether the message may have been
 * delivered. {@code detail} is for support: exception class and server reply, never a secret.
 */
public record Failure(FailureKind kind, LocalizedMessage message, int replyCode, List<SendResult.Rejection> rejected,
        boolean possiblyDelivered, String detail) {

    public Failure {
        rejected = List.copyOf(rejected);
    }
}
