package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.ConnectorProvider;
import dev.scenarios.runtime.Connectors;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.logging.LogProvider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scenario} command line: {@code validate}, {@code check}, {@code send}, {@code receive}, {@code run},
 * {@code journal}, {@code types}, {@code queue} and {@code serve}. Exit codes are stable because operators script them:
 * 0 success, 1 the operation failed (check failed, message not sent), 2 wrong arguments or an invalid workspace. Errors
 * are one line plus usage, never a stack trace.
 */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        versionProvider = ScenarioCommand.Version.class,
        description = "Run and operate scenario workspaces: connections, data transfer paths and Camel YAML scenarios.")
public final class ScenarioCommand implements Runnable {

    private final CliContext cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ScenarioCommand(CliContext cli) {
        this.cli = cli;
    }

    /**
     * The system property through which SLF4J (2.0.9+) takes its binding by class name. The runtime jar registers no
     * binding in {@code META-INF/services}, so that a host embedding it keeps its own; the command line chooses the
     * runtime's.
     */
    static final String SLF4J_PROVIDER = "slf4j.provider";

    /** SLF4J's own reporting level (2.0.10+). */
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    /**
     * Runs the command line and exits the JVM with its exit code. Chooses the runtime's log binding
     * ({@link LogProvider}) first, before anything asks SLF4J for a logger, unless {@code -Dslf4j.provider} names
     * another.
     */
    public static void main(String[] args) {
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, LogProvider.class.getName());
            // SLF4J reports the explicit choice on stderr at INFO ("Attempting to load provider ..."): noise for a
            // user.
            System.setProperty(SLF4J_VERBOSITY, "WARN");
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err, Connectors.fromClassPath(), System.getenv(), Locale.getDefault()));
    }

    /**
     * Runs {@code args} in this JVM, printing to {@code out} and {@code err}; returns the exit code. Called by
     * {@link #main} and by tests. Blocks for as long as the subcommand runs.
     */
    public static int execute(
            String[] args,
            PrintWriter out,
            PrintWriter err,
            Connectors connectors,
            Map<String, String> environment,
            Locale defaultLocale) {
        return commandLine(new CliContext(out, err, connectors, environment, defaultLocale))
                .execute(args);
    }

    /** The configured picocli command line, e.g. to keep a handle on {@code run} and stop it. */
    public static CommandLine commandLine(CliContext cli) {
        CommandLine line = new CommandLine(new ScenarioCommand(cli))
                .addSubcommand(new ValidateCommand(cli))
                .addSubcommand(new CheckCommand(cli))
                .addSubcommand(new SendCommand(cli))
                .addSubcommand(new ReceiveCommand(cli))
                .addSubcommand(new RunCommand(cli))
                .addSubcommand(new JournalCommand(cli))
                .addSubcommand(new TypesCommand(cli))
                .addSubcommand(new QueueCommand(cli))
                .addSubcommand(new ServeCommand(cli));
        line.setOut(cli.out());
        line.setErr(cli.err());
        line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Workspace.NotAWorkspaceException) {
                commandLine.getErr().println(e.getMessage());
                commandLine.usage(commandLine.getErr());
                return CliContext.INVALID;
            }
            String message = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            commandLine.getErr().println("error: " + message);
            return CliContext.FAILED;
        });
        return line;
    }

    /** {@code scenario} alone: print the usage and fail, since there is nothing to do. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required: validate, check, send, receive, run, journal, types, queue or serve");
    }

    /** The runtime's version and each connector's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ScenarioCommand.class.getPackage().getImplementationVersion();
            List<String> lines = new ArrayList<>();
            lines.add("scenario " + (version == null ? "development" : version));
            for (ConnectorProvider provider : Connectors.fromClassPath().providers()) {
                lines.add("  connector " + provider.id() + " " + provider.version() + " (connector API "
                        + provider.apiVersion() + ")");
            }
            return lines.toArray(String[]::new);
        }
    }
}
