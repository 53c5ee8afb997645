package dev.scenarios.connector.smtp.internal.journal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The journal of one connection: {@code <dataDirectory>/journals/<systemName>.log}, rotated by size into {@code .log.1}
 * (newest) … {@code .log.N} (oldest). Appends are synchronized and written through at once, so {@link #read} sees every
 * finished entry. Entries are text the caller has already redacted. A write that fails (read-only folder, full disk)
 * never fails the send or check it records: it is handed to the failure listener (the host reports it) and the entry is
 * lost.
 */
public final class Journal {

    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_KEEP = 5;

    /** One lock per file: a check and an open connection of the same name may append concurrently. */
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final Consumer<String> onFailure;

    /** @param onFailure told what failed when an entry cannot be written (e.g. the host's {@code journalFailed}) */
    public Journal(Path dataDirectory, String systemName, Consumer<String> onFailure) {
        this(dataDirectory, systemName, DEFAULT_MAX_BYTES, DEFAULT_KEEP, onFailure);
    }

    Journal(Path dataDirectory, String systemName, long maxBytes, int keep, Consumer<String> onFailure) {
        this.file = file(dataDirectory, systemName);
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.onFailure = onFailure;
    }

    /**
     * Appends {@code entry} (a newline is added if missing), rotating first when the file is full. Does I/O; never
     * throws for an I/O failure (see the class comment).
     */
    public void append(String entry) {
        synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            try {
                write(entry);
            } catch (UncheckedIOException e) {
                onFailure.accept(e.getMessage() + ": " + e.getCause());
            }
        }
    }

    private void write(String entry) {
        String text = entry.endsWith("\n") ? entry : entry + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), OwnerOnly.folder());
            }
            if (Files.exists(file) && Files.size(file) + bytes.length > maxBytes) {
                rotate();
            }
            // Owner-only whatever the umask: a journal holds addresses and server dialogues.
            try (SeekableByteChannel out = Files.newByteChannel(
                    file,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    OwnerOnly.file())) {
                out.write(ByteBuffer.wrap(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(file, keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = rotated(file, i);
            if (Files.exists(from)) {
                Files.move(from, rotated(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The journal files of {@code systemName} concatenated, oldest first; an empty stream if none. Opens files. */
    public static InputStream read(Path dataDirectory, String systemName) throws IOException {
        Path current = file(dataDirectory, systemName);
        List<Path> files = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path p = rotated(current, i);
            if (!Files.exists(p)) {
                break;
            }
            files.add(p);
        }
        Collections.reverse(files);
        if (Files.exists(current)) {
            files.add(current);
        }
        // Read whole files now: a rotation while the caller reads must not tear the stream.
        List<InputStream> parts = new ArrayList<>();
        for (Path p : files) {
            parts.add(new ByteArrayInputStream(Files.readAllBytes(p)));
        }
        return parts.isEmpty()
                ? InputStream.nullInputStream()
                : new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Owner-only permissions for new journal files and folders (none on file systems without POSIX permissions). */
    private static final class OwnerOnly {
        private static final boolean POSIX =
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

        static FileAttribute<?>[] file() {
            return POSIX
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                    }
                    : new FileAttribute<?>[0];
        }

        static FileAttribute<?>[] folder() {
            return POSIX
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                    }
                    : new FileAttribute<?>[0];
        }
    }

    static Path file(Path dataDirectory, String systemName) {
        return dataDirectory.resolve("journals").resolve(systemName + ".log");
    }

    private static Path rotated(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
