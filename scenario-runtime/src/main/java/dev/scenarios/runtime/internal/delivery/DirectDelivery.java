package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.PathSender;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DeliveryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delivery: direct}: prepares the message once, then delivers it, retrying transient and ambiguous failures in
 * the calling thread as the policy says, each time with the same bytes and Message-ID and only to the recipients still
 * owed it, within the policy's overall deadline. Called by the {@code path:} producer; blocks for the attempts and the
 * waits between them.
 */
public final class DirectDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(DirectDelivery.class);

    private DirectDelivery() {}

    /**
     * Sends {@code attributes} through {@code sender} under {@code policy}: prepares the message once and delivers it
     * as often as the policy allows.
     *
     * @return the accepted recipients of every attempt, and the ones the server refused by reply (5yz to RCPT or after
     *     the data, or still 4yz to RCPT when the attempts ran out)
     * @throws DeliveryException the last attempt's failure (with every refusal collected) when nobody got the message
     */
    public static SendResult send(String pathName, PathSender sender, Map<String, ?> attributes, DeliveryPolicy policy)
            throws DeliveryException {
        PreparedMessage prepared = sender.prepare(attributes);
        List<String> owed = prepared.recipients();
        List<String> accepted = new ArrayList<>();
        List<SendResult.Rejection> refused = new ArrayList<>();
        String lastReply = "";
        DeliveryException lastFailure = null;
        List<SendResult.Rejection> lastRejections = List.of();
        long deadline = System.nanoTime() + policy.lifetime().toNanos();
        for (int attempt = 1; ; attempt++) {
            OutcomeClassifier.Verdict v;
            try {
                SendResult result = sender.deliver(prepared, owed);
                v = OutcomeClassifier.judge(owed, result);
                lastReply = v.reply();
                lastRejections = result.rejectedRecipients();
            } catch (DeliveryException e) {
                v = OutcomeClassifier.judge(owed, e);
                lastFailure = e;
                lastRejections = e.rejectedRecipients();
            }
            accepted.addAll(v.accepted());
            refused.addAll(v.refused());
            if (v.outcome() == Outcome.PERMANENT
                    && v.refused().isEmpty()
                    && lastFailure != null
                    && lastFailure.replyCode() / 100 == 5
                    && lastFailure.kind() == FailureKind.MESSAGE_REJECTED) {
                // A 5yz after the data refuses the message for every recipient of this attempt, by reply.
                for (String address : owed) {
                    refused.add(new SendResult.Rejection(address, lastFailure.replyCode(), lastFailure.getMessage()));
                }
            }
            owed = v.owed();
            if (v.outcome() == Outcome.AMBIGUOUS) {
                LOG.warn(
                        "path {}: message {} may have been delivered (connection lost after the data); "
                                + "retrying with the same Message-ID, a duplicate is possible",
                        pathName,
                        prepared.messageId());
            }
            if (owed.isEmpty() || attempt >= policy.attempts()) {
                break;
            }
            Duration wait = policy.delayAfter(attempt, ThreadLocalRandom.current());
            long left = deadline - System.nanoTime();
            if (!policy.lifetime().isZero() && wait.toNanos() >= left) {
                // The step's overall deadline: no attempt starts, and no wait ends, after it.
                LOG.info(
                        "path {}: message {} attempt {} of {} failed ({}); the deadline of {} s for all attempts leaves no time for another",
                        pathName,
                        prepared.messageId(),
                        attempt,
                        policy.attempts(),
                        v.outcome(),
                        policy.lifetime().toSeconds());
                break;
            }
            LOG.info(
                    "path {}: message {} attempt {} of {} failed ({}); next in {} ms",
                    pathName,
                    prepared.messageId(),
                    attempt,
                    policy.attempts(),
                    v.outcome(),
                    wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Still owed when the attempts ran out: listed only if the server refused them by reply (4yz to
        // RCPT); a whole-session failure (421 greeting, timeout, refused connection, 4yz after the data)
        // refused nobody, and is the exception's kind and text instead.
        for (String address : owed) {
            lastRejections.stream()
                    .filter(r -> r.address().equalsIgnoreCase(address))
                    .findFirst()
                    .ifPresent(refused::add);
        }
        if (accepted.isEmpty() && lastFailure != null) {
            throw DeliveryException.builder(lastFailure.kind())
                    .replyCode(lastFailure.replyCode())
                    .message(lastFailure.getMessage())
                    .rejectedRecipients(refused)
                    .possiblyDelivered(lastFailure.possiblyDelivered())
                    .cause(lastFailure)
                    .build();
        }
        return new SendResult(prepared.messageId(), lastReply, accepted, refused);
    }
}
