package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.ConnectionType;
import dev.scenarios.runtime.DevInbox;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.console.AdminToken;
import dev.scenarios.runtime.internal.console.ConsoleServer;
import dev.scenarios.runtime.internal.console.ConsoleTexts;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scenario serve <workspace> [--port 8080] [--host 127.0.0.1] [--token ${env:NAME}] [--dev-inbox]}: the admin
 * console (page and HTTP API) until the process is stopped.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "Serve the admin console: the connections page and its HTTP API, on 127.0.0.1 unless --host says otherwise.")
public final class ServeCommand extends WorkspaceCommand {

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    // $${ is picocli's escape for a literal ${: these texts show the syntax, they are not variables
    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description =
                    "The admin token, best given as $${env:NAME} (at least 16 characters); default: generated once into <workspace>/data/console-token.")
    String token;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

    public ServeCommand(CliContext cli) {
        super(cli);
    }

    /** Stops the console, as SIGINT would; for tests and embedding. */
    public void stop() {
        stopped.countDown();
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = locale();
        return logFormat.run(format -> devInbox.run(cli, workspace, locale, cli.out(), (ws, inbox) -> {
            if (inbox == null) {
                return serve(ws, type -> Map.of(), null, locale);
            }
            cli.out().println(ConsoleTexts.get(locale, "serve.devInbox"));
            return serve(ws, inbox::overrides, inbox, locale);
        }));
    }

    private int serve(
            Workspace ws, Function<ConnectionType, Map<String, Object>> overrides, DevInbox inbox, Locale locale)
            throws Exception {
        AdminToken admin;
        try {
            admin = token != null ? AdminToken.given(token, cli.environment()) : AdminToken.stored(ws.dataDirectory());
        } catch (IllegalArgumentException e) {
            cli.err().println(e.getMessage());
            cli.err().flush();
            return CliContext.INVALID;
        }
        if (!ws.problems().isEmpty()) {
            cli.out()
                    .println(ConsoleTexts.get(
                            locale, "serve.problems", ws.problems().size()));
            ws.problems().forEach(p -> cli.out().println("  " + p));
        }
        Thread hook = new Thread(this::stop, "console-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ConsoleServer server = ConsoleServer.start(
                ws.directory(), host, port, cli.connectors(), cli.environment(), admin, overrides, inbox)) {
            cli.out().println(ConsoleTexts.get(locale, "serve.listening", server.url()));
            if (server.exposed()) {
                cli.err().println(ConsoleTexts.get(locale, "serve.exposed", server.url()));
                cli.err().flush();
            }
            cli.out()
                    .println(admin.file()
                            .map(f -> ConsoleTexts.get(locale, "serve.tokenFile", f))
                            .orElse(ConsoleTexts.get(locale, "serve.tokenGiven")));
            cli.out().flush();
            stopped.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // stopping because of a signal: the hook has run
            }
        }
        return CliContext.OK;
    }
}
