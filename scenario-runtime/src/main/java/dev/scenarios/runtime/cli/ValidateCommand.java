package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.text.Texts;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code scenario validate <workspace>}: 0 when valid, 2 with every problem printed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a workspace without running it: prints every problem as file:line: object property: message.")
public final class ValidateCommand implements Callable<Integer> {

    private final CliContext cli;

    @Parameters(index = "0", paramLabel = "<workspace>", description = "The workspace folder.")
    Path workspace;

    @Mixin
    LanguageOption language = new LanguageOption();

    public ValidateCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Locale locale = language.locale(cli.defaultLocale());
        Workspace ws = cli.load(workspace, locale);
        if (!ws.isValid()) {
            cli.printProblems(ws.problems());
            cli.out().println(Texts.get(locale, "validate.invalid", ws.problems().size()));
            cli.out().flush();
            return CliContext.INVALID;
        }
        cli.out().println(Texts.get(locale, "validate.ok", ws.connections().size(), ws.paths().size(), ws.scenarioFiles().size()));
        cli.out().flush();
        return CliContext.OK;
    }
}
