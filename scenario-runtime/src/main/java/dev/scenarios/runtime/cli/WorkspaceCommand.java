package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.Workspace;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every subcommand on a workspace shares: the CLI's context, the {@code <workspace>} folder as first parameter,
 * and {@code --lang}. The commands with {@code --dev-inbox} add {@link DevInboxOption}, which loads the workspace for
 * them. Subclasses add their own options and implement {@link #call()}, returning a {@link CliContext} exit code.
 */
abstract class WorkspaceCommand implements Callable<Integer> {

    final CliContext cli;

    @Parameters(index = "0", paramLabel = "<workspace>", description = "The workspace folder.")
    Path workspace;

    @Mixin
    LanguageOption language = new LanguageOption();

    WorkspaceCommand(CliContext cli) {
        this.cli = cli;
    }

    /** The language of this run's texts: {@code --lang}, else the system's if Russian, else English. */
    final Locale locale() {
        return language.locale(cli.defaultLocale());
    }

    /**
     * Loads and validates the workspace (file I/O); throws {@link Workspace.NotAWorkspaceException} when it is not a
     * folder.
     */
    final Workspace load(Locale locale) {
        return cli.load(workspace, locale);
    }
}
