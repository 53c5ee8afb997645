package dev.scenarios.runtime.internal.cli;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.Texts;
import dev.scenarios.runtime.internal.ops.ManagementServer;
import dev.scenarios.runtime.internal.ops.RuntimeOps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scenario run <workspace> [--dev-inbox] [--duration 10s]}: runs the scenarios until stopped
 * (Ctrl+C or SIGTERM stop gracefully) or for the duration, printing one line per message sent or failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the workspace's scenarios until stopped (Ctrl+C) or for --duration.")
public final class RunCommand implements Callable<Integer> {

    private final CliContext cli;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Parameters(index = "0", paramLabel = "<workspace>", description = "The workspace folder.")
    Path workspace;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10s or 5m (default: run until stopped).")
    Duration duration;

    @Option(names = "--management-port", paramLabel = "PORT",
            description = "Serve /health/live, /health/ready and /metrics (Prometheus) on this port, without a token (0 picks a free one).")
    Integer managementPort;

    @Option(names = "--management-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the management port (default: ${DEFAULT-VALUE}).")
    String managementHost;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    @Mixin
    LanguageOption language = new LanguageOption();

    public RunCommand(CliContext cli) {
        this.cli = cli;
    }

    /** Ends a run that has no duration, as SIGINT would; for tests and embedding. */
    public void stop() {
        stopped.countDown();
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = language.locale(cli.defaultLocale());
        return devInbox.run(cli, workspace, locale, cli.out(), (ws, inbox) -> run(ws, locale));
    }

    private int run(Workspace ws, Locale locale) throws Exception {
        if (!ws.isValid()) {
            return cli.printProblems(ws.problems());
        }
        // On SIGINT/SIGTERM the JVM halts once its hooks return: the hook waits until the runtime has
        // stopped the scenarios and closed the connections (Camel gives in-flight messages 10 s).
        Thread hook = new Thread(() -> {
            stop();
            try {
                closed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scenario-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RuntimeOps ops = managementPort == null ? null : RuntimeOps.of(ws);
        SendEvents events = ops == null ? new Lines(locale) : SendEvents.all(new Lines(locale), ops.events());
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws, events, true);
                ManagementServer management = ops == null ? null : ops.serve(runtime, managementHost, managementPort)) {
            cli.out().println(Texts.get(locale, "run.started", ws.scenarioFiles().size(), ws.paths().size()));
            if (management != null) {
                cli.out().println(Texts.get(locale, "run.management", management.url()));
            }
            cli.out().flush();
            if (duration == null) {
                stopped.await();
            } else {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            cli.out().println(Texts.get(locale, "run.stopping"));
            cli.out().flush();
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is stopping because of a signal: the hook has run
            }
        }
        return CliContext.OK;
    }

    /** One line per message: time, path, and the Message-ID or the failure. */
    private final class Lines implements SendEvents {
        private final Locale locale;

        Lines(Locale locale) {
            this.locale = locale;
        }

        @Override
        public void sent(String path, SendResult result) {
            print(Texts.get(locale, "run.sent", now(), path, result.messageId(), result.serverReply()));
        }

        @Override
        public void failed(String path, DeliveryException failure) {
            print(Texts.get(locale, "run.failed", now(), path, failure.kind().name(), failure.replyCode(), failure.message(locale)));
        }

        private void print(String line) {
            synchronized (cli.out()) {
                cli.out().println(line);
                cli.out().flush();
            }
        }

        private String now() {
            // LocalTime.toString() drops ":00" seconds, so a fixed pattern keeps every line the same shape.
            return LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        }
    }
}
