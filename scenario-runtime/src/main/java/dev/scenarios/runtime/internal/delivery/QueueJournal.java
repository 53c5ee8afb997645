package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.QueuedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's history, one line per event in {@code <queue>/events.log} and in the log:
 * {@code 2026-11-27T18:20:00Z QUEUED mwzb1rvw-8d77e0a1 <Message-ID> path=orders ...}. Events: QUEUED,
 * SENT, DEFERRED, POSSIBLE_DUPLICATE, DEAD, RETRY, PURGED. Never holds message content or secrets.
 * Thread-safe; a journal that cannot be written is logged and otherwise ignored (it is evidence,
 * not state).
 */
public final class QueueJournal {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJournal.class);

    private final Path file;
    private final AtomicLong writeErrors = new AtomicLong();

    /** The journal of the queue in {@code queueRoot}. No I/O. */
    public QueueJournal(Path queueRoot) {
        this.file = queueRoot.resolve("events.log");
    }

    /** Appends {@code event} about {@code message} with {@code detail} (one line; line breaks are flattened). Does I/O. */
    public synchronized void record(Instant at, String event, QueuedMessage message, String detail) {
        String line = at.truncatedTo(ChronoUnit.MILLIS) + " " + event + " " + message.id() + " " + message.messageId()
                + " path=" + message.path() + (detail.isEmpty() ? "" : " " + detail.replaceAll("[\\r\\n]+", " "));
        if (event.equals("DEAD") || event.equals("POSSIBLE_DUPLICATE")) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            writeErrors.incrementAndGet();
            LOG.warn("cannot write the queue journal {}: {}", file, e.toString());
        }
    }

    /** How many lines could not be written since this journal was created (for the metrics). */
    public long writeErrors() {
        return writeErrors.get();
    }
}
