package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A workspace's queue opened as its {@code workspace.yaml} says: the folder {@code data/queue} with its
 * {@code events.log}, or the PostgreSQL tables with their {@code queue_event} journal. Opened by
 * {@code ScenarioRuntime}, {@code scenario queue} and the console; {@link #close()} releases the database pool (nothing
 * for the file store).
 */
public final class QueueStore implements AutoCloseable {

    /** How long a runtime's claim on a message outlives its last renewal (renewed every third of it). */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private final MessageQueue queue;
    private final QueueJournal journal;
    private final String label;
    private final PostgresMessageQueue postgres;
    private final FileMessageQueue files;
    private final boolean clusterLimits;

    private QueueStore(
            MessageQueue queue,
            QueueJournal journal,
            String label,
            PostgresMessageQueue postgres,
            FileMessageQueue files,
            boolean clusterLimits) {
        this.clusterLimits = clusterLimits;
        this.queue = queue;
        this.journal = journal;
        this.label = label;
        this.postgres = postgres;
        this.files = files;
    }

    /**
     * Opens the queue of {@code workspace}. With PostgreSQL, connects and migrates the schema; when {@code sending} (a
     * runtime that sends the queue) registers as a new runtime and renews its leases.
     *
     * @throws IOException when the database cannot be reached or migrated (the message never holds the password)
     */
    public static QueueStore open(Workspace workspace, boolean sending) throws IOException {
        return open(workspace.directory(), workspace.queueSettings(), sending);
    }

    /** As {@link #open(Workspace, boolean)}, for a caller that holds only the folder and the settings (the console). */
    public static QueueStore open(Path workspaceFolder, QueueSettings settings, boolean sending) throws IOException {
        if (settings.store() == QueueSettings.Store.POSTGRESQL) {
            PostgresMessageQueue pg = PostgresMessageQueue.open(settings, newRuntimeId(), host(), LEASE, sending);
            return new QueueStore(
                    pg,
                    new QueueJournal(pg.journalSink()),
                    "postgresql " + pg.label(),
                    pg,
                    null,
                    settings.clusterLimits());
        }
        FileMessageQueue files = new FileMessageQueue(Workspace.queueDirectory(workspaceFolder));
        return new QueueStore(
                files,
                new QueueJournal(files.root()),
                workspaceFolder.relativize(files.root()).toString(),
                null,
                files,
                false);
    }

    /** A runtime's id in the queue database: host, process and a random part, e.g. {@code app1-4242-9f3a}. */
    static String newRuntimeId() {
        return host() + "-" + ProcessHandle.current().pid() + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name;
    }

    public MessageQueue queue() {
        return queue;
    }

    public QueueJournal journal() {
        return journal;
    }

    /** How messages name the queue: {@code data/queue}, or {@code postgresql <url> schema <schema>}. */
    public String label() {
        return label;
    }

    /**
     * The limits the connections share with the other runtimes of this queue (the PostgreSQL store), for the runtime's
     * {@code ConnectorContext}; empty for the file store, whose one runtime keeps its connections' limits alone, and
     * with {@code limits: runtime}.
     */
    public Optional<SharedLimits> sharedLimits() {
        return clusterLimits ? postgres().map(PostgresMessageQueue::sharedLimits) : Optional.empty();
    }

    /** The PostgreSQL store, for what only it has (the runtimes, the journal table); empty for the file store. */
    public Optional<PostgresMessageQueue> postgres() {
        return Optional.ofNullable(postgres);
    }

    /**
     * Blocks until every message added so far is visible to readers: the file store's group commit lays accepted
     * messages out a moment after they are durable; the PostgreSQL store's are visible at commit. Up to 30 s.
     */
    public void flush() {
        if (files != null) {
            files.flush();
        }
    }

    /**
     * Tells {@code listener} (the sender's wake-up) whenever accepted messages become visible to it: the file store's
     * group commit lays them out as files a moment after they are durable. The PostgreSQL store's messages are visible
     * at commit, so it never calls.
     */
    public void whenLaidOut(Runnable listener) {
        if (files != null) {
            files.whenLaidOut(listener);
        }
    }

    /**
     * Closes the store: the file store lays out what its intake log still holds (already durable) so it is visible
     * before the process ends; the PostgreSQL store closes its pool, handing this runtime's leases back. Never throws.
     */
    @Override
    public void close() {
        if (files != null) {
            files.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
