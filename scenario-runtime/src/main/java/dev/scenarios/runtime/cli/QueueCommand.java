package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.Workspace;
import dev.scenarios.runtime.internal.delivery.PostgresMessageQueue;
import dev.scenarios.runtime.internal.delivery.QueueControl;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.internal.delivery.QueueStore;
import dev.scenarios.runtime.internal.delivery.QueueTransfer;
import dev.scenarios.runtime.internal.text.Texts;
import dev.scenarios.runtime.internal.workspace.WorkspaceLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scenario queue <workspace> [--json] [--retry ID | --retry-dead | --purge ID | --runtimes | --export FILE |
 * --import FILE]}: the messages of {@code delivery: queued} paths not delivered yet, and what an operator can do about
 * them, in the store {@code workspace.yaml} names (the folder, or PostgreSQL); {@code --export}/{@code --import} move
 * them between stores ({@link QueueTransfer}). Exit codes: 0 done, 1 no message with that id, the queue's database
 * unreachable, a runtime sending the queue during a move, or an entry not imported, 2 wrong arguments or not a
 * workspace. Works whether or not a runtime is running on the workspace, except for a move.
 */
@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = "List queued messages (pending, deferred, sending, dead, damaged), or retry or purge them.")
public final class QueueCommand extends WorkspaceCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Option(
            names = "--retry",
            paramLabel = "ID",
            description = "Try message ID again now (a dead one gets a fresh lifetime).")
    String retry;

    @Option(names = "--retry-dead", description = "Try every dead message again now.")
    boolean retryDead;

    @Option(
            names = "--purge",
            paramLabel = "ID",
            description = "Remove message ID from the queue: it will not be sent.")
    String purge;

    @Option(
            names = "--runtimes",
            description = "List the runtimes sending a postgresql queue, with their last heartbeat.")
    boolean runtimes;

    @Option(
            names = "--export",
            paramLabel = "FILE",
            description =
                    "Move every queued and dead message out of this queue into FILE (no runtime may be sending it).")
    Path exportTo;

    @Option(
            names = "--import",
            paramLabel = "FILE",
            description = "Add the messages of FILE (from --export) to this queue; those imported before are skipped.")
    Path importFrom;

    private MessageQueue queue;

    public QueueCommand(CliContext cli) {
        super(cli);
    }

    /** Reads the queue even when the workspace has problems: listing and purging send nothing. */
    @Override
    public Integer call() throws IOException {
        Locale locale = locale();
        if ((retry != null ? 1 : 0)
                        + (retryDead ? 1 : 0)
                        + (purge != null ? 1 : 0)
                        + (runtimes ? 1 : 0)
                        + (exportTo != null ? 1 : 0)
                        + (importFrom != null ? 1 : 0)
                > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), Texts.get(locale, "queue.options.exclusive"));
        }
        Workspace ws = load(locale);
        QueueStore store;
        try {
            store = QueueStore.open(ws, false);
        } catch (IOException e) {
            cli.err().println(Texts.get(locale, "queue.unreachable", e.getMessage()));
            cli.err().flush();
            return CliContext.FAILED;
        }
        try (store) {
            return call(ws, store, locale);
        }
    }

    private int call(Workspace ws, QueueStore store, Locale locale) throws IOException {
        queue = store.queue();
        QueueControl control = new QueueControl(queue, store.journal(), ws::deliveryPolicy, Clock.systemUTC());
        if (runtimes) {
            return listRuntimes(store, locale);
        }
        if (exportTo != null || importFrom != null) {
            return move(ws, store, locale);
        }
        if (retry != null) {
            return report(
                    control.retry(retry),
                    retry,
                    runtimeRunning(ws, store) ? "queue.retried" : "queue.retriedNoRuntime",
                    locale);
        }
        if (purge != null) {
            return report(control.purge(purge), purge, "queue.purged", locale);
        }
        if (retryDead) {
            cli.out()
                    .println(Texts.get(
                            locale,
                            runtimeRunning(ws, store) ? "queue.retriedDead" : "queue.retriedDeadNoRuntime",
                            control.retryDead(),
                            workspace));
            cli.out().flush();
            return CliContext.OK;
        }
        List<QueuedMessage> all = QueueListing.all(queue);
        if (json) {
            cli.out()
                    .println(JsonOutput.MAPPER.writeValueAsString(all.stream()
                            .map(m -> QueueListing.json(m, ws.bus(m.path()), locale))
                            .toList()));
        } else {
            print(all, ws, locale);
        }
        cli.out().flush();
        return CliContext.OK;
    }

    /** {@code --export} or {@code --import}: refused while a runtime sends this queue, which would race the move. */
    private int move(Workspace ws, QueueStore store, Locale locale) throws IOException {
        if (runtimeRunning(ws, store)) {
            cli.err().println(Texts.get(locale, "queue.move.runtimeRunning", store.label()));
            cli.err().flush();
            return CliContext.FAILED;
        }
        if (exportTo != null) {
            QueueTransfer.Exported done;
            try {
                done = QueueTransfer.export(queue, store.journal(), exportTo, store.label(), Clock.systemUTC());
            } catch (IOException e) {
                cli.err().println(Texts.get(locale, "queue.move.failed", exportTo, e.getMessage()));
                cli.err().flush();
                return CliContext.FAILED;
            }
            cli.out()
                    .println(Texts.get(
                            locale, "queue.exported", done.live(), done.dead(), exportTo, store.label(), workspace));
            if (done.damagedLeft() > 0) {
                cli.out().println(Texts.get(locale, "queue.exported.damaged", done.damagedLeft()));
            }
            cli.out().flush();
            return CliContext.OK;
        }
        QueueTransfer.Imported done;
        try {
            done = QueueTransfer.importFrom(queue, store.journal(), importFrom, store::flush, Clock.systemUTC());
        } catch (IOException e) {
            cli.err().println(Texts.get(locale, "queue.move.failed", importFrom, e.getMessage()));
            cli.err().flush();
            return CliContext.FAILED;
        }
        cli.out()
                .println(Texts.get(
                        locale, "queue.imported", done.live(), done.dead(), done.skipped(), importFrom, store.label()));
        cli.out().flush();
        done.problems().forEach(cli.err()::println);
        cli.err().flush();
        return done.problems().isEmpty() ? CliContext.OK : CliContext.FAILED;
    }

    private int listRuntimes(QueueStore store, Locale locale) throws IOException {
        if (store.postgres().isEmpty()) {
            cli.out().println(Texts.get(locale, "queue.runtimes.fileStore"));
        } else {
            List<PostgresMessageQueue.RuntimeEntry> all = store.postgres().get().runtimes();
            if (json) {
                cli.out()
                        .println(JsonOutput.MAPPER.writeValueAsString(all.stream()
                                .map(r -> Map.of(
                                        "id",
                                        r.id(),
                                        "host",
                                        r.host(),
                                        "startedAt",
                                        r.startedAt().toString(),
                                        "heartbeatAt",
                                        r.heartbeatAt().toString()))
                                .toList()));
            } else if (all.isEmpty()) {
                cli.out().println(Texts.get(locale, "queue.runtimes.none"));
            }
            if (!json) {
                all.forEach(r -> cli.out()
                        .println(Texts.get(
                                locale, "queue.runtimes.entry", r.id(), r.host(), r.startedAt(), r.heartbeatAt())));
            }
        }
        cli.out().flush();
        return CliContext.OK;
    }

    /**
     * Whether a runtime sends the queue now: what {@code --retry} may promise. For the file store, whether one holds
     * the workspace's lock (taken for an instant when free; it never waits); for PostgreSQL, whether a registered
     * runtime's heartbeat is recent.
     */
    private static boolean runtimeRunning(Workspace ws, QueueStore store) throws IOException {
        if (store.postgres().isPresent()) {
            return !store.postgres().get().liveRuntimes().isEmpty();
        }
        try (WorkspaceLock free = WorkspaceLock.acquire(ws.dataDirectory())) {
            return false;
        } catch (WorkspaceLock.Held held) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int report(QueueControl.Result result, String id, String doneKey, Locale locale) throws IOException {
        switch (result) {
            case UNKNOWN -> {
                cli.err().println(Texts.get(locale, "queue.unknown", id));
                cli.err().flush();
                return CliContext.FAILED;
            }
            case CONTENT_DAMAGED -> {
                String reason = queue.find(id).map(m -> m.reason().in(locale)).orElse("");
                cli.err().println(Texts.get(locale, "queue.contentDamaged", id, reason));
                cli.err().flush();
                return CliContext.FAILED;
            }
            case BEING_SENT -> cli.out().println(Texts.get(locale, "queue.beingSent", id));
            default -> cli.out().println(Texts.get(locale, doneKey, id, workspace));
        }
        cli.out().flush();
        return CliContext.OK;
    }

    private void print(List<QueuedMessage> all, Workspace loaded, Locale locale) {
        if (all.isEmpty()) {
            cli.out().println(Texts.get(locale, "queue.empty"));
            return;
        }
        Map<QueuedMessage.State, Integer> counts = new LinkedHashMap<>();
        for (QueuedMessage.State s : QueuedMessage.State.values()) {
            counts.put(s, 0);
        }
        for (QueuedMessage m : all) {
            counts.merge(m.state(), 1, Integer::sum);
            cli.out()
                    .println(m.id() + "  " + m.state() + "  " + Texts.get(locale, "object.path") + " " + m.path() + "  "
                            + Texts.get(locale, "queue.bus") + " " + loaded.bus(m.path()) + "  " + m.messageId());
            cli.out()
                    .println("    " + Texts.get(locale, "queue.recipients") + ": "
                            + String.join(", ", QueueListing.recipients(m))
                            + (m.delivered().isEmpty()
                                    ? ""
                                    : "  (" + Texts.get(locale, "queue.delivered") + ": "
                                            + String.join(", ", m.delivered()) + ")"));
            cli.out()
                    .println("    " + Texts.get(locale, "queue.attempts") + ": " + m.attempts()
                            + (m.state() == QueuedMessage.State.DEAD || m.state() == QueuedMessage.State.DAMAGED
                                    ? ""
                                    : "  " + Texts.get(locale, "queue.next") + ": " + m.nextAttemptAt())
                            + (m.possibleDuplicate() ? "  " + Texts.get(locale, "queue.possibleDuplicate") : ""));
            if (!m.lastReply().isEmpty()) {
                cli.out()
                        .println("    " + Texts.get(locale, "queue.lastReply") + ": "
                                + QueueReason.parse(m.lastReply()).in(locale));
            }
            m.refused()
                    .forEach(r -> cli.out()
                            .println("    " + Texts.get(locale, "queue.refused") + ": " + r.address() + " "
                                    + r.reply()));
            if (!m.deadReason().isEmpty()) {
                cli.out()
                        .println("    " + Texts.get(locale, "queue.deadReason") + ": "
                                + m.reason().in(locale));
            }
        }
        cli.out()
                .println(Texts.get(
                        locale,
                        "queue.summary",
                        counts.get(QueuedMessage.State.PENDING),
                        counts.get(QueuedMessage.State.DEFERRED),
                        counts.get(QueuedMessage.State.SENDING),
                        counts.get(QueuedMessage.State.DEAD),
                        counts.get(QueuedMessage.State.DAMAGED)));
    }
}
