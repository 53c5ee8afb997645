package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's history, one line per event in the log and in the store's journal ({@code <queue>/events.log} for the
 * file store, the table {@code queue_event} for PostgreSQL): {@code 2026-11-27T18:20:00Z QUEUED mwzb1rvw-8d77e0a1
 * <Message-ID> path=orders ...}. Events: QUEUED, SENT, DEFERRED, POSSIBLE_DUPLICATE, DEAD, DAMAGED, RETRY, PURGED.
 * Never holds message content or secrets. Thread-safe; a journal that cannot be written is logged and otherwise ignored
 * (it is evidence, not state).
 */
public final class QueueJournal {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJournal.class);

    /** Where a journal's lines are kept. Implementations do I/O and are called under the journal's lock. */
    public interface Sink {
        /** Appends {@code line}, event {@code event} about queue id {@code id}, written at {@code at}. */
        void append(Instant at, String event, String id, String line) throws IOException;

        /** Which of {@code ids} have a line of event {@code event}, e.g. SENT. */
        Set<String> recorded(String event, Set<String> ids) throws IOException;

        /** How a warning names the journal, e.g. its file. */
        String describe();
    }

    private final Sink sink;
    private final AtomicLong writeErrors = new AtomicLong();
    private boolean failing;

    /** The journal of the file queue in {@code queueRoot}: {@code events.log}. No I/O. */
    public QueueJournal(Path queueRoot) {
        this(new FileSink(queueRoot.resolve("events.log")));
    }

    /** A journal written to {@code sink}, e.g. the PostgreSQL store's table. No I/O. */
    public QueueJournal(Sink sink) {
        this.sink = sink;
    }

    /**
     * Which of {@code ids} the journal records as SENT: after a crash between journaling a delivery and removing its
     * files, the message must be neither sent again nor journaled twice. Reads the whole journal (only at start, and
     * only when messages were left SENDING). Does I/O.
     */
    public synchronized Set<String> sent(Set<String> ids) {
        if (ids.isEmpty()) {
            return new HashSet<>();
        }
        try {
            return sink.recorded("SENT", ids);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot read the queue journal {}: {}", sink.describe(), e.toString());
            return new HashSet<>();
        }
    }

    /**
     * Which of {@code ids} the journal records with event {@code event}: for {@code scenario queue --import}, the
     * exported messages imported before (IMPORTED). Reads the whole journal. Does I/O.
     *
     * @throws IOException when the journal cannot be read: the caller cannot tell, so it must not go on
     */
    public synchronized Set<String> recorded(String event, Set<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return new HashSet<>();
        }
        try {
            return sink.recorded(event, ids);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Appends {@code event} about {@code message} with {@code detail} (one line; line breaks are flattened). Does I/O.
     */
    public synchronized void record(Instant at, String event, QueuedMessage message, String detail) {
        String line = line(at, event, message, detail);
        if (event.equals("DEAD") || event.equals("DAMAGED") || event.equals("POSSIBLE_DUPLICATE")) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        try {
            sink.append(at, event, message.id(), line);
            failing = false;
        } catch (IOException | RuntimeException e) {
            writeErrors.incrementAndGet();
            // Once per failing spell, not once per message: the events themselves are still logged above.
            if (!failing) {
                LOG.warn("cannot write the queue journal {}: {}", sink.describe(), e.toString());
            }
            failing = true;
        }
    }

    /** How many lines could not be written since this journal was created (for the metrics). */
    public long writeErrors() {
        return writeErrors.get();
    }

    /** The journal line of {@code event} about {@code message} with {@code detail}, line breaks flattened. Pure. */
    static String line(Instant at, String event, QueuedMessage message, String detail) {
        return at.truncatedTo(ChronoUnit.MILLIS) + " " + event + " " + message.id() + " " + message.messageId()
                + " path=" + message.path() + (detail.isEmpty() ? "" : " " + detail.replaceAll("[\\r\\n]+", " "));
    }

    /** The file store's journal: {@code events.log}, appended to durably. */
    private record FileSink(Path file) implements Sink {

        @Override
        public void append(Instant at, String event, String id, String line) throws IOException {
            AtomicFiles.createFolder(file.getParent());
            AtomicFiles.append(file, (line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Set<String> recorded(String event, Set<String> ids) throws IOException {
            Set<String> found = new HashSet<>();
            if (!Files.exists(file)) {
                return found;
            }
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    String[] words = line.split(" ", 4);
                    if (words.length >= 3 && words[1].equals(event) && ids.contains(words[2])) {
                        found.add(words[2]);
                    }
                });
            }
            return found;
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }
}
