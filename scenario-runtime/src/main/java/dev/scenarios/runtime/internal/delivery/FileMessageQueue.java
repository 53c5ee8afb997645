package dev.scenarios.runtime.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueReason;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import dev.scenarios.runtime.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as a folder: {@code messages/<id>.eml} holds each message's bytes (written once, after a one-line envelope:
 * path, Message-ID, recipients, times, length and SHA-256 of the content), {@code live/<id>.json} the state of each
 * message still to deliver, {@code dead/<id>.json} the dead letters, {@code damaged/<id>.json} what could not be read.
 * Every write is a durable atomic replace ({@link AtomicFiles}); the content is written before the state that points at
 * it, so a crash never leaves a state without content, and the envelope lets a lost or damaged state be rebuilt. New
 * messages arrive through the {@link IntakeLog} (group commit) unless {@link AtomicFiles#groupCommit()} is off. One
 * runtime per workspace sends from it; the {@code scenario queue} command edits it alongside.
 */
public final class FileMessageQueue implements MessageQueue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileMessageQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[0-9a-z]{1,16}-[0-9a-f]{4,8}");
    /** The first line of every content file written since issue 14; older files hold the bare content. */
    private static final byte[] ENVELOPE = "#scenario-queue-message 1 ".getBytes(StandardCharsets.US_ASCII);

    private static final Pattern MESSAGE_ID_HEADER = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]+>)");

    private final Path root;
    private final Path messages;
    private final Path live;
    private final Path dead;
    private final Path damaged;
    /** State files that could not be set aside (e.g. read-only disk): warned about once, not at every scan. */
    private final Set<Path> unmovable = ConcurrentHashMap.newKeySet();

    private final IntakeLog intake;
    private volatile Runnable laidOut;

    /** A queue in {@code root} (e.g. {@code <workspace>/data/queue}); folders are created on first write. No I/O. */
    public FileMessageQueue(Path root) {
        this.root = root;
        this.messages = root.resolve("messages");
        this.live = root.resolve("live");
        this.dead = root.resolve("dead");
        this.damaged = root.resolve("damaged");
        this.intake = new IntakeLog(root.resolve("intake"), this::layOut);
    }

    /** The queue's folder. */
    public Path root() {
        return root;
    }

    @Override
    public QueuedMessage add(String path, PreparedMessage message, Instant now, Instant expiresAt) throws IOException {
        AtomicFiles.createFolder(root);
        AtomicFiles.createFolder(messages);
        AtomicFiles.createFolder(live);
        String id;
        do {
            id = newId(now);
        } while (Files.exists(messages.resolve(id + ".eml")));
        QueuedMessage queued = new QueuedMessage(
                id,
                path,
                message.messageId(),
                message.recipients(),
                List.of(),
                List.of(),
                State.PENDING,
                0,
                now,
                now,
                expiresAt,
                "",
                false,
                "");
        if (AtomicFiles.groupCommit()) {
            intake.commit(new IntakeLog.Entry(id, stored(queued, message.content()), toJson(queued)));
        } else {
            AtomicFiles.write(messages.resolve(id + ".eml"), stored(queued, message.content()));
            AtomicFiles.write(live.resolve(id + ".json"), toJson(queued));
        }
        return queued;
    }

    /** A new queue id, e.g. {@code mwzb1rvw-8d77e0a1}, for both stores. Pure but random. */
    static String newId(Instant now) {
        // Time first so that ids sort roughly by age; 32 random bits keep a burst within one millisecond apart.
        return Long.toString(now.toEpochMilli(), 36) + "-"
                + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /**
     * Lays out a bulk of messages the intake log has made durable: the content files unforced and their folder forced
     * once, then the state files (the message is visible from here on) and their folder, then the log's laid-out
     * markers. Called by the log's writer thread; a failed bulk is tried again, and a state file is never written twice
     * (the sender may have moved it on).
     */
    private void layOut(List<IntakeLog.Entry> entries) throws IOException {
        for (IntakeLog.Entry e : entries) {
            if (!e.stateWritten) {
                AtomicFiles.writeUnforced(messages.resolve(e.id + ".eml"), e.stored);
            }
        }
        AtomicFiles.forceFolder(messages);
        for (IntakeLog.Entry e : entries) {
            if (!e.stateWritten) {
                AtomicFiles.writeUnforced(live.resolve(e.id + ".json"), e.state);
                e.stateWritten = true;
            }
        }
        AtomicFiles.forceFolder(live);
        intake.markLaidOut(entries);
        Runnable listener = laidOut;
        if (listener != null) {
            listener.run();
        }
    }

    /** Tells {@code listener} (e.g. the sender's wake-up) whenever accepted messages have become visible. */
    public void whenLaidOut(Runnable listener) {
        this.laidOut = listener;
    }

    /**
     * Blocks until every message added through this queue so far is visible to readers ({@code live/}); {@link #add}
     * returns as soon as a message is durable, a few milliseconds before. Up to 30 s.
     */
    public void flush() {
        intake.flush();
    }

    /**
     * How many accepted messages are not laid out as files yet: accepted a moment ago by some process, or left by one
     * that stopped first (the next runtime start lays those out). Does I/O.
     */
    public int awaitingLayout() throws IOException {
        return intake.awaitingLayout();
    }

    /** Lays out what was added and not laid out yet, then releases the intake log. Never throws. */
    @Override
    public void close() {
        intake.close();
    }

    /** The content file's bytes: the envelope line, then the content. */
    static byte[] stored(QueuedMessage m, byte[] content) throws IOException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("path", m.path());
        envelope.put("messageId", m.messageId());
        envelope.put("recipients", m.owed());
        envelope.put("queuedAt", m.queuedAt().toString());
        envelope.put("expiresAt", m.expiresAt().toString());
        envelope.put("length", content.length);
        envelope.put("sha256", sha256(content));
        byte[] line = JSON.writeValueAsBytes(envelope);
        byte[] out = new byte[ENVELOPE.length + line.length + 1 + content.length];
        System.arraycopy(ENVELOPE, 0, out, 0, ENVELOPE.length);
        System.arraycopy(line, 0, out, ENVELOPE.length, line.length);
        out[ENVELOPE.length + line.length] = '\n';
        System.arraycopy(content, 0, out, ENVELOPE.length + line.length + 1, content.length);
        return out;
    }

    @Override
    public Optional<QueuedMessage> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Optional<QueuedMessage> found = readOrQuarantine(live.resolve(id + ".json"));
        if (found.isEmpty()) {
            found = read(dead.resolve(id + ".json"));
        }
        return found.isPresent() ? found : readDamaged(damaged.resolve(id + ".json"));
    }

    @Override
    public PreparedMessage content(QueuedMessage message) throws IOException {
        return new PreparedMessage(
                message.messageId(),
                message.owed(),
                Content.read(messages.resolve(message.id() + ".eml")).verified());
    }

    @Override
    public void update(QueuedMessage message) throws IOException {
        Path to = folderOf(message.state()).resolve(message.id() + ".json");
        AtomicFiles.createFolder(to.getParent());
        AtomicFiles.write(to, toJson(message));
        // Written to its new place first: a crash in between leaves it in two, and find() prefers live, then dead.
        for (Path folder : List.of(live, dead, damaged)) {
            if (!folder.equals(to.getParent())) {
                AtomicFiles.delete(folder.resolve(message.id() + ".json"));
            }
        }
    }

    /**
     * Records that the sender starts attempt {@code sending.attempts()}. Without group commit: the forced write of
     * {@link #update}. With it: the state file is written unforced (what {@code scenario queue} lists, and what a
     * {@code kill -9} leaves), then an attempt note is committed to the intake log with whatever steps and other sender
     * threads are committing (one shared {@code fdatasync}); the sender transmits only after that. In that order, a
     * segment retired in between (its notes' files forced first) already finds the state SENDING. Does I/O.
     */
    @Override
    public boolean claim(QueuedMessage sending) throws IOException {
        if (!AtomicFiles.groupCommit()) {
            update(sending);
            return true;
        }
        Path state = live.resolve(sending.id() + ".json");
        byte[] before = Files.readAllBytes(state);
        AtomicFiles.writeUnforced(state, toJson(sending));
        try {
            intake.commit(IntakeLog.Entry.attempt(sending.id(), sending.attempts()));
        } catch (IOException e) {
            // Not durable, so not transmitted: put the state back, or it would wait SENDING for the next start.
            try {
                AtomicFiles.writeUnforced(state, before);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return true;
    }

    /**
     * As {@link #update}; with group commit nothing is forced: the attempt note {@link #claim} committed is the durable
     * evidence, and the intake log forces these files before it lets that note go. Does I/O.
     */
    @Override
    public void settle(QueuedMessage message) throws IOException {
        if (!AtomicFiles.groupCommit()) {
            update(message);
            return;
        }
        Path to = folderOf(message.state()).resolve(message.id() + ".json");
        AtomicFiles.createFolder(to.getParent());
        AtomicFiles.writeUnforced(to, toJson(message));
        for (Path folder : List.of(live, dead, damaged)) {
            if (!folder.equals(to.getParent())) {
                Files.deleteIfExists(folder.resolve(message.id() + ".json"));
            }
        }
    }

    /** As {@link #remove}; with group commit the deletions are not forced (see {@link #settle}). Does I/O. */
    @Override
    public void removeSent(String id) throws IOException {
        if (!AtomicFiles.groupCommit() || !ID.matcher(id).matches()) {
            remove(id);
            return;
        }
        // Content first, as in remove().
        Files.deleteIfExists(messages.resolve(id + ".eml"));
        Files.deleteIfExists(live.resolve(id + ".json"));
    }

    private Path folderOf(State state) {
        return state == State.DEAD ? dead : state == State.DAMAGED ? damaged : live;
    }

    @Override
    public boolean remove(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        // Content first: a crash in between leaves a state without content (found missing, never sent),
        // never content without a state, which the next start would adopt and send again.
        AtomicFiles.delete(messages.resolve(id + ".eml"));
        return AtomicFiles.delete(live.resolve(id + ".json"))
                | AtomicFiles.delete(dead.resolve(id + ".json"))
                | AtomicFiles.delete(damaged.resolve(id + ".json"));
    }

    @Override
    public Stream<QueuedMessage> live() throws IOException {
        return stream(live, this::readOrQuarantine);
    }

    /** As {@link #live()}; a state file whose name ({@code <id>.json}) {@code wanted} refuses is not read. */
    @Override
    public Stream<QueuedMessage> live(java.util.function.Predicate<String> wanted) throws IOException {
        return stream(live, file -> {
            String name = file.getFileName().toString();
            return wanted.test(name.substring(0, name.length() - ".json".length()))
                    ? readOrQuarantine(file)
                    : Optional.empty();
        });
    }

    @Override
    public Stream<QueuedMessage> dead() throws IOException {
        return stream(dead, file -> {
            try {
                return read(file);
            } catch (IOException | RuntimeException e) {
                // A dead letter is never sent: set it aside with the others that cannot be read.
                return quarantine(file, e);
            }
        });
    }

    @Override
    public Stream<QueuedMessage> damaged() throws IOException {
        return stream(damaged, this::readDamaged);
    }

    /**
     * Adopts content files with no state that are older than {@code before} (a crash came between the content and its
     * state, or the state was deleted): intact ones become PENDING again, others are set aside as DAMAGED; deletes
     * temporary files older than {@code before}. Younger files may belong to a {@code scenario send} writing right now,
     * and are left alone. Does I/O.
     */
    @Override
    public List<QueuedMessage> reconcile(Instant before) throws IOException {
        List<QueuedMessage> adopted = new ArrayList<>();
        recoverIntake(true);
        for (Path folder : List.of(messages, live, dead, damaged)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, ".*.tmp")) {
                for (Path temp : temps) {
                    if (modifiedBefore(temp, before)) {
                        LOG.info("removing the temporary file {} a crash left behind", temp);
                        AtomicFiles.delete(temp);
                    }
                }
            }
        }
        if (!Files.isDirectory(messages)) {
            return adopted;
        }
        try (DirectoryStream<Path> contents = Files.newDirectoryStream(messages, "*.eml")) {
            for (Path file : contents) {
                String id = file.getFileName().toString().replaceFirst("\\.eml$", "");
                if (!ID.matcher(id).matches()
                        || Files.exists(live.resolve(id + ".json"))
                        || Files.exists(dead.resolve(id + ".json"))
                        || Files.exists(damaged.resolve(id + ".json"))
                        || !modifiedBefore(file, before)) {
                    continue;
                }
                Content content;
                try {
                    content = Content.read(file);
                } catch (NoSuchFileException e) {
                    continue; // delivered and removed since the listing
                }
                QueuedMessage rebuilt = content.rebuild(id, before);
                try {
                    content.verified();
                    QueuedMessage pending = rebuilt.with(State.PENDING, before);
                    update(pending);
                    adopted.add(pending);
                } catch (DamagedContentException e) {
                    update(rebuilt.damaged(QueueReason.of("queue.reason.orphan", e.reason())));
                }
            }
        }
        return adopted;
    }

    /**
     * Whether {@code file} was last written before {@code before}; false when it is gone. The queue runs while this is
     * asked: a temporary file listed a moment ago may have been renamed into place, a content file removed once sent.
     */
    private static boolean modifiedBefore(Path file, Instant before) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Recovers the intake log's segments no live writer holds: messages accepted but not laid out by a process that
     * stopped are laid out now, and segments whose messages have all left {@code live/} are retired. Called by the
     * sender from time to time. Does I/O.
     */
    @Override
    public void compact() throws IOException {
        recoverIntake(false);
    }

    /** As {@link #compact}; {@code atStart} also restores the files a power cut left empty (reads every record). */
    private void recoverIntake(boolean atStart) throws IOException {
        intake.recover(
                new IntakeLog.Recovery() {
                    @Override
                    public Set<String> delivered(Set<String> ids) {
                        return new QueueJournal(root).sent(ids);
                    }

                    @Override
                    public void layOutAgain(String id, byte[] stored, boolean delivered) throws IOException {
                        Path content = messages.resolve(id + ".eml");
                        if (Files.exists(live.resolve(id + ".json"))
                                || Files.exists(dead.resolve(id + ".json"))
                                || Files.exists(damaged.resolve(id + ".json"))) {
                            // Visible already: only its marker was missing.
                            return;
                        }
                        if (delivered && !Files.exists(content)) {
                            // Laid out, delivered and removed before its marker was written: never again.
                            return;
                        }
                        AtomicFiles.createFolder(messages);
                        AtomicFiles.createFolder(live);
                        AtomicFiles.write(content, stored);
                        QueuedMessage rebuilt = Content.read(content).rebuild(id, Instant.EPOCH);
                        AtomicFiles.write(
                                live.resolve(id + ".json"), toJson(rebuilt.with(State.PENDING, rebuilt.queuedAt())));
                    }

                    @Override
                    public void check(String id, byte[] stored) throws IOException {
                        restore(id, stored);
                    }

                    @Override
                    public void attempted(String id, int attempt) throws IOException {
                        attemptedBeforeStop(id, attempt);
                    }

                    @Override
                    public boolean stillLive(String id) {
                        return Files.exists(live.resolve(id + ".json"));
                    }

                    @Override
                    public void retiring(List<String> accepted, Set<String> attempted) throws IOException {
                        forceAll(accepted, attempted);
                    }
                },
                atStart);
    }

    /**
     * At start, for an attempt note of a stopped process: when the message's state does not show that attempt (its
     * state file, written unforced, was lost or is empty, or only its content is left), it is set SENDING with that
     * attempt count, from the content's envelope if need be, so that the sender's start flags it a possible duplicate
     * (or removes it if {@code events.log} says it was sent). Does I/O.
     */
    private void attemptedBeforeStop(String id, int attempt) throws IOException {
        Path state = live.resolve(id + ".json");
        Path content = messages.resolve(id + ".eml");
        if (Files.exists(dead.resolve(id + ".json")) || Files.exists(damaged.resolve(id + ".json"))) {
            return;
        }
        QueuedMessage known = null;
        if (Files.exists(state) && !blank(state)) {
            try {
                known = read(state).orElse(null);
            } catch (IOException | RuntimeException unreadable) {
                return; // set aside as DAMAGED by the first scan, with the reason
            }
            if (known == null || known.state() == State.SENDING || known.attempts() >= attempt) {
                return;
            }
        } else if (!Files.exists(content)) {
            return; // delivered or purged
        }
        QueuedMessage base = known;
        if (base == null) {
            Content stored = Content.read(content);
            QueuedMessage rebuilt = stored.rebuild(id, Instant.EPOCH);
            base = rebuilt.with(State.PENDING, rebuilt.queuedAt());
        }
        QueuedMessage sending = new QueuedMessage(
                id,
                base.path(),
                base.messageId(),
                base.owed(),
                base.delivered(),
                base.refused(),
                State.SENDING,
                attempt,
                base.queuedAt(),
                base.nextAttemptAt(),
                base.expiresAt(),
                base.lastReply(),
                base.possibleDuplicate(),
                "");
        LOG.warn(
                "queued message {} was being sent (attempt {}) when its process stopped, but its state file did not"
                        + " say so (a power cut?): recorded as SENDING",
                id,
                attempt);
        AtomicFiles.createFolder(live);
        AtomicFiles.write(state, toJson(sending));
    }

    /**
     * Forces every file left of {@code accepted} and {@code attempted} messages, then the queue's folders: their
     * unforced writes become durable before the intake segment that vouched for them goes. Does I/O.
     */
    private void forceAll(List<String> accepted, Set<String> attempted) throws IOException {
        Set<String> ids = new java.util.LinkedHashSet<>(accepted);
        ids.addAll(attempted);
        for (String id : ids) {
            for (Path file : List.of(
                    messages.resolve(id + ".eml"),
                    live.resolve(id + ".json"),
                    dead.resolve(id + ".json"),
                    damaged.resolve(id + ".json"))) {
                try {
                    AtomicFiles.force(file);
                } catch (NoSuchFileException gone) {
                    // Delivered, purged, or never in that folder.
                }
            }
        }
        for (Path folder : List.of(messages, live, dead, damaged)) {
            if (Files.isDirectory(folder)) {
                AtomicFiles.forceFolder(folder);
            }
        }
    }

    /**
     * After a power cut, a file laid out without being forced may be empty (or zeros): it is written again, forced,
     * from the intake log's durable copy. Anything else is left to the usual checks (a file damaged otherwise is
     * quarantined, never silently replaced).
     */
    private void restore(String id, byte[] stored) throws IOException {
        Path content = messages.resolve(id + ".eml");
        Path state = live.resolve(id + ".json");
        if (blank(content)) {
            LOG.warn("queue content {} was lost (a power cut?): restored from the intake log", content);
            AtomicFiles.write(content, stored);
        }
        if (blank(state) && Files.exists(content)) {
            QueuedMessage rebuilt = Content.read(content).rebuild(id, Instant.EPOCH);
            LOG.warn("queue state {} was lost (a power cut?): restored as PENDING from the intake log", state);
            AtomicFiles.write(state, toJson(rebuilt.with(State.PENDING, rebuilt.queuedAt())));
        }
    }

    /** Whether {@code file} exists and is empty or starts with a block of zeros (what an unforced write can leave). */
    private static boolean blank(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (byte b : in.readNBytes(512)) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Stream<QueuedMessage> stream(Path folder, Reader reader) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json");
        Iterator<Path> names = files.iterator();
        Iterator<QueuedMessage> states = new Iterator<>() {
            private QueuedMessage next;

            @Override
            public boolean hasNext() {
                while (next == null && names.hasNext()) {
                    Path file = names.next();
                    try {
                        next = reader.read(file).orElse(null);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("cannot read the queue file {}: {}", file, e.toString());
                    }
                }
                return next != null;
            }

            @Override
            public QueuedMessage next() {
                hasNext();
                QueuedMessage out = next;
                next = null;
                return out;
            }
        };
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(states, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        files.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @FunctionalInterface
    private interface Reader {
        Optional<QueuedMessage> read(Path file) throws IOException;
    }

    /** The live state in {@code file}; one that cannot be read is moved to {@code damaged/} and returned as DAMAGED. */
    private Optional<QueuedMessage> readOrQuarantine(Path file) throws IOException {
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof NoSuchFileException) {
                return Optional.empty();
            }
            return quarantine(file, e);
        }
    }

    /**
     * Moves the unreadable state {@code file} to {@code damaged/}, where the sender never looks and {@code scenario
     * queue} lists it; its bytes are kept as found, for the operator. When it cannot be moved (read-only disk) it is
     * still listed as DAMAGED, and the sender skips it.
     */
    private Optional<QueuedMessage> quarantine(Path file, Exception why) throws IOException {
        Path to = damaged.resolve(file.getFileName());
        try {
            AtomicFiles.createFolder(damaged);
            AtomicFiles.move(file, to);
            LOG.warn("queue state {} cannot be read ({}): set aside as DAMAGED in {}", file, describe(why), damaged);
            return readDamaged(to);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            if (unmovable.add(file)) {
                LOG.warn(
                        "queue state {} cannot be read ({}) nor set aside ({}): it is skipped",
                        file,
                        describe(why),
                        e.toString());
            }
            return Optional.of(unreadableState(file, why));
        }
    }

    /**
     * A file of {@code damaged/}: its state if still readable (content damaged), else what the content's envelope says.
     */
    private Optional<QueuedMessage> readDamaged(Path file) throws IOException {
        try {
            Optional<QueuedMessage> m = read(file);
            return m.map(found -> found.state() == State.DAMAGED
                    ? found
                    : found.damaged(QueueReason.of(
                            "queue.reason.setAside",
                            found.deadReason().isEmpty()
                                    ? QueueReason.of("queue.reason.unreadable")
                                    : found.reason())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(unreadableState(file, e));
        }
    }

    private QueuedMessage unreadableState(Path stateFile, Exception why) {
        String id = stateFile.getFileName().toString().replaceFirst("\\.json$", "");
        String stateName = root.relativize(stateFile).toString();
        QueueReason reason;
        QueuedMessage m;
        try {
            Content content = Content.read(messages.resolve(id + ".eml"));
            content.verified();
            QueuedMessage rebuilt = content.rebuild(id, Instant.EPOCH);
            // The lost state may have said some recipients got it already: a retry may duplicate.
            m = new QueuedMessage(
                    id,
                    rebuilt.path(),
                    rebuilt.messageId(),
                    rebuilt.owed(),
                    List.of(),
                    List.of(),
                    State.DAMAGED,
                    0,
                    rebuilt.queuedAt(),
                    rebuilt.queuedAt(),
                    rebuilt.expiresAt(),
                    "",
                    true,
                    "");
            reason = QueueReason.of("queue.reason.stateUnreadable.intact", stateName, describe(why));
        } catch (IOException | RuntimeException e) {
            m = new QueuedMessage(
                    id,
                    "",
                    "",
                    List.of(),
                    List.of(),
                    List.of(),
                    State.DAMAGED,
                    0,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    "",
                    false,
                    "");
            reason = QueueReason.of("queue.reason.stateUnreadable.lost", stateName, describe(why), describe(e));
        }
        return m.damaged(reason);
    }

    private static String describe(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replaceAll("\\s+", " ");
    }

    /** The state in {@code file}; empty when it vanished meanwhile (delivered, purged). */
    private static Optional<QueuedMessage> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length == 0) {
            throw new IOException("the file is empty");
        }
        return Optional.of(fromJson(JSON.readTree(bytes)));
    }

    /**
     * A message's state as the JSON fields its state file holds; also the state part of an export entry
     * ({@link QueueTransfer}), so both name the fields alike. Pure.
     */
    static Map<String, Object> fields(QueuedMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("path", m.path());
        out.put("messageId", m.messageId());
        out.put("owed", m.owed());
        out.put("delivered", m.delivered());
        out.put(
                "refused",
                m.refused().stream()
                        .map(r -> Map.of("address", r.address(), "replyCode", r.replyCode(), "reply", r.reply()))
                        .toList());
        out.put("state", m.state().name());
        out.put("attempts", m.attempts());
        out.put("queuedAt", m.queuedAt().toString());
        out.put("nextAttemptAt", m.nextAttemptAt().toString());
        out.put("expiresAt", m.expiresAt().toString());
        out.put("lastReply", m.lastReply());
        out.put("possibleDuplicate", m.possibleDuplicate());
        out.put("deadReason", m.deadReason());
        return out;
    }

    private static byte[] toJson(QueuedMessage m) throws IOException {
        Map<String, Object> out = fields(m);
        // Compact: the state is rewritten at every attempt, and no reader needs it pretty.
        return JSON.writeValueAsBytes(out);
    }

    /** Strict: a missing or wrong field is an error naming it, never a default that would send the wrong thing. */
    private static QueuedMessage fromJson(JsonNode n) throws IOException {
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        List<SendResult.Rejection> refused = new ArrayList<>();
        n.path("refused")
                .forEach(r -> refused.add(new SendResult.Rejection(
                        r.path("address").asText(),
                        r.path("replyCode").asInt(),
                        r.path("reply").asText())));
        State state = parse(n, "state", State::valueOf);
        return new QueuedMessage(
                text(n, "id"),
                text(n, "path"),
                text(n, "messageId"),
                strings(n.path("owed")),
                strings(n.path("delivered")),
                refused,
                state,
                n.path("attempts").asInt(),
                parse(n, "queuedAt", Instant::parse),
                parse(n, "nextAttemptAt", Instant::parse),
                parse(n, "expiresAt", Instant::parse),
                n.path("lastReply").asText(),
                n.path("possibleDuplicate").asBoolean(),
                n.path("deadReason").asText());
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("\"" + field + "\" is missing");
        }
        return value.asText();
    }

    private static <T> T parse(JsonNode n, String field, Function<String, T> parser) throws IOException {
        String text = text(n, field);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IOException("\"" + field + "\" is not valid: " + text);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A content file as read: its envelope (null for files written before there was one) and the content after it. */
    private record Content(Path file, JsonNode envelope, byte[] content, QueueReason problem) {

        static Content read(Path file) throws IOException {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new DamagedContentException(QueueReason.of("queue.reason.content.missing", file.getFileName()));
            }
            if (bytes.length < ENVELOPE.length
                    || !Arrays.equals(bytes, 0, ENVELOPE.length, ENVELOPE, 0, ENVELOPE.length)) {
                // Written before content files had an envelope: nothing to check it against, but never empty.
                return new Content(
                        file, null, bytes, bytes.length == 0 ? QueueReason.of("queue.reason.content.empty") : null);
            }
            int end = ENVELOPE.length;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            try {
                JsonNode envelope = JSON.readTree(Arrays.copyOfRange(bytes, ENVELOPE.length, end));
                if (end >= bytes.length
                        || envelope == null
                        || !envelope.path("length").isNumber()
                        || !envelope.path("sha256").isTextual()) {
                    return new Content(file, null, new byte[0], QueueReason.of("queue.reason.content.envelopeShort"));
                }
                return new Content(file, envelope, Arrays.copyOfRange(bytes, end + 1, bytes.length), null);
            } catch (IOException e) {
                return new Content(file, null, new byte[0], QueueReason.of("queue.reason.content.envelopeUnreadable"));
            }
        }

        /** The content, checked against the envelope's length and SHA-256. */
        byte[] verified() throws DamagedContentException {
            String name = file.getFileName().toString();
            if (problem != null) {
                throw new DamagedContentException(QueueReason.of("queue.reason.content.damaged", name, problem));
            }
            if (envelope != null) {
                long length = envelope.path("length").asLong();
                if (length != content.length) {
                    throw new DamagedContentException(
                            QueueReason.of("queue.reason.content.length", name, content.length, length));
                }
                if (!sha256(content).equals(envelope.path("sha256").asText())) {
                    throw new DamagedContentException(QueueReason.of("queue.reason.content.checksum", name));
                }
            }
            return content;
        }

        /** The message as the envelope describes it (a file without one gives only what its headers say). */
        QueuedMessage rebuild(String id, Instant now) {
            String path = envelope == null ? "" : envelope.path("path").asText();
            String messageId = envelope != null ? envelope.path("messageId").asText() : headerMessageId();
            Instant queuedAt =
                    envelope == null ? now : instant(envelope.path("queuedAt").asText(), now);
            Instant expiresAt =
                    envelope == null ? now : instant(envelope.path("expiresAt").asText(), now);
            return new QueuedMessage(
                    id,
                    path,
                    messageId,
                    envelope == null ? List.of() : strings(envelope.path("recipients")),
                    List.of(),
                    List.of(),
                    State.PENDING,
                    0,
                    queuedAt,
                    now,
                    expiresAt,
                    "",
                    false,
                    "");
        }

        private String headerMessageId() {
            Matcher m = MESSAGE_ID_HEADER.matcher(
                    new String(content, 0, Math.min(content.length, 64 * 1024), StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : "";
        }

        private static Instant instant(String text, Instant fallback) {
            try {
                return Instant.parse(text);
            } catch (RuntimeException e) {
                return fallback;
            }
        }
    }
}
