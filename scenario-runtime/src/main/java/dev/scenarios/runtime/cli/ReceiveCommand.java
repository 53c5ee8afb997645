package dev.scenarios.runtime.cli;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.PathType;
import dev.scenarios.connector.api.ReceivedItem;
import dev.scenarios.runtime.ConnectionDefinition;
import dev.scenarios.runtime.PathDefinition;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.camel.WorkspaceConnectorContext;
import dev.scenarios.runtime.internal.text.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scenario receive <workspace> <path> [--once] [--json] [--ack]}: prints what a receiving path would hand a
 * scenario — each item's id, whether it may be a repeat, and its attributes — without moving anything unless
 * {@code --ack}. Without {@code --ack} it asks the path for a {@linkplain PathSource#preview preview} (read-only); with
 * it, it receives as {@code from: path:} does and acknowledges every item as a succeeded scenario would, so the path
 * moves it (for {@code imap-receive}: to {@code processedFolder}). {@code --once} stops after the items there now;
 * otherwise it goes on until stopped (Ctrl+C). 0 done, 1 the server could not be reached, 2 invalid.
 */
@Command(
        name = "receive",
        mixinStandardHelpOptions = true,
        description = "Print what a receiving path would hand a scenario (from: path:<path>); nothing is moved unless"
                + " --ack.")
public final class ReceiveCommand extends WorkspaceCommand {

    /** A text value longer than this is cut in the text output (e.g. an attachment's Base64 content). */
    private static final int SHOWN_CHARS = 200;

    @Parameters(index = "1", paramLabel = "<path>", description = "The receiving path's system name.")
    String path;

    @Option(names = "--once", description = "Print the items there now and stop (default: go on until stopped).")
    boolean once;

    @Option(names = "--json", description = "Print each item as one JSON line.")
    boolean json;

    @Option(
            names = "--ack",
            description = "Acknowledge each item as a succeeded scenario would: the path finishes it (e.g. moves the"
                    + " mail to its processed folder).")
    boolean ack;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Without --once and --ack: how often to look for new items (default: 10s).")
    Duration interval = Duration.ofSeconds(10);

    private static final com.fasterxml.jackson.databind.ObjectWriter ONE_LINE =
            JsonOutput.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    public ReceiveCommand(CliContext cli) {
        super(cli);
    }

    /** Ends a run without {@code --once} (the shutdown hook and tests call it). */
    public void stop() {
        stopped.countDown();
    }

    @Override
    public Integer call() throws Exception {
        Locale locale = locale();
        Workspace ws = load(locale);
        if (!ws.isValid()) {
            return cli.printProblems(ws.problems());
        }
        PathDefinition definition = ws.path(path).orElse(null);
        if (definition == null) {
            cli.err().println(Texts.get(locale, "cli.path.unknown", path));
            return CliContext.INVALID;
        }
        if (definition.type().direction() != PathType.Direction.RECEIVE) {
            cli.err()
                    .println(Texts.get(
                            locale,
                            "receive.notReceiving",
                            path,
                            definition.type().id()));
            return CliContext.INVALID;
        }
        ConnectionDefinition connection =
                ws.connection(definition.connectionName()).orElseThrow();
        if (definition.disabled() || connection.disabled()) {
            cli.err().println(Texts.get(locale, "receive.disabled", path, connection.systemName()));
            return CliContext.INVALID;
        }
        WorkspaceConnectorContext context = new WorkspaceConnectorContext(ws.dataDirectory(), null);
        Thread hook = null;
        if (!once) {
            // Ctrl+C: the JVM halts once its hooks return, so the hook waits until the source has closed (an
            // acknowledged mail is moved first).
            hook = new Thread(
                    () -> {
                        stop();
                        try {
                            closed.await(35, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "scenario-receive-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try (Connection opened = connection.type().open(connection.configuration(), context)) {
            return ack ? receive(definition, opened, context, locale) : preview(definition, opened, context, locale);
        } finally {
            closed.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs anyway
                }
            }
        }
    }

    /** Prints the preview once ({@code --once}) or every {@code --interval}, each item once. */
    private int preview(
            PathDefinition definition, Connection connection, WorkspaceConnectorContext context, Locale locale)
            throws Exception {
        Set<String> shown = new LinkedHashSet<>();
        do {
            List<ReceivedItem> items = new ArrayList<>();
            try (PathSource source = definition.type().source(definition.configuration(), connection, context)) {
                source.preview(items::add);
            } catch (java.io.IOException e) {
                cli.err().println(Texts.get(locale, "receive.failed", path, e.getMessage()));
                return CliContext.FAILED;
            }
            for (ReceivedItem item : items) {
                if (shown.add(item.id())) {
                    print(item, false, locale);
                }
            }
            if (once && !json) {
                cli.out()
                        .println(
                                items.isEmpty()
                                        ? Texts.get(locale, "receive.none", path)
                                        : Texts.get(locale, "receive.previewed", items.size()));
            }
            cli.out().flush();
        } while (!once && !stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        return CliContext.OK;
    }

    /**
     * Receives and acknowledges every item; with {@code --once} stops when the items a preview showed were all handed.
     */
    private int receive(
            PathDefinition definition, Connection connection, WorkspaceConnectorContext context, Locale locale)
            throws Exception {
        Set<String> awaited = new LinkedHashSet<>();
        if (once) {
            try (PathSource source = definition.type().source(definition.configuration(), connection, context)) {
                source.preview(item -> awaited.add(item.id()));
            } catch (java.io.IOException e) {
                cli.err().println(Texts.get(locale, "receive.failed", path, e.getMessage()));
                return CliContext.FAILED;
            }
            if (awaited.isEmpty()) {
                if (!json) {
                    cli.out().println(Texts.get(locale, "receive.none", path));
                    cli.out().flush();
                }
                return CliContext.OK;
            }
        }
        Set<String> left = java.util.concurrent.ConcurrentHashMap.newKeySet();
        left.addAll(awaited);
        try (PathSource source = definition.type().source(definition.configuration(), connection, context)) {
            source.start(item -> {
                synchronized (this) {
                    print(item, true, locale);
                    cli.out().flush();
                }
                item.succeeded(Map.of());
                if (left.remove(item.id()) && left.isEmpty()) {
                    stop();
                }
            });
            stopped.await();
        }
        // closing the source waited for the last acknowledged mail to be moved
        return CliContext.OK;
    }

    private void print(ReceivedItem item, boolean acknowledged, Locale locale) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", path);
            out.put("id", item.id());
            out.put("possibleDuplicate", item.possibleDuplicate());
            out.put("acknowledged", acknowledged);
            out.put("attributes", item.attributes());
            try {
                cli.out().println(ONE_LINE.writeValueAsString(out));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        cli.out()
                .println(item.id()
                        + (item.possibleDuplicate() ? " " + Texts.get(locale, "receive.duplicate") : "")
                        + (acknowledged ? " " + Texts.get(locale, "receive.acknowledged") : ""));
        item.attributes().forEach((name, value) -> cli.out().println("  " + name + ": " + shown(value)));
    }

    /** A value on one line: texts cut after {@value #SHOWN_CHARS} characters, lists and maps as compact JSON. */
    private static String shown(Object value) {
        String text;
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                text = ONE_LINE.writeValueAsString(cut(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                text = String.valueOf(value);
            }
        } else {
            text = String.valueOf(value).replace("\r", "").replace("\n", "\\n");
        }
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "… (" + text.length() + ")" : text;
    }

    /** Cuts long strings inside lists and maps, so that one attachment does not hide the others. */
    private static Object cut(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, cut(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReceiveCommand::cut).toList();
        }
        if (value instanceof String s && s.length() > 60) {
            return s.substring(0, 60) + "… (" + s.length() + ")";
        }
        return value;
    }
}
