package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.workspace.StepResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code path:} step puts into its {@code responseVariable} and {@code errorVariable}: the outcome's fields
 * ({@link StepResponses#RESPONSE_FIELDS}, {@link StepResponses#ERROR_FIELDS}) as maps, before the path's
 * {@code response:} / {@code errorResponse:} shape them. Pure.
 */
public final class StepResults {

    private StepResults() {}

    /** A message the server took: its Message-ID, the final reply split into code and text, the refused recipients. */
    public static Map<String, Object> sent(SendResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", result.messageId());
        out.put("replyCode", replyCode(result.serverReply()));
        out.put("replyText", result.serverReply());
        out.put("rejectedRecipients", RejectedRecipients.asMaps(result.rejectedRecipients()));
        out.put("queued", false);
        out.put("queueId", null);
        return out;
    }

    /** A message handed to the queue (or to it for an {@code async} step): not sent yet, so no reply. */
    public static Map<String, Object> queued(String messageId, String queueId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", messageId);
        out.put("replyCode", 0);
        out.put("replyText", "");
        out.put("rejectedRecipients", List.of());
        out.put("queued", true);
        out.put("queueId", queueId);
        return out;
    }

    /**
     * A failed step: the failure's kind, reply code (0 when the server said nothing) and text, and the refused
     * recipients.
     */
    public static Map<String, Object> failed(DeliveryException failure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("failureKind", failure.kind().name());
        out.put("replyCode", failure.replyCode());
        out.put("replyText", String.valueOf(failure.getMessage()));
        out.put("rejectedRecipients", RejectedRecipients.asMaps(failure.rejectedRecipients()));
        return out;
    }

    /** The three-digit code a reply starts with, or 0. */
    static int replyCode(String reply) {
        return reply != null
                        && reply.length() >= 3
                        && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(reply.substring(0, 3))
                : 0;
    }
}
