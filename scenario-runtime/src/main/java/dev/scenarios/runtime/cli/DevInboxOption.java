package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --dev-inbox} flag of {@code run}, {@code send}, {@code check} and {@code serve}, and what it does to the
 * command's workspace.
 */
public final class DevInboxOption {

    /** A command's work on its loaded workspace; {@code inbox} is null without {@code --dev-inbox}. */
    @FunctionalInterface
    interface WorkspaceAction {
        int run(Workspace workspace, DevInbox inbox) throws Exception;
    }

    @Option(
            names = "--dev-inbox",
            description = "Start an in-process SMTP server on 127.0.0.1, point every connection at it "
                    + "for this run only, print each message it receives and keep the latest 500 "
                    + "under <workspace>/data/dev-inbox/.")
    boolean enabled;

    @Option(
            names = "--dev-inbox-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description =
                    "The dev inbox's SMTP port on 127.0.0.1 (default: a free port), e.g. 2525 for a mail client to watch.")
    int port;

    /**
     * Starts the dev inbox on the chosen port, printing to {@code out} and keeping its messages under
     * {@code <workspace>/data/dev-inbox/} (so that {@code serve --dev-inbox} shows what an earlier {@code run}
     * received).
     */
    DevInbox start(PrintWriter out, Locale locale, Path workspace) {
        return DevInbox.start(out, locale, port, folder(workspace));
    }

    /** Where the dev inbox of the workspace in {@code workspace} keeps its messages. */
    static Path folder(Path workspace) {
        return Workspace.dataDirectory(workspace.toAbsolutePath().normalize()).resolve("dev-inbox");
    }

    /**
     * Loads {@code workspace} and runs {@code action} on it; with {@code --dev-inbox} first starts the inbox (printing
     * to {@code inboxOut}), points every connection at it and stops it afterwards.
     */
    int run(CliContext cli, Path workspace, Locale locale, PrintWriter inboxOut, WorkspaceAction action)
            throws Exception {
        if (!enabled) {
            return action.run(cli.load(workspace, locale), null);
        }
        try (DevInbox inbox = start(inboxOut, locale, workspace)) {
            return action.run(cli.load(workspace, locale, inbox), inbox);
        }
    }
}
