package dev.scenarios.runtime.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable whole-file writes: a file is either its old content or its new one after a crash, never half written. Write a
 * temporary file next to the target, force it to disk, rename it over the target atomically, then force the folder so
 * the rename itself survives a power cut. Files are created owner-only (600) and folders 700 whatever the umask: queued
 * mail holds addresses and content, and console-written files may name where secrets are. The one writer of whole files
 * in the runtime: the queue, the console's object files and stored secrets.
 */
public final class AtomicFiles {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] OWNER_FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    private static final ConcurrentHashMap<Path, FolderSync> FOLDER_SYNCS = new ConcurrentHashMap<>();
    private static final FileAttribute<?>[] OWNER_FOLDER = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];

    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to {@code target} durably. Does I/O; throws when the folder cannot be written or the disk is
     * full.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, true);
        FOLDER_SYNCS
                .computeIfAbsent(target.getParent().toAbsolutePath().normalize(), FolderSync::new)
                .force();
    }

    /**
     * Writes {@code bytes} to {@code target} atomically (a temporary file renamed over it) but forces nothing: for a
     * caller that holds a durable copy elsewhere (the queue's intake log) and forces the folder once for a whole batch
     * with {@link #forceFolder}. After a power cut the file may be empty. Does I/O.
     */
    public static void writeUnforced(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, false);
    }

    private static void replace(Path target, byte[] bytes, boolean force) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(
                    temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_FILE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (force) {
                    out.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Opens {@code file} for appending, creating it owner-only (600). The caller closes it. Does I/O. */
    public static FileChannel openForAppend(Path file) throws IOException {
        return FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                OWNER_FILE);
    }

    /** Forces the content of the existing {@code file} to disk (one written by {@link #writeUnforced}). Does I/O. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Whether the queue commits in groups: new messages go through its intake log (one forced append per batch) and
     * concurrent writes share their folder's {@code fsync}. On by default; the system property
     * {@code dev.scenarios.queue.groupCommit=false} makes each new message force its own two files and every write
     * force its folder itself, which {@code ./benchmark --queued} measures for comparison.
     */
    public static boolean groupCommit() {
        return !"false".equals(System.getProperty("dev.scenarios.queue.groupCommit"));
    }

    /**
     * One folder's shared {@code fsync}: a writer whose rename is done takes a ticket; whoever holds the lock forces
     * the folder for every ticket taken before it started, so writers renaming at the same time pay one {@code fsync}
     * between them, and none returns before its own rename is durable.
     */
    private static final class FolderSync {
        private final Path dir;
        private final AtomicLong requested = new AtomicLong();
        private long synced;

        FolderSync(Path dir) {
            this.dir = dir;
        }

        void force() throws IOException {
            if (!groupCommit()) {
                forceFolder(dir);
                return;
            }
            long ticket = requested.incrementAndGet();
            synchronized (this) {
                if (synced >= ticket) {
                    return;
                }
                long covered = requested.get();
                forceFolder(dir);
                synced = covered;
            }
        }
    }

    /**
     * Appends {@code bytes} to {@code file}, creating it owner-only; not forced to disk (a journal line, not state).
     * Does I/O.
     */
    public static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel out = openForAppend(file)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    /** Creates {@code dir} and missing parents owner-only (700) if absent. Does I/O. */
    public static void createFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, OWNER_FOLDER);
        }
    }

    /** Renames {@code from} to {@code to} atomically (replacing it) and forces both folders. Does I/O. */
    public static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(to.getParent());
        forceFolder(from.getParent());
    }

    /** Deletes {@code file} if present, durably; true if it was there. */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            forceFolder(file.getParent());
        }
        return deleted;
    }

    /**
     * Flushes a folder's entries (creations, renames, deletions) to disk. Windows cannot open folders: its NTFS
     * journals renames.
     */
    public static void forceFolder(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
