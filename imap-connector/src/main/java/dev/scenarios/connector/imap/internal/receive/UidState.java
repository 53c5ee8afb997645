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
 */
final class UidState {

    private final Path file;
    private long uidValidity;
    private long lastUid;
    private long inFlight;
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

    /** A new UIDVALIDITY: every UID remembered means another mail now, so all is forgotten. */
    void reset(long newUidValidity) {
        uidValidity = newUidValidity;
        lastUid = 0;
        inFlight = 0;
        pendingMoves.clear();
        failures.clear();
        save();
    }

    /** Written before the mail is handed to the scenario. */
    void handing(long uid) {
        inFlight = uid;
        save();
    }

    /** The scenario succeeded: the mail must now be moved; until then it is never handed again. */
    void succeeded(long uid) {
        inFlight = 0;
        pendingMoves.add(uid);
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
        int count = failures.merge(uid, 1, Integer::sum);
        save();
        return count;
    }

    /** The mail went to the failure folder (or was never handed): nothing more to remember about it. */
    void setAside(long uid) {
        if (inFlight == uid) {
            inFlight = 0;
        }
        failures.remove(uid);
        save();
    }

    private void save() {
        Properties p = new Properties();
        p.setProperty("uidValidity", Long.toString(uidValidity));
        p.setProperty("lastUid", Long.toString(lastUid));
        if (inFlight != 0) {
            p.setProperty("inFlight", Long.toString(inFlight));
        }
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
                + ", pending moves " + pendingMoves + ", failures " + failures + "]";
    }
}
