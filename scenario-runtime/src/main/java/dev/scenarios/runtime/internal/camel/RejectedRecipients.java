package dev.scenarios.runtime.internal.camel;

import dev.scenarios.connector.api.SendResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Refused recipients as scenarios and {@code scenario send --json} see them. */
public final class RejectedRecipients {

    private RejectedRecipients() {}

    /** Each refused recipient as {@code {address, replyCode, reply}}: the {@code rejectedRecipients} variable. Pure. */
    public static List<Map<String, Object>> asMaps(List<SendResult.Rejection> rejected) {
        return rejected.stream()
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("address", r.address());
                    m.put("replyCode", r.replyCode());
                    m.put("reply", r.reply());
                    return m;
                })
                .toList();
    }
}
