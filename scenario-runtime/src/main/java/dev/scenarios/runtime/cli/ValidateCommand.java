package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.text.Texts;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code scenario validate <workspace>}: 0 when valid, 2 with every problem printed. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check a workspace without running it: prints every problem as file:line: object property: message.")
public final class ValidateCommand extends WorkspaceCommand {

    public ValidateCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        Locale locale = locale();
        Workspace ws = load(locale);
        if (!ws.isValid()) {
            cli.printProblems(ws.problems());
            cli.out()
                    .println(Texts.get(locale, "validate.invalid", ws.problems().size()));
            cli.out().flush();
            return CliContext.INVALID;
        }
        cli.out()
                .println(Texts.get(
                        locale,
                        "validate.ok",
                        ws.connections().size(),
                        ws.paths().size(),
                        ws.scenarioFiles().size()));
        cli.out().flush();
        return CliContext.OK;
    }
}
