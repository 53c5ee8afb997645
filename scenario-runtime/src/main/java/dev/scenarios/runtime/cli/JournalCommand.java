package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.ConnectionDefinition;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import dev.scenarios.runtime.internal.text.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scenario journal <workspace> <connection> [--output FILE]}: the "Download journal" button. */
@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = "Print a connection's journal of mail-sending events (oldest first), or write it to a file.")
public final class JournalCommand extends WorkspaceCommand {

    @Parameters(index = "1", paramLabel = "<connection>", description = "The connection's system name.")
    String connection;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write the journal to FILE instead of standard output.")
    Path output;

    public JournalCommand(CliContext cli) {
        super(cli);
    }

    /**
     * Reads the journal even when other files of the workspace have problems (or this connection's password is not set
     * here): the journal is evidence, and reading it sends nothing.
     */
    @Override
    public Integer call() throws IOException {
        Locale locale = locale();
        Workspace ws = load(locale);
        Optional<ConnectionDefinition> found = ws.connection(connection);
        if (found.isEmpty()) {
            cli.err().println(Texts.get(locale, "cli.connection.unknown", connection));
            return CliContext.INVALID;
        }
        ConnectionDefinition c = found.get();
        try (InputStream journal =
                c.type().openJournal(c.configuration(), new WorkspaceConnectorContext(ws.dataDirectory(), null))) {
            if (output != null) {
                long bytes = Files.copy(journal, output, StandardCopyOption.REPLACE_EXISTING);
                cli.out().println(Texts.get(locale, "journal.written", output, String.valueOf(bytes)));
            } else {
                cli.out().print(new String(journal.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        cli.out().flush();
        return CliContext.OK;
    }
}
