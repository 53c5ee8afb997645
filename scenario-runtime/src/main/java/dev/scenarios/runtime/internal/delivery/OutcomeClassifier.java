package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges one delivery attempt: its {@link Outcome} and, recipient by recipient, who got the message, who is still owed
 * it (4yz, or the whole attempt failed transiently) and who refused it for good (5yz). Pure; called by the direct retry
 * loop and the queue's sender.
 */
public final class OutcomeClassifier {

    private OutcomeClassifier() {}

    /**
     * The verdict on one attempt.
     *
     * @param outcome SENT when nobody is owed the message any more, else what the failure means
     * @param accepted recipients the server accepted in this attempt: they are never sent it again
     * @param owed recipients to try again
     * @param refused recipients refused for good, with the server's reply
     * @param reply the server's final reply, or the failure's text
     * @param failure the exception of a failed attempt, else null
     */
    public record Verdict(
            Outcome outcome,
            List<String> accepted,
            List<String> owed,
            List<SendResult.Rejection> refused,
            String reply,
            DeliveryException failure) {}

    /**
     * How a failure with no per-recipient detail is classified; see the README's fault table. The transient rule is the
     * SPI's own ({@link DeliveryException#transientFailure()}), so scenarios reading
     * {@code ${exception.transientFailure}}, {@code send --json} and the retry loops agree.
     */
    public static Outcome classify(DeliveryException e) {
        if (e.possiblyDelivered()) {
            return Outcome.AMBIGUOUS;
        }
        return e.transientFailure() ? Outcome.TRANSIENT : Outcome.PERMANENT;
    }

    /** The verdict on an attempt to deliver to {@code attempted} that returned {@code result}. */
    public static Verdict judge(List<String> attempted, SendResult result) {
        List<String> owed = new ArrayList<>();
        List<SendResult.Rejection> refused = new ArrayList<>();
        split(result.rejectedRecipients(), owed, refused);
        return new Verdict(
                owed.isEmpty() ? Outcome.SENT : Outcome.TRANSIENT,
                result.acceptedRecipients(),
                owed,
                refused,
                result.serverReply(),
                null);
    }

    /** The verdict on an attempt to deliver to {@code attempted} that failed with {@code e}. */
    public static Verdict judge(List<String> attempted, DeliveryException e) {
        Outcome outcome = classify(e);
        if (e.kind() == FailureKind.RECIPIENT_REJECTED
                && !e.rejectedRecipients().isEmpty()
                && outcome != Outcome.AMBIGUOUS) {
            List<String> owed = new ArrayList<>();
            List<SendResult.Rejection> refused = new ArrayList<>();
            split(e.rejectedRecipients(), owed, refused);
            // Recipients the server did not mention were never accepted either: they stay owed.
            Set<String> mentioned = new HashSet<>();
            e.rejectedRecipients().forEach(r -> mentioned.add(r.address().toLowerCase()));
            attempted.stream().filter(a -> !mentioned.contains(a.toLowerCase())).forEach(owed::add);
            return new Verdict(
                    owed.isEmpty() ? Outcome.PERMANENT : Outcome.TRANSIENT,
                    List.of(),
                    owed,
                    refused,
                    e.getMessage(),
                    e);
        }
        if (outcome == Outcome.PERMANENT) {
            return new Verdict(outcome, List.of(), List.of(), e.rejectedRecipients(), e.getMessage(), e);
        }
        return new Verdict(outcome, List.of(), attempted, List.of(), e.getMessage(), e);
    }

    private static void split(
            List<SendResult.Rejection> rejections, List<String> owed, List<SendResult.Rejection> refused) {
        for (SendResult.Rejection r : rejections) {
            if (r.replyCode() / 100 == 4) {
                owed.add(r.address());
            } else {
                refused.add(r);
            }
        }
    }
}
