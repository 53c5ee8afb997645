package dev.scenarios.runtime.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durable whole-file writes: a file is either its old content or its new one after a crash, never
 * half written. Write a temporary file next to the target, force it to disk, rename it over the
 * target atomically, then force the folder so the rename itself survives a power cut. The one
 * writer of whole files in the runtime: the queue, the console's object files and rotated secrets.
 */
public final class AtomicFiles {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} durably. Does I/O; throws when the folder cannot be written or the disk is full. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, new FileAttribute<?>[0]);
    }

    /**
     * Like {@link #write(Path, byte[])}, and the file is readable and writable by its owner only
     * where the file system has POSIX permissions (elsewhere the folder's own permissions apply).
     * For secrets, and for files that may name where secrets are.
     */
    public static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
        boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
        write(target, bytes, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0]);
    }

    private static void write(Path target, byte[] bytes, FileAttribute<?>[] attributes) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceFolder(dir);
    }

    /** Deletes {@code file} if present, durably; true if it was there. */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            forceFolder(file.getParent());
        }
        return deleted;
    }

    /** Flushes a folder's entries (creations, renames, deletions) to disk. Windows cannot open folders: its NTFS journals renames. */
    static void forceFolder(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
