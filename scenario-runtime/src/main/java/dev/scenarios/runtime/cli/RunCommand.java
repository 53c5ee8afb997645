package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scenario run <workspace> [--dev-inbox] [--duration 10s] [--queue-only]}: runs the scenarios until stopped
 * (Ctrl+C or SIGTERM stop gracefully) or for the duration, printing one line per message sent or failed.
 * With {@code --queue-only} it only delivers the queue: no scenario starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the workspace's scenarios until stopped (Ctrl+C) or for --duration.")
public final class RunCommand extends WorkspaceCommand {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10s or 5m (default: run until stopped).")
    Duration duration;

    @Option(names = "--queue-only", description = "Deliver the queue (delivery: queued) and start no scenario: "
            + "no timer or consumer runs, nothing new is sent.")
    boolean queueOnly;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    public RunCommand(CliContext cli) {
        super(cli);
    }

    /** Ends a run that has no duration, as SIGINT would; for tests and embedding. */
    public void stop() {
        stopped.countDown();
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = locale();
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
        try (ScenarioRuntime runtime = queueOnly ? ScenarioRuntime.startQueueOnly(ws, new Lines(locale))
                : ScenarioRuntime.start(ws, new Lines(locale), true)) {
            cli.out().println(queueOnly ? Texts.get(locale, "run.queueOnly", ws.paths().size())
                    : Texts.get(locale, "run.started", ws.scenarioFiles().size(), ws.paths().size()));
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
