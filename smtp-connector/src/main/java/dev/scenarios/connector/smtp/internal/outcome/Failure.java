package dev.scenarios.connector.smtp.internal.outcome;

import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.LocalizedMessage;
import dev.scenarios.connector.api.SendResult;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What went wrong in one SMTP session, classified: the kind, what to tell the user, the server's reply code (0 when
 * none), the refused recipients, and whether the message may have been delivered. {@code detail} is for support:
 * exception class and server reply, never a secret.
 */
public record Failure(
        FailureKind kind,
        LocalizedMessage message,
        int replyCode,
        List<SendResult.Rejection> rejected,
        boolean possiblyDelivered,
        String detail) {

    public Failure {
        rejected = List.copyOf(rejected);
    }

    /** Every exception reachable through causes and Jakarta's next exceptions, first the outermost. */
    public static List<Throwable> chain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> out = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return out;
    }
}
