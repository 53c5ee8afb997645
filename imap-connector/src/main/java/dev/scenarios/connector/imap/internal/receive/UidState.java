package dev.scenarios.connector.imap.internal.receive;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one {@code imap-receive} path remembers across restarts, in {@code imap/<systemName>.state} under the data
 * directory: the folder's UIDVALIDITY, the last UID whose scenario succeeded and whose mail was moved (or deleted), the
 * UID handed to a scenario and not yet acknowledged ({@code inFlight}: after a crash that mail is handed again as a
 * possible duplicate), the UIDs whose scenario succeeded but whose move is not confirmed ({@code pendingMoves}: moved
 * on the next start without running the scenario again), and the failures counted per UID. Every change is written at
 * once (temporary file, fsync, atomic rename). Used by one receiver thread; not thread-safe.
 *
 * <p>UIDs mean nothing once the folder's UIDVALIDITY changed, so the state also keeps what survives that: the
 * Message-IDs of the last {@value #PROCESSED_KEPT} mails whose scenario succeeded, the Message-ID of the mail in
 * flight, and after a change {@code resyncUpTo}, the highest UID in the folder when the change was seen: mails up to it
 * are matched by Message-ID against what was processed before (see {@link #reset}).
 */
final class UidState {

    /** How many Message-IDs of processed mails are kept for a resynchronisation; each costs about 60 bytes. */
    static final int PROCESSED_KEPT = 1000;

    private final Path file;
    private long uidValidity;
    private long lastUid;
    private long inFlight;
    private String inFlightMessageId = "";
    private long resyncUpTo;
    private final LinkedHashSet<String> processed = new LinkedHashSet<>();
    /** Set for a preview: every change stays in memory. */
    private boolean readOnly;

    private final TreeSet<Long> pendingMoves = new TreeSet<>();
    private final Map<Long, Integer> failures = new TreeMap<>();

    private UidState(Path file) {
        this.file = file;
    }

    /** Reads {@code file}, or starts empty when it does not exist. */
    static UidState load(Path file) {
        UidState state = new UidState(file);
        if (!Files.exists(file)) {
            return state;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        state.uidValidity = Long.parseLong(p.getProperty("uidValidity", "0"));
        state.lastUid = Long.parseLong(p.getProperty("lastUid", "0"));
        state.inFlight = Long.parseLong(p.getProperty("inFlight", "0"));
        state.inFlightMessageId = p.getProperty("inFlightMessageId", "");
        state.resyncUpTo = Long.parseLong(p.getProperty("resyncUpTo", "0"));
        for (String id : p.getProperty("processed", "").split(" ")) {
            if (!id.isBlank()) {
                state.processed.add(id);
            }
        }
        for (String uid : p.getProperty("pendingMoves", "").split(",")) {
            if (!uid.isBlank()) {
                state.pendingMoves.add(Long.parseLong(uid.trim()));
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("failures.")) {
                state.failures.put(
                        Long.parseLong(key.substring("failures.".length())), Integer.parseInt(p.getProperty(key)));
            }
        }
        return state;
    }

    /** This state, from now on changed in memory only (a preview must not touch the file). */
    UidState readOnly() {
        readOnly = true;
        return this;
    }

    long uidValidity() {
        return uidValidity;
    }

    long lastUid() {
        return lastUid;
    }

    long inFlight() {
        return inFlight;
    }

    TreeSet<Long> pendingMoves() {
        return new TreeSet<>(pendingMoves);
    }

    boolean hasFailed(long uid) {
        return failures.containsKey(uid);
    }

    /** How often the scenario of {@code uid} failed; 0 when never. */
    int failures(long uid) {
        return failures.getOrDefault(uid, 0);
    }

    /** The highest UID still to be matched by Message-ID after a UIDVALIDITY change; 0 when none. */
    long resyncUpTo() {
        return resyncUpTo;
    }

    /** Whether a scenario succeeded with the mail of {@code messageId} (among the last {@value #PROCESSED_KEPT}). */
    boolean processed(String messageId) {
        return messageId != null && processed.contains(messageId);
    }

    /** Whether {@code messageId} is that of the mail that was in flight when the UIDVALIDITY changed. */
    boolean wasInFlight(String messageId) {
        return messageId != null && !messageId.isEmpty() && messageId.equals(inFlightMessageId);
    }

    /**
     * A new UIDVALIDITY: every UID remembered means another mail now, so the UIDs are forgotten — the watermark, the
     * pending moves and the failure counts. What is kept is keyed by Message-ID: the processed mails, and the mail in
     * flight (its Message-ID stays until a mail is handed). The mails up to {@code highestUid} (those in the folder
     * now) are matched by Message-ID before they are handed.
     */
    void reset(long newUidValidity, long highestUid) {
        uidValidity = newUidValidity;
        lastUid = 0;
        inFlight = 0;
        pendingMoves.clear();
        failures.clear();
        resyncUpTo = highestUid;
        save();
    }

    /** Written before the mail is handed to the scenario. */
    void handing(long uid, String messageId) {
        inFlight = uid;
        inFlightMessageId = messageId == null ? "" : messageId;
        save();
    }

    /**
     * The scenario succeeded: the mail must now be moved; until then it is never handed again. Its Message-ID is kept
     * for a resynchronisation.
     */
    void succeeded(long uid, String messageId) {
        inFlight = 0;
        inFlightMessageId = "";
        pendingMoves.add(uid);
        if (messageId != null && !messageId.isBlank() && messageId.chars().noneMatch(Character::isWhitespace)) {
            processed.remove(messageId);
            processed.add(messageId);
            for (Iterator<String> oldest = processed.iterator(); processed.size() > PROCESSED_KEPT; ) {
                oldest.next();
                oldest.remove();
            }
        }
        save();
    }

    /** The mail left the folder after its scenario succeeded: the watermark advances. */
    void moved(long uid) {
        pendingMoves.remove(uid);
        failures.remove(uid);
        lastUid = Math.max(lastUid, uid);
        save();
    }

    /** The scenario failed once more; returns how often it failed for this mail. */
    int failed(long uid) {
        inFlight = 0;
        inFlightMessageId = "";
        int count = failures.merge(uid, 1, Integer::sum);
        save();
        return count;
    }

    /** The mail went to the failure folder (or was never handed): nothing more to remember about it. */
    void setAside(long uid) {
        if (inFlight == uid) {
            inFlight = 0;
            inFlightMessageId = "";
        }
        failures.remove(uid);
        save();
    }

    private void save() {
        if (readOnly) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("uidValidity", Long.toString(uidValidity));
        p.setProperty("lastUid", Long.toString(lastUid));
        if (inFlight != 0) {
            p.setProperty("inFlight", Long.toString(inFlight));
        }
        if (!inFlightMessageId.isEmpty()) {
            p.setProperty("inFlightMessageId", inFlightMessageId);
        }
        if (resyncUpTo != 0) {
            p.setProperty("resyncUpTo", Long.toString(resyncUpTo));
        }
        p.setProperty("processed", String.join(" ", processed));
        p.setProperty(
                "pendingMoves",
                String.join(",", pendingMoves.stream().map(String::valueOf).toList()));
        failures.forEach((uid, n) -> p.setProperty("failures." + uid, Integer.toString(n)));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "imap-receive state: do not edit while the runtime runs");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "UidState[UIDVALIDITY " + uidValidity + ", last UID " + lastUid + ", in flight " + inFlight
                + ", pending moves " + pendingMoves + ", failures " + failures + ", resync up to " + resyncUpTo + ", "
                + processed.size() + " processed Message-IDs]";
    }
}
