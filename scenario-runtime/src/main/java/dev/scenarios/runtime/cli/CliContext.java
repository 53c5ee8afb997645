package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.Problem;
import dev.scenarios.runtime.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every subcommand shares: where to print, which connectors exist, the environment that {@code ${env:…}} reads,
 * and the language when {@code --lang} is not given.
 */
public record CliContext(
        PrintWriter out,
        PrintWriter err,
        Connectors connectors,
        Map<String, String> environment,
        Locale defaultLocale) {

    /** Exit code: success (valid, sent, check succeeded). */
    public static final int OK = 0;
    /** Exit code: the operation ran and failed (check failed, message not sent). */
    public static final int FAILED = 1;
    /** Exit code: wrong arguments, or the workspace or configuration is invalid. */
    public static final int INVALID = 2;

    /** Loads the workspace in {@code dir} (reads files, runs validation). */
    public Workspace load(Path dir, Locale locale) {
        return Workspace.load(dir, connectors, environment, locale);
    }

    /** Loads the workspace in {@code dir} with every connection pointed at {@code inbox} (when not null). */
    public Workspace load(Path dir, Locale locale, DevInbox inbox) {
        if (inbox == null) {
            return load(dir, locale);
        }
        return Workspace.load(dir, connectors, environment, locale, inbox::overrides);
    }

    /** Prints {@code problems} one per line to stdout; returns {@link #INVALID}. */
    public int printProblems(List<Problem> problems) {
        problems.forEach(p -> out.println(p));
        out.flush();
        return INVALID;
    }
}
