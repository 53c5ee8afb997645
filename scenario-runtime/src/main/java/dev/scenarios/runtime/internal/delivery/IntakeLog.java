package dev.scenarios.runtime.internal.delivery;

import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the queue (issue 14). A step's message is appended, with every other message that arrived while the
 * previous batch was being forced, to this process's segment {@code <queue>/intake/<name>.log}, which is forced once
 * per batch; the step returns then. A background writer lays the messages out afterwards, in bulk, as the per-message
 * files the sender and {@code scenario queue} read ({@link Layout}): content files, their folder forced once, the state
 * files and their folder, then a <em>laid-out</em> marker per message appended to its segment (not forced). A message
 * with a marker but no files was delivered or purged; one without a marker is laid out again by {@link #recover} unless
 * its state file exists or the journal says it was delivered (sent in the moment before its marker).
 *
 * <p>The sender writes here too: before each attempt it commits an <em>attempt note</em> ({@link Entry#attempt}) in the
 * same batches as the steps' messages, so steps and sender threads share one {@code fdatasync}, and the sender writes
 * the message's state files themselves unforced (see {@link FileMessageQueue#claim}). After a power cut the notes tell
 * {@link #recover} which messages may have been transmitted whatever their state files say.
 *
 * <p>Each process holds a lock on the segments it writes (a rotated one until its messages are laid out), so recovery
 * touches only the segments of writers that are gone. A segment is used for at most {@link #SEGMENT_AGE} or
 * {@link #SEGMENT_BYTES}; one no writer holds whose messages have all left {@code live/} is retired (the files still
 * there, of its messages and of those it holds attempt notes for, are forced first). Memory: at most
 * {@link #MAX_AWAITING_LAYOUT} messages or {@link #MAX_AWAITING_BYTES} of content wait for layout; producers beyond
 * that wait. Record: {@code #scenario-queue-record 1 <id> <length>\n} + the content file's bytes + {@code \n}; marker:
 * {@code #scenario-queue-laid-out 1 <id>\n}; attempt note: {@code #scenario-queue-attempt 1 <id> <attempt>\n}; a record
 * cut short by a crash ends its segment.
 */
final class IntakeLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeLog.class);
    private static final byte[] RECORD = "#scenario-queue-record 1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MARKER = "#scenario-queue-laid-out 1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTEMPT = "#scenario-queue-attempt 1 ".getBytes(StandardCharsets.US_ASCII);
    static final Duration SEGMENT_AGE = Duration.ofSeconds(30);
    static final long SEGMENT_BYTES = 64L << 20;
    static final int MAX_AWAITING_LAYOUT = 4096;
    static final long MAX_AWAITING_BYTES = 16L << 20;

    /**
     * How the queue lays out a bulk of durable messages; calls {@link #markLaidOut} once their state files are written.
     */
    @FunctionalInterface
    interface Layout {
        void layOut(List<Entry> entries) throws IOException;
    }

    /** What a recovery does with a segment's messages, holding the segment's lock. */
    interface Recovery {
        /** Which of {@code ids} the queue's journal records as delivered. */
        Set<String> delivered(Set<String> ids);

        /**
         * Lays out again a message whose marker is missing, unless its state file exists or it was {@code delivered}
         * (laid out, sent and removed before the marker was written).
         */
        void layOutAgain(String id, byte[] stored, boolean delivered) throws IOException;

        /** Checks a laid-out message's files (e.g. restores one a power cut left empty). */
        void check(String id, byte[] stored) throws IOException;

        /**
         * At start: the sender of a stopped process recorded attempt {@code attempt} at message {@code id} before
         * transmitting it; makes sure the message is not found as if never tried (its state file, written unforced, may
         * have been lost to a power cut), so that the start flags it a possible duplicate.
         */
        void attempted(String id, int attempt) throws IOException;

        /** Whether message {@code id} is still to be delivered (keeps its segment). */
        boolean stillLive(String id);

        /**
         * Forces to disk whatever is left of the messages accepted ({@code accepted}) or attempted ({@code attempted})
         * in a segment about to go, with their folders: from then on their files alone are the durable truth.
         */
        void retiring(List<String> accepted, Set<String> attempted) throws IOException;
    }

    /**
     * One record handed to {@link #commit}: an accepted message (to lay out), or the sender's note that it is about to
     * make attempt {@link #attempt} at a message ({@link #attempt(String, int)}; nothing to lay out).
     */
    static final class Entry {
        final String id;
        final byte[] stored;
        final byte[] state;
        /** The attempt about to be made, or 0 for an accepted message. */
        final int attempt;
        /** Set by the layout once the state file is written: a retried layout never writes it again. */
        boolean stateWritten;

        private Segment segment;
        private IOException failure;
        private boolean done;

        Entry(String id, byte[] stored, byte[] state) {
            this(id, stored, state, 0);
        }

        private Entry(String id, byte[] stored, byte[] state, int attempt) {
            this.id = id;
            this.stored = stored;
            this.state = state;
            this.attempt = attempt;
        }

        /** The note that attempt {@code attempt} (1 for the first) at message {@code id} is about to start. */
        static Entry attempt(String id, int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1: " + attempt);
            }
            return new Entry(id, null, null, attempt);
        }

        boolean isAttempt() {
            return attempt > 0;
        }
    }

    /** A segment this process writes, locked while it does and until its messages are laid out. */
    private static final class Segment {
        final Path file;
        final FileChannel channel;
        final FileLock lock;
        final Instant opened;
        int awaitingLayout;

        Segment(Path file, FileChannel channel, FileLock lock, Instant opened) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.opened = opened;
        }

        void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                LOG.warn("cannot close the queue's intake segment {}: {}", file, e.toString());
            }
        }
    }

    private final Path folder;
    private final Layout layout;
    private final Object leader = new Object();
    /** Guarded by this: callers waiting for the next batch. */
    private List<Entry> waiting = new ArrayList<>();
    /** Guarded by {@link #leader}: the segment batches go to; older ones still awaiting layout. */
    private Segment current;

    private final List<Segment> rotated = new ArrayList<>();
    /** Guarded by {@link #pending}: durable messages awaiting layout. */
    private final Deque<Entry> pending = new ArrayDeque<>();
    /** Guarded by {@link #pending}: the content bytes it holds. */
    private long pendingBytes;

    private Thread writer;
    private boolean closed;

    /** The log in {@code folder}; {@code layout} lays out each bulk. No I/O. */
    IntakeLog(Path folder, Layout layout) {
        this.folder = folder;
        this.layout = layout;
    }

    /**
     * Makes {@code entry} durable with whatever else is waiting, then queues it for layout. Blocks until it is durable
     * (and while too many messages await layout); does I/O. Throws if its batch could not be forced: the message is
     * then not queued.
     */
    void commit(Entry entry) throws IOException {
        synchronized (pending) {
            // An attempt note lays nothing out: the sender that writes it is what drains the queue, never held back.
            while (!entry.isAttempt()
                    && !pending.isEmpty()
                    && (pending.size() >= MAX_AWAITING_LAYOUT || pendingBytes >= MAX_AWAITING_BYTES)
                    && !closed) {
                try {
                    pending.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the queue's intake was full");
                }
            }
            if (closed) {
                throw new IOException("the queue is closed");
            }
        }
        synchronized (this) {
            waiting.add(entry);
        }
        synchronized (leader) {
            if (!entry.done) {
                List<Entry> entries;
                synchronized (this) {
                    entries = waiting;
                    waiting = new ArrayList<>();
                }
                try {
                    append(entries);
                    List<Entry> accepted =
                            entries.stream().filter(e -> !e.isAttempt()).toList();
                    if (!accepted.isEmpty()) {
                        synchronized (pending) {
                            pending.addAll(accepted);
                            accepted.forEach(e -> pendingBytes += e.stored.length);
                            startWriter();
                            pending.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    entries.forEach(each -> each.failure = e);
                }
                entries.forEach(each -> each.done = true);
            }
        }
        if (entry.failure != null) {
            throw new IOException(entry.failure.getMessage(), entry.failure);
        }
    }

    /** Appends {@code entries} to the current segment (a new one when due) and forces it once. Called by the leader. */
    private void append(List<Entry> entries) throws IOException {
        Instant now = Instant.now();
        if (current == null
                || now.isAfter(current.opened.plus(SEGMENT_AGE))
                || current.channel.size() > SEGMENT_BYTES) {
            if (current != null && current.awaitingLayout == 0) {
                // Nothing of it awaits layout (e.g. it holds only attempt notes): released now, for recovery to retire.
                current.close();
            } else if (current != null) {
                rotated.add(current);
            }
            current = null;
            AtomicFiles.createFolder(folder);
            Path file = folder.resolve(Long.toString(now.toEpochMilli(), 36) + "-"
                    + String.format("%08x", ThreadLocalRandom.current().nextInt()) + ".log");
            FileChannel channel = AtomicFiles.openForAppend(file);
            current = new Segment(file, channel, channel.lock(), now);
            AtomicFiles.forceFolder(folder);
        }
        long start = current.channel.size();
        try {
            for (Entry e : entries) {
                if (e.isAttempt()) {
                    writeFully(
                            current.channel,
                            (new String(ATTEMPT, StandardCharsets.US_ASCII) + e.id + " " + e.attempt + "\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                writeFully(
                        current.channel,
                        (new String(RECORD, StandardCharsets.US_ASCII) + e.id + " " + e.stored.length + "\n")
                                .getBytes(StandardCharsets.US_ASCII));
                writeFully(current.channel, e.stored);
                writeFully(current.channel, new byte[] {'\n'});
            }
            current.channel.force(false);
        } catch (IOException e) {
            // Records after a torn one could never be read back: cut it off, or start a new segment next time.
            try {
                current.channel.truncate(start);
            } catch (IOException ignored) {
                rotated.add(current);
                current = null;
            }
            throw e;
        }
        for (Entry e : entries) {
            if (!e.isAttempt()) {
                e.segment = current;
                current.awaitingLayout++;
            }
        }
    }

    /**
     * Appends a laid-out marker for each of {@code entries} to its segment, unforced: the next batch's force carries
     * it, and a marker a power cut loses only makes {@link #recover} check that message (its state file, the journal)
     * again. Called by the queue's layout once the state files are written. Does I/O.
     */
    void markLaidOut(List<Entry> entries) throws IOException {
        synchronized (leader) {
            for (Entry e : entries) {
                writeFully(e.segment.channel, marker(e.id));
            }
        }
    }

    private static byte[] marker(String id) {
        return (new String(MARKER, StandardCharsets.US_ASCII) + id + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void startWriter() {
        if (writer == null) {
            writer = new Thread(this::layOutLoop, "queue-intake");
            writer.setDaemon(true);
            writer.start();
        }
    }

    /** The background writer: lays out whatever is pending, in bulk, until closed and drained. */
    private void layOutLoop() {
        while (true) {
            List<Entry> bulk;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                bulk = new ArrayList<>(pending);
            }
            try {
                layout.layOut(bulk);
            } catch (IOException | RuntimeException e) {
                // Durable in the segment: tried again shortly; a restart lays them out too.
                LOG.warn("cannot lay out {} queued messages yet: {}", bulk.size(), e.toString());
                synchronized (pending) {
                    try {
                        pending.wait(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    if (closed) {
                        return;
                    }
                }
                continue;
            }
            synchronized (leader) {
                for (Entry e : bulk) {
                    e.segment.awaitingLayout--;
                }
                rotated.removeIf(s -> {
                    if (s.awaitingLayout == 0) {
                        s.close();
                        return true;
                    }
                    return false;
                });
            }
            synchronized (pending) {
                for (int i = 0; i < bulk.size(); i++) {
                    pendingBytes -= pending.poll().stored.length;
                }
                pending.notifyAll();
            }
        }
    }

    /**
     * How many messages the segments hold that are not laid out yet (accepted a moment ago, or by a process that
     * stopped before laying them out). Reads every segment's headers; does I/O.
     */
    int awaitingLayout() throws IOException {
        int count = 0;
        for (Path s : segments()) {
            Set<String> marked = new HashSet<>();
            List<String> ids = new ArrayList<>();
            read(s, (id, stored) -> ids.add(id), marked::add, (id, n) -> {}, false);
            count += (int) ids.stream().filter(id -> !marked.contains(id)).count();
        }
        return count;
    }

    /** Blocks until every message committed so far is laid out (visible to readers), for up to 30 s. */
    void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (pending) {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                try {
                    pending.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Lays out what this process accepted and has not laid out yet, then releases its segments (their messages are then
     * durable and visible). Waits up to 30 s; never throws.
     */
    @Override
    public void close() {
        Thread w;
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
            w = writer;
        }
        if (w != null) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (leader) {
            if (current != null && (w == null || !w.isAlive())) {
                rotated.add(current);
                current = null;
            }
            rotated.removeIf(s -> {
                if (w == null || !w.isAlive()) {
                    s.close();
                    return true;
                }
                return false;
            });
        }
    }

    /**
     * Recovers the segments no live writer holds (a crash, or writers that have finished): lays out again each message
     * without a marker and marks it, has every marked one checked if {@code checkLaidOut} (at start: reads every
     * record), then retires the segment when none of its messages is still live. Called at start and from time to time.
     * Does I/O.
     */
    void recover(Recovery recovery, boolean checkLaidOut) throws IOException {
        synchronized (leader) {
            if (current != null && current.awaitingLayout == 0) {
                // All laid out, or only attempt notes (a runtime that drains the queue accepts nothing): released, so
                // that it goes below once its messages have left the queue; the next commit opens a new segment.
                current.close();
                current = null;
            }
        }
        for (Path s : segments()) {
            synchronized (leader) {
                if (current != null && current.file.equals(s)
                        || rotated.stream().anyMatch(r -> r.file.equals(s))) {
                    continue;
                }
            }
            try (FileChannel channel = FileChannel.open(s, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException inThisJvm) {
                    continue;
                }
                if (lock == null) {
                    continue;
                }
                recover(s, channel, recovery, checkLaidOut);
            } catch (NoSuchFileException gone) {
                // Retired meanwhile.
            }
        }
    }

    private void recover(Path s, FileChannel channel, Recovery recovery, boolean checkLaidOut) throws IOException {
        Set<String> marked = new HashSet<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        long end =
                read(s, (id, stored) -> ids.add(id), marked::add, (id, n) -> attempts.merge(id, n, Math::max), false);
        if (end < channel.size()) {
            // A record torn by a crash (its caller was never answered): cut off, so that markers can follow.
            channel.truncate(end);
        }
        boolean markedAny = false;
        List<String> laidOutAgain = new ArrayList<>();
        Set<String> unmarked = new HashSet<>(ids);
        unmarked.removeAll(marked);
        Set<String> delivered = unmarked.isEmpty() ? Set.of() : recovery.delivered(unmarked);
        if (checkLaidOut || !unmarked.isEmpty()) {
            read(
                    s,
                    (id, stored) -> {
                        if (!marked.contains(id)) {
                            recovery.layOutAgain(id, stored, delivered.contains(id));
                            laidOutAgain.add(id);
                        } else if (checkLaidOut) {
                            recovery.check(id, stored);
                        }
                    },
                    id -> {},
                    (id, n) -> {},
                    true);
        }
        if (checkLaidOut) {
            for (Map.Entry<String, Integer> a : attempts.entrySet()) {
                recovery.attempted(a.getKey(), a.getValue());
            }
        }
        for (String id : laidOutAgain) {
            writeFully(channel.position(channel.size()), marker(id));
            markedAny = true;
        }
        if (markedAny) {
            channel.force(false);
            LOG.info(
                    "checked {} queued messages a stopped process had accepted but not marked laid out (from {})",
                    laidOutAgain.size(),
                    s.getFileName());
        }
        if (ids.stream().anyMatch(recovery::stillLive)) {
            return;
        }
        recovery.retiring(ids, attempts.keySet());
        AtomicFiles.delete(s);
    }

    private static void writeFully(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private List<Path> segments() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.log")) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    @FunctionalInterface
    private interface RecordReader {
        void record(String id, byte[] stored) throws IOException;
    }

    @FunctionalInterface
    private interface MarkerReader {
        void marker(String id);
    }

    @FunctionalInterface
    private interface AttemptReader {
        void attempt(String id, int attempt);
    }

    /**
     * Reads {@code s} until its end or a torn record; {@code withContent} false skips the bytes.
     *
     * @return the offset where the intact records end
     */
    private static long read(
            Path s, RecordReader records, MarkerReader markers, AttemptReader attempts, boolean withContent)
            throws IOException {
        long offset = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(s), 64 * 1024)) {
            while (true) {
                byte[] header = line(in);
                if (header == null) {
                    return offset;
                }
                if (startsWith(header, MARKER)) {
                    markers.marker(new String(
                            header, MARKER.length, header.length - MARKER.length, StandardCharsets.US_ASCII));
                    offset += header.length + 1;
                    continue;
                }
                if (startsWith(header, ATTEMPT)) {
                    String[] words = new String(
                                    header, ATTEMPT.length, header.length - ATTEMPT.length, StandardCharsets.US_ASCII)
                            .split(" ");
                    try {
                        attempts.attempt(words[0], Integer.parseInt(words[1]));
                    } catch (RuntimeException e) {
                        return offset;
                    }
                    offset += header.length + 1;
                    continue;
                }
                if (!startsWith(header, RECORD)) {
                    return offset;
                }
                String[] words = new String(
                                header, RECORD.length, header.length - RECORD.length, StandardCharsets.US_ASCII)
                        .split(" ");
                int length;
                try {
                    length = words.length == 2 ? Integer.parseInt(words[1]) : -1;
                } catch (NumberFormatException e) {
                    return offset;
                }
                if (length < 0) {
                    return offset;
                }
                byte[] stored = null;
                try {
                    if (withContent) {
                        stored = in.readNBytes(length);
                        if (stored.length < length) {
                            return offset;
                        }
                    } else {
                        in.skipNBytes(length);
                    }
                } catch (EOFException e) {
                    return offset;
                }
                if (in.read() != '\n') {
                    return offset;
                }
                records.record(words[0], stored);
                offset += header.length + 1 + length + 1;
            }
        } catch (NoSuchFileException gone) {
            return offset;
        }
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        return line.length > prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The next line without its {@code \n}; null at the end, or when longer than a header can be. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || out.size() > 200) {
                return null;
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
