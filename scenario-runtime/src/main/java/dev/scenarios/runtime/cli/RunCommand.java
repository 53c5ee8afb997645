package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.ScenarioRuntime;
import dev.scenarios.runtime.SendEvents;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.logging.LogFormat;
import dev.scenarios.runtime.internal.ops.ManagementServer;
import dev.scenarios.runtime.internal.ops.RuntimeOps;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scenario run <workspace> [--dev-inbox] [--duration 10s] [--queue-only]}: runs the scenarios until stopped
 * (Ctrl+C or SIGTERM stop gracefully) or for the duration, printing one line per message sent or failed. With
 * {@code --queue-only} it only delivers the queue: no scenario starts.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the workspace's scenarios until stopped (Ctrl+C) or for --duration.")
public final class RunCommand extends WorkspaceCommand {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10s or 5m (default: run until stopped).")
    Duration duration;

    @Option(
            names = "--queue-only",
            description = "Deliver the queue (delivery: queued) and start no scenario: "
                    + "no timer or consumer runs, nothing new is sent.")
    boolean queueOnly;

    @Option(
            names = "--management-port",
            paramLabel = "PORT",
            description =
                    "Serve /health/live, /health/ready and /metrics (Prometheus) on this port, without a token (0 picks a free one).")
    Integer managementPort;

    @Option(
            names = "--management-host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address of the management port (default: ${DEFAULT-VALUE}).")
    String managementHost;

    @Mixin
    DevInboxOption devInbox = new DevInboxOption();

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

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
        return logFormat.run(
                format -> devInbox.run(cli, workspace, locale, cli.out(), (ws, inbox) -> run(ws, locale, format)));
    }

    private int run(Workspace ws, Locale locale, LogFormat format) throws Exception {
        if (!ws.isValid()) {
            return cli.printProblems(ws.problems());
        }
        // On SIGINT/SIGTERM the JVM halts once its hooks return: the hook waits until the runtime has
        // stopped the scenarios and closed the connections (Camel gives in-flight messages 10 s).
        Thread hook = new Thread(
                () -> {
                    stop();
                    try {
                        closed.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "scenario-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RuntimeOps ops = managementPort == null ? null : RuntimeOps.of(ws);
        SendEvents events =
                ops == null ? new Lines(locale, format) : SendEvents.all(new Lines(locale, format), ops.events());
        try (ScenarioRuntime runtime = queueOnly
                        ? ScenarioRuntime.startQueueOnly(ws, events)
                        : ScenarioRuntime.start(ws, events, true);
                ManagementServer management = ops == null ? null : ops.serve(runtime, managementHost, managementPort)) {
            cli.out()
                    .println(
                            queueOnly
                                    ? Texts.get(
                                            locale, "run.queueOnly", ws.paths().size())
                                    : Texts.get(
                                            locale,
                                            "run.started",
                                            ws.scenarioFiles().size(),
                                            ws.paths().size()));
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

    /**
     * One line per message: date, time and offset, path, and the Message-ID or the failure; in JSON format one object
     * per line with the same facts under fixed names.
     */
    private final class Lines implements SendEvents {
        // to the second, as an operator reads it; the log's own lines add milliseconds
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

        private final Locale locale;
        private final LogFormat format;

        Lines(Locale locale, LogFormat format) {
            this.locale = locale;
            this.format = format;
        }

        @Override
        public void sent(String path, SendResult result) {
            if (format == LogFormat.JSON) {
                print(json("sent", path, "messageId", result.messageId(), "reply", result.serverReply()));
            } else {
                print(Texts.get(locale, "run.sent", now(), path, result.messageId(), result.serverReply()));
            }
        }

        @Override
        public void failed(String path, DeliveryException failure) {
            if (format == LogFormat.JSON) {
                print(json(
                        "failed",
                        path,
                        "kind",
                        failure.kind().name(),
                        "replyCode",
                        failure.replyCode(),
                        "message",
                        failure.message(locale)));
            } else {
                print(Texts.get(
                        locale,
                        "run.failed",
                        now(),
                        path,
                        failure.kind().name(),
                        failure.replyCode(),
                        failure.message(locale)));
            }
        }

        private String json(String event, String path, Object... pairs) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("time", OffsetDateTime.now().format(LogFormat.TIME));
            fields.put("event", event);
            fields.put("path", path);
            for (int i = 0; i < pairs.length; i += 2) {
                fields.put((String) pairs[i], pairs[i + 1]);
            }
            return LogFormat.json(fields);
        }

        private void print(String line) {
            synchronized (cli.out()) {
                cli.out().println(line);
                cli.out().flush();
            }
        }

        private String now() {
            return OffsetDateTime.now().format(TIME);
        }
    }
}
