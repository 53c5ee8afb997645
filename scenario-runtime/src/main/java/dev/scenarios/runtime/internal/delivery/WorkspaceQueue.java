package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.QueueSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The one queue store of a process that does not send (the console): opened at first use as {@code workspace.yaml}
 * says, kept for later calls, reopened only when the queue's settings change, and closed with the process. Without it
 * every {@code GET /api/queue} and every metrics scrape would open a PostgreSQL pool and run the schema migration
 * again. Thread-safe.
 */
public final class WorkspaceQueue implements AutoCloseable {

    private final Path workspaceFolder;
    private final Supplier<QueueSettings> settings;
    private QueueStore store;
    private QueueSettings openedWith;
    private boolean closed;

    /**
     * No I/O until {@link #store()}.
     *
     * @param workspaceFolder the workspace
     * @param settings reads the queue settings of {@code workspace.yaml}, at each call (the file may change)
     */
    public WorkspaceQueue(Path workspaceFolder, Supplier<QueueSettings> settings) {
        this.workspaceFolder = workspaceFolder;
        this.settings = settings;
    }

    /**
     * The store as {@code workspace.yaml} now says: the one already open when its settings did not change. Reads the
     * settings; opens the store (with PostgreSQL: a pool and the migration) only the first time and after a change. The
     * caller must not close it.
     *
     * @return the open store
     * @throws IOException when the store cannot be opened (the message never holds the password)
     */
    public synchronized QueueStore store() throws IOException {
        if (closed) {
            throw new IOException("the queue is closed");
        }
        QueueSettings now = settings.get();
        if (store == null || !now.equals(openedWith)) {
            QueueStore opened = QueueStore.open(workspaceFolder, now, false);
            if (store != null) {
                store.close();
            }
            store = opened;
            openedWith = now;
        }
        return store;
    }

    /** Closes the store if one is open. Never throws. */
    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
