package dev.scenarios.connector.smtp.internal.journal;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.smtp.internal.outcome.Attempt;
import dev.scenarios.connector.smtp.internal.outcome.Failure;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Formats journal entries. Pure; everything it is given is already free of secrets. */
public final class JournalEntries {

    private JournalEntries() {}

    /** One processed message: time, path, Message-ID, from, recipients, size, result, reply and dialogue. */
    public static String message(
            Instant time, String path, String messageId, String from, List<String> recipients, Attempt attempt) {
        StringBuilder out = new StringBuilder();
        out.append("=== ").append(time).append(" send path=").append(path).append('\n');
        out.append("message-id: ").append(messageId).append('\n');
        out.append("from: ").append(from).append('\n');
        out.append("recipients: ").append(String.join(", ", recipients)).append('\n');
        out.append("size: ")
                .append(attempt.messageBytes() < 0 ? "unknown" : attempt.messageBytes() + " bytes")
                .append('\n');
        out.append("elapsed: ").append(attempt.elapsed().toMillis()).append(" ms\n");
        if (attempt.succeeded()) {
            out.append("result: DELIVERED\n");
            out.append("server reply: ").append(attempt.result().serverReply()).append('\n');
            attempt.result()
                    .rejectedRecipients()
                    .forEach(r -> out.append("rejected: ")
                            .append(r.address())
                            .append(' ')
                            .append(r.reply())
                            .append('\n'));
        } else {
            Failure f = attempt.failure();
            out.append("result: FAILED ")
                    .append(f.kind())
                    .append(f.possiblyDelivered() ? " (possibly delivered)" : "")
                    .append('\n');
            out.append("reply code: ").append(f.replyCode()).append('\n');
            out.append("message: ").append(f.message().in(Locale.ENGLISH)).append('\n');
            out.append("detail: ").append(f.detail()).append('\n');
            f.rejected()
                    .forEach(r -> out.append("rejected: ")
                            .append(r.address())
                            .append(' ')
                            .append(r.reply())
                            .append('\n'));
        }
        dialogue(out, attempt.dialogue());
        return out.toString();
    }

    /** A refused send that never reached the network (disabled connection, forbidden header). */
    public static String refused(Instant time, String path, String messageId, String reason) {
        return "=== " + time + " send path=" + path + "\nmessage-id: " + messageId + "\nresult: REFUSED " + reason
                + "\n";
    }

    /** One connection check with its steps and the dialogue. */
    public static String check(Instant time, CheckResult result, String dialogue) {
        StringBuilder out = new StringBuilder();
        out.append("=== ").append(time).append(" check\n");
        out.append("result: ")
                .append(result.status())
                .append(result.failureKind().map(k -> " " + k).orElse(""))
                .append('\n');
        out.append("message: ").append(result.message(Locale.ENGLISH)).append('\n');
        if (!result.detail().isEmpty()) {
            out.append("detail: ").append(result.detail()).append('\n');
        }
        for (CheckResult.Step step : result.steps()) {
            out.append("step ")
                    .append(step.name())
                    .append(": ")
                    .append(step.status())
                    .append(' ')
                    .append(step.elapsed().toMillis())
                    .append(" ms ")
                    .append(step.detail(Locale.ENGLISH))
                    .append('\n');
        }
        dialogue(out, dialogue);
        return out.toString();
    }

    private static void dialogue(StringBuilder out, String dialogue) {
        if (!dialogue.isEmpty()) {
            out.append("--- dialogue\n").append(dialogue);
            if (!dialogue.endsWith("\n")) {
                out.append('\n');
            }
        }
    }
}
