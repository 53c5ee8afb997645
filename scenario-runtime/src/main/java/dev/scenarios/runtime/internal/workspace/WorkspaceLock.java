package dev.scenarios.runtime.internal.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a runtime holds on {@code <workspace>/data/runtime.lock} while it runs the workspace's scenarios and sends
 * its queue: two such runtimes would run every scenario twice and could send a queued message twice. An OS file lock,
 * so it is released when the process ends, however it ends. A one-off {@code scenario send}, which only adds to the
 * queue, takes none.
 */
public final class WorkspaceLock implements AutoCloseable {

    /** Another runtime holds the lock. */
    public static final class Held extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Held(Path file) {
            super("another runtime is already running this workspace (it holds " + file
                    + "); run one runtime per workspace");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the workspace whose data folder is {@code dataDirectory}, creating the folder and the file if
     * needed. Does file I/O; never waits.
     *
     * @throws Held when another runtime, in this process or another, holds it
     * @throws IOException when the file cannot be created or locked
     */
    public static WorkspaceLock acquire(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve("runtime.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new Held(file);
        }
        return new WorkspaceLock(channel, lock);
    }

    /** Releases the lock. Never throws. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process still holds nothing it could release: closing the channel drops the lock.
        }
    }
}
