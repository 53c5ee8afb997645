package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.CheckResult;
import dev.scenarios.connector.api.support.Durations;
import dev.scenarios.runtime.ConnectionDefinition;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import dev.scenarios.runtime.internal.text.CheckJson;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scenario check <workspace> <connection> [--json]}: 0 succeeded, 1 failed, 2 invalid configuration. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check a connection against its server step by step (the \"Check connection\" button).")
public final class CheckCommand extends WorkspaceCommand {

    @Parameters(index = "1", paramLabel = "<connection>", description = "The connection's system name.")
    String connection;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    public CheckCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = locale();
        return devInbox.run(cli, workspace, locale, json ? cli.err() : cli.out(), (ws, inbox) -> check(ws, locale));
    }

    private int check(Workspace ws, Locale locale) throws Exception {
        Optional<ConnectionDefinition> found = ws.connection(connection);
        if (found.isEmpty()) {
            cli.err().println(Texts.get(locale, "cli.connection.unknown", connection));
            cli.printProblems(ws.problems().stream()
                    .filter(p -> p.file().startsWith("connections/"))
                    .toList());
            return CliContext.INVALID;
        }
        List<Problem> own = ws.problems().stream()
                .filter(p -> p.file().equals(found.get().file()))
                .toList();
        if (!own.isEmpty()) {
            return cli.printProblems(own);
        }
        ConnectionDefinition definition = found.get();
        WorkspaceConnectorContext context = new WorkspaceConnectorContext(ws.dataDirectory(), null);
        CheckResult result = definition.type().check(definition.configuration(), context);
        if (json) {
            Map<String, Object> out = CheckJson.of(definition.systemName(), definition.type(), result, locale);
            // The check's outcome stands even when its journal entry could not be written.
            out.put("journalError", context.journalError().orElse(null));
            cli.out().println(JsonOutput.MAPPER.writeValueAsString(out));
        } else {
            print(definition, result, locale);
        }
        cli.out().flush();
        return result.succeeded() ? CliContext.OK : CliContext.FAILED;
    }

    private void print(ConnectionDefinition definition, CheckResult result, Locale locale) {
        cli.out()
                .println(Texts.get(
                        locale,
                        "check.title",
                        definition.systemName(),
                        definition.type().id()));
        for (CheckResult.Step step : result.steps()) {
            cli.out()
                    .printf(
                            "  %-8s %-32s %10s  %s%n",
                            Texts.get(locale, "check.step." + step.status().name()),
                            step.title().in(locale),
                            Durations.format(step.elapsed().truncatedTo(ChronoUnit.MILLIS), locale),
                            step.detail(locale));
        }
        String status = Texts.get(locale, "check." + result.status().name());
        String kind = result.failureKind().map(k -> " (" + k + ")").orElse("");
        cli.out().println(status + kind + ": " + result.message(locale));
        if (!result.detail().isBlank()) {
            cli.out().println("  " + Texts.get(locale, "check.detail") + ": " + result.detail());
        }
    }
}
