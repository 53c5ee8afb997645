package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.RejectedRecipients;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scenario send <workspace> <path> [--attr NAME=VALUE]... [--to ADDRESS]... [--json]}: 0 sent, 1 failed, 2
 * invalid.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Send one message through a path, exactly as a scenario step \"to: path:<path>\" would.")
public final class SendCommand extends WorkspaceCommand {

    @Parameters(index = "1", paramLabel = "<path>", description = "The path's system name.")
    String path;

    @Option(
            names = "--attr",
            paramLabel = "NAME=VALUE",
            description = "An attribute of the message (repeatable). "
                    + "A JSON array value fills a list attribute, e.g. To=[{\"Address\":\"a@example.com\"}].")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(
            names = "--to",
            paramLabel = "ADDRESS",
            description = "Add a recipient (repeatable) to the path's recipient list, e.g. To of smtp-send.")
    List<String> to = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    public SendCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = locale();
        return devInbox.run(cli, workspace, locale, json ? cli.err() : cli.out(), (ws, inbox) -> {
            int code = send(ws, locale);
            if (inbox != null && code == CliContext.OK) {
                // The server stored the message before it replied, so it is there: this only waits for the printout.
                inbox.awaitMessages(1, Duration.ofSeconds(5));
            }
            return code;
        });
    }

    private int send(Workspace ws, Locale locale) throws Exception {
        if (!ws.isValid()) {
            return cli.printProblems(ws.problems());
        }
        if (ws.path(path).isEmpty()) {
            cli.err().println(Texts.get(locale, "cli.path.unknown", path));
            return CliContext.INVALID;
        }
        Map<String, Object> values = new LinkedHashMap<>(attributes);
        if (!to.isEmpty()) {
            // The path type names the attribute that holds recipients; every declared recipient list takes plain
            // addresses.
            Optional<String> recipients = ws.path(path).orElseThrow().recipientsAttribute();
            if (recipients.isEmpty()) {
                cli.err().println(Texts.get(locale, "send.to.unsupported", path));
                return CliContext.INVALID;
            }
            values.put(recipients.get(), List.copyOf(to));
        }
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, SendEvents.NONE, false)) {
            return send(runtime, values, locale);
        }
    }

    private int send(ScenarioRuntime runtime, Map<String, Object> values, Locale locale) throws Exception {
        try {
            SendResult result = runtime.send(path, values);
            // A sent message has at least one accepted recipient; none means the path queued it (delivery: queued).
            boolean queued = result.acceptedRecipients().isEmpty();
            if (json) {
                cli.out()
                        .println(JsonOutput.MAPPER.writeValueAsString(
                                withJournalError(sentJson(result, queued), runtime)));
            } else if (queued) {
                cli.out().println(Texts.get(locale, "send.queued", path, result.messageId()));
            } else {
                cli.out().println(Texts.get(locale, "send.sent", path, result.messageId()));
                cli.out().println("  " + Texts.get(locale, "send.reply") + ": " + result.serverReply());
                printRejected(result.rejectedRecipients(), locale);
            }
            cli.out().flush();
            return CliContext.OK;
        } catch (DeliveryException e) {
            if (json) {
                cli.out()
                        .println(
                                JsonOutput.MAPPER.writeValueAsString(withJournalError(failedJson(e, locale), runtime)));
            } else {
                cli.out()
                        .println(Texts.get(
                                locale, "send.failed", path, e.kind().name(), e.replyCode(), e.message(locale)));
                printRejected(e.rejectedRecipients(), locale);
            }
            cli.out().flush();
            return CliContext.FAILED;
        }
    }

    private void printRejected(List<SendResult.Rejection> rejected, Locale locale) {
        for (SendResult.Rejection r : rejected) {
            cli.out().println("  " + Texts.get(locale, "send.rejected") + ": " + r.address() + " " + r.reply());
        }
    }

    /**
     * {@code out} with {@code journalError}: null, or why the connection's journal could not be written (the send's
     * outcome stands).
     */
    private static Map<String, Object> withJournalError(Map<String, Object> out, ScenarioRuntime runtime) {
        out.put("journalError", runtime.journalError().orElse(null));
        return out;
    }

    private Map<String, Object> sentJson(SendResult result, boolean queued) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("status", queued ? "QUEUED" : "SENT");
        out.put("messageId", result.messageId());
        out.put("serverReply", result.serverReply());
        out.put("acceptedRecipients", result.acceptedRecipients());
        out.put("rejectedRecipients", RejectedRecipients.asMaps(result.rejectedRecipients()));
        out.put("failureKind", null);
        return out;
    }

    /** As {@code check --json}: the message in the chosen language (kind and code are for machines). */
    private Map<String, Object> failedJson(DeliveryException e, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("status", "FAILED");
        out.put("messageId", null);
        out.put("serverReply", null);
        out.put("failureKind", e.kind().name());
        out.put("replyCode", e.replyCode());
        out.put("message", e.message(locale));
        // The retry loop's rule (README, "How every attempt is judged"), so "transient" here means what the runtime
        // retries.
        out.put("transient", e.transientFailure());
        out.put("possiblyDelivered", e.possiblyDelivered());
        out.put("rejectedRecipients", RejectedRecipients.asMaps(e.rejectedRecipients()));
        return out;
    }
}
