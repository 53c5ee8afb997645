package dev.scenarios.connector.imap.internal.journal;

import dev.scenarios.connector.api.ConnectorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The journal of one {@code imap} connection: {@code journals/<systemName>.log} under the host's data directory, one
 * line per event (a check, a mail handed, acknowledged, moved). {@code full} writes every event, {@code errors} only
 * failures, {@code off} nothing. Lines never hold a password or a mail's content: only UIDs, Message-IDs, folders and
 * reasons. A failed write is reported to the host ({@link ConnectorContext#journalFailed}) and changes nothing else.
 * Thread-safe.
 */
public final class Journal {

    private final ConnectorContext context;
    private final String systemName;
    private final String level;
    private final Path file;

    public Journal(ConnectorContext context, String systemName, String level) {
        this.context = context;
        this.systemName = systemName;
        this.level = level;
        this.file = context.dataDirectory().resolve("journals").resolve(systemName + ".log");
    }

    /** Appends {@code text} (one line, CR/LF replaced) if the level asks for it. Does file I/O; never throws. */
    public synchronized void write(boolean failure, String text) {
        if ("off".equals(level) || ("errors".equals(level) && !failure)) {
            return;
        }
        String line = Instant.now(context.clock()).toString() + (failure ? " ERROR " : " ")
                + text.replaceAll("[\\r\\n]+", " ") + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            context.journalFailed(systemName, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The journal of {@code systemName}, or an empty stream when nothing was written. Reads a file. */
    public static InputStream read(Path dataDirectory, String systemName) throws IOException {
        Path file = dataDirectory.resolve("journals").resolve(systemName + ".log");
        return Files.exists(file) ? Files.newInputStream(file) : new ByteArrayInputStream(new byte[0]);
    }
}
