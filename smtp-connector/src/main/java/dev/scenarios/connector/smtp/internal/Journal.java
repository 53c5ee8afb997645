package dev.scenarios.connector.smtp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journal of one connection: {@code <dataDirectory>/journals/<systemName>.log}, rotated by size
 * into {@code .log.1} (newest) … {@code .log.N} (oldest). Appends are synchronized and written
 * through at once, so {@link #read} sees every finished entry. Entries are text the caller has
 * already redacted. The folder is created 700 and the files 600, whatever the umask.
 */
public final class Journal {

    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_KEEP = 5;

    /** One lock per file: a check and an open connection of the same name may append concurrently. */
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final long maxBytes;
    private final int keep;

    public Journal(Path dataDirectory, String systemName) {
        this(dataDirectory, systemName, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
    }

    Journal(Path dataDirectory, String systemName, long maxBytes, int keep) {
        this.file = file(dataDirectory, systemName);
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** Appends {@code entry} (a newline is added if missing), rotating first when the file is full. Does I/O. */
    public void append(String entry) {
        synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            write(entry);
        }
    }

    private void write(String entry) {
        String text = entry.endsWith("\n") ? entry : entry + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            createOwnerOnly(file);
            if (Files.size(file) + bytes.length > maxBytes) {
                rotate();
                createOwnerOnly(file);
            }
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    /**
     * Creates the journals folder (700) and the file (600) if missing. The modes are set after
     * creation, so the umask cannot widen them: a journal holds recipients and SMTP dialogues.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            setMode(folder, "rwx------");
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file);
                setMode(file, "rw-------");
            } catch (FileAlreadyExistsException e) {
                // another process created it at the same moment, with these same modes
            }
        }
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
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
        return parts.isEmpty() ? InputStream.nullInputStream() : new SequenceInputStream(Collections.enumeration(parts));
    }

    static Path file(Path dataDirectory, String systemName) {
        return dataDirectory.resolve("journals").resolve(systemName + ".log");
    }

    private static Path rotated(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
