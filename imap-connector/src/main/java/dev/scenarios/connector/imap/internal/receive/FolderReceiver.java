package dev.scenarios.connector.imap.internal.receive;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.ReceivedItem;
import dev.scenarios.connector.imap.internal.journal.Journal;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SearchTerm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The {@link PathSource} of an {@code imap-receive} path: one thread that keeps an IMAP session on the path's folder,
 * looks for mails, hands them one at a time (oldest UID first) and acts on each acknowledgement. Between looks it waits
 * in IDLE when the server offers it ({@link IdleWatch}: ended by any word of the server, by a mail that arrived while
 * the thread was busy, or after {@code idleTimeout} of silence), else for {@code pollInterval}. The order of a mail's
 * life, each step written to {@link UidState} before the next, is what keeps a mail from being lost or silently
 * repeated:
 *
 * <ol>
 *   <li>{@code inFlight = uid}, then the mail is read with {@code BODY.PEEK} and handed;
 *   <li>success: {@code pendingMoves += uid}, then the mail is moved ({@code MOVE} when the server offers it, else
 *       {@code COPY}, {@code \Deleted} and {@code UID EXPUNGE} with UIDPLUS or {@code EXPUNGE} without), then
 *       {@code lastUid} advances;
 *   <li>failure: the failure is counted; after {@code maxFailures} the mail goes to the failure folder.
 * </ol>
 *
 * After a crash, a mail in {@code pendingMoves} is moved without running its scenario again, and the {@code inFlight}
 * mail is handed again with {@code possibleDuplicate = true}. A lost connection is reopened after a backoff (up to the
 * polling interval) and told to the host ({@link ConnectorContext#receiverDisconnected}, then
 * {@link ConnectorContext#receiverConnected}), which judges readiness from it; the receiver never stops before
 * {@link #close()}.
 */
public final class FolderReceiver implements PathSource {

    /** Opens an authenticated store; the connection's business. */
    @FunctionalInterface
    public interface StoreOpener {
        /** Connects and authenticates. */
        Store open() throws MessagingException;
    }

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final ReceiveSettings settings;
    private final StoreOpener opener;
    /** The connection's count of open sessions, shared with its other paths; the host's "sessions open" gauge. */
    private final AtomicInteger openSessions;

    private final SessionTiming timing;
    private final Duration pollInterval;
    private final Journal journal;
    private final Path stateFile;
    private final ConnectorContext host;
    private final IdleWatch idleWatch;
    private final Object wakeUp = new Object();
    /** Completed by {@link #close()}: ends the wait for an acknowledgement without interrupting IMAP I/O. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();

    private volatile boolean closed;
    /** Set by {@link #preview}: nothing is journalled, moved or waited for. */
    private volatile boolean previewing;
    /** How many mails this receiver moved or deleted; only its thread touches it. */
    private long folderChanges;
    /** Whether the last poll left a mail whose scenario failed, to be handed again after {@code pollInterval}. */
    private boolean retryLeft;

    private Thread thread;

    /**
     * A receiver that does nothing until {@link #start}; its state lives in {@code stateFile} and its connection state
     * is told to {@code host}.
     */
    public FolderReceiver(
            ReceiveSettings settings,
            StoreOpener opener,
            AtomicInteger openSessions,
            SessionTiming timing,
            Journal journal,
            Path stateFile,
            ConnectorContext host) {
        this.settings = settings;
        this.opener = opener;
        this.openSessions = openSessions;
        this.timing = timing;
        this.pollInterval = timing.pollInterval();
        this.journal = journal;
        this.stateFile = stateFile;
        this.host = host;
        this.idleWatch = new IdleWatch(settings.systemName());
    }

    @Override
    public String systemName() {
        return settings.systemName();
    }

    @Override
    public synchronized void start(Consumer<ReceivedItem> receiver) {
        if (thread != null || closed) {
            throw new IllegalStateException("path " + settings.systemName() + " was started before");
        }
        UidState state = UidState.load(stateFile);
        thread = new Thread(() -> run(receiver, state), "imap-receive-" + settings.systemName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Selects the folder read-only (EXAMINE) once and hands every mail a poll would hand, without waiting for
     * acknowledgements, moving, journalling or writing the state file. Network I/O bounded by the connection's
     * timeouts.
     */
    @Override
    public void preview(Consumer<ReceivedItem> receiver) throws IOException {
        synchronized (this) {
            if (thread != null || closed) {
                throw new IllegalStateException("path " + settings.systemName() + " was started before");
            }
            previewing = true;
        }
        UidState state = UidState.load(stateFile).readOnly();
        try (CountedStore counted = CountedStore.open(opener, openSessions)) {
            Store store = counted.store();
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
            folder.open(Folder.READ_ONLY);
            try {
                poll((IMAPStore) store, folder, receiver, state);
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        } catch (MessagingException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Writes a journal line, unless previewing. */
    private void note(boolean error, String line) {
        if (!previewing) {
            journal.write(error, line);
        }
    }

    private void run(Consumer<ReceivedItem> receiver, UidState state) {
        Duration backoff = FIRST_BACKOFF;
        // When the path lost its session, or the start time until the first session opens; null while connected.
        AtomicBoolean connected = new AtomicBoolean();
        Instant disconnectedSince = host.clock().instant();
        while (!closed) {
            try {
                session(receiver, state, () -> {
                    connected.set(true);
                    host.receiverConnected(settings.systemName());
                });
                backoff = FIRST_BACKOFF;
            } catch (MessagingException | IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (connected.getAndSet(false)) {
                    disconnectedSince = host.clock().instant();
                    backoff = FIRST_BACKOFF;
                }
                String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                note(
                        true,
                        "path " + settings.systemName() + ": " + problem + "; reconnecting in " + backoff.toSeconds()
                                + "s");
                host.receiverDisconnected(settings.systemName(), disconnectedSince, timing.unreadyAfter(), problem);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(pollInterval) > 0 ? pollInterval : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One IMAP session: each poll selects the folder afresh and closes it (without expunging) at the end, until closed
     * or the connection fails. Selecting again costs one round trip and gives the true message count even from servers
     * whose untagged EXISTS and EXPUNGE after a MOVE leave a client's count behind (GreenMail 2.1 does). After a poll
     * that found no mail the folder stays selected in IDLE when the server offers it; a mail announced between that
     * poll's SELECT and the IDLE (an EXISTS answered to one of its commands) ends the IDLE at once.
     */
    private void session(Consumer<ReceivedItem> receiver, UidState state, Runnable connected)
            throws MessagingException, IOException, InterruptedException {
        try (CountedStore counted = CountedStore.open(opener, openSessions)) {
            Store store = counted.store();
            boolean idle = timing.idle() && ((IMAPStore) store).hasCapability("IDLE");
            note(
                    false,
                    "path " + settings.systemName() + ": connected; "
                            + (idle
                                    ? "waiting in IDLE, renewed after "
                                            + timing.idleTimeout().toSeconds() + "s of silence"
                                    : "polling every " + pollInterval.toSeconds() + "s"));
            boolean first = true;
            while (!closed) {
                IMAPFolder folder = (IMAPFolder) store.getFolder(settings.folder());
                AtomicBoolean arrived = new AtomicBoolean();
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent e) {
                        arrived.set(true);
                    }
                });
                folder.open(Folder.READ_WRITE);
                if (first) {
                    connected.run();
                    first = false;
                }
                try {
                    boolean changed = poll((IMAPStore) store, folder, receiver, state);
                    // IDLE only after a poll that moved nothing: a poll that moved mails may have
                    // missed an EXISTS (GreenMail sends no EXPUNGE for a MOVE, so Angus ignores the next EXISTS).
                    if (idle && !closed && !changed && !arrived.get()) {
                        // A failed mail left in the folder is handed again after pollInterval, IDLE or not.
                        Duration silence = retryLeft && pollInterval.compareTo(timing.idleTimeout()) < 0
                                ? pollInterval
                                : timing.idleTimeout();
                        IdleWatch.Ending ending = idleWatch.idle(folder, silence, () -> closed || arrived.get());
                        if (ending == IdleWatch.Ending.SILENT && !retryLeft) {
                            note(
                                    false,
                                    "path " + settings.systemName() + ": IDLE heard nothing for " + silence.toSeconds()
                                            + "s; polling and renewing it");
                        }
                    }
                } finally {
                    if (folder.isOpen()) {
                        folder.close(false);
                    }
                }
                if (!idle) {
                    pause(pollInterval);
                }
            }
        }
    }

    /**
     * Hands and finishes the mails in the folder; returns whether it moved or deleted any. A mail whose scenario failed
     * and that stays changes nothing: it is handed again at the next poll, not at once. A move the server refuses
     * ({@code NO}) leaves the mail where it is, remembered, and is tried again at the next poll; a lost connection
     * throws.
     */
    private boolean poll(IMAPStore store, IMAPFolder folder, Consumer<ReceivedItem> receiver, UidState state)
            throws MessagingException, IOException, InterruptedException {
        long changesBefore = folderChanges;
        retryLeft = false;
        long uidValidity = folder.getUIDValidity();
        // The filters (MailFilter): one server-side SEARCH, then the sender on the envelope; a mail that does not
        // match is never fetched beyond its envelope, never handed, never touched.
        MailFilter filter = settings.filter();
        SearchTerm search = filter.searchTerm();
        Message[] messages = search == null ? folder.getMessagesByUID(1, UIDFolder.MAXUID) : folder.search(search);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        if (filter.from() != null) {
            profile.add(FetchProfile.Item.ENVELOPE); // the From addresses; an ENVELOPE fetch never sets \Seen
        }
        folder.fetch(messages, profile);
        if (filter.from() != null) {
            List<Message> senders = new ArrayList<>();
            for (Message message : messages) {
                if (filter.acceptsSender(message)) {
                    senders.add(message);
                }
            }
            messages = senders.toArray(Message[]::new);
        }
        Arrays.sort(messages, Comparator.comparingLong(m -> uidOf(folder, m)));
        if (state.uidValidity() != uidValidity) {
            long highest = messages.length == 0 ? 0 : uidOf(folder, messages[messages.length - 1]);
            if (state.uidValidity() != 0) {
                note(
                        true,
                        "path " + settings.systemName() + ": UIDVALIDITY of " + settings.folder() + " changed from "
                                + state.uidValidity() + " to " + uidValidity
                                + "; the mails up to UID " + highest
                                + " are matched by Message-ID against those processed before");
                state.reset(uidValidity, highest);
            } else {
                state.reset(uidValidity, 0);
            }
        }
        for (long uid : previewing ? Set.<Long>of() : state.pendingMoves()) {
            Message pending = folder.getMessageByUID(uid);
            if (pending != null && !pending.isExpunged() && !pending.isSet(Flags.Flag.DELETED)) {
                String id = settings.folder() + ";UIDVALIDITY=" + uidValidity + ";UID=" + uid;
                if (!finishSuccess(store, folder, pending, id)) {
                    continue; // refused again: stays pending, never handed
                }
                note(false, "path " + settings.systemName() + ": UID " + uid + " succeeded before; moved now");
            }
            state.moved(uid);
        }
        Set<Long> pendingMoves = state.pendingMoves();
        for (Message message : messages) {
            if (closed) {
                return folderChanges != changesBefore;
            }
            if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            if (settings.keyword() != null && message.getFlags().contains(settings.keyword())) {
                continue; // its scenario succeeded: the keyword is how it stays done in the folder
            }
            long uid = folder.getUID(message);
            String id = settings.folder() + ";UIDVALIDITY=" + uidValidity + ";UID=" + uid;
            if (pendingMoves.contains(uid)) {
                continue; // its scenario succeeded; the server refused the move above
            }
            if (uid <= state.lastUid() && !state.hasFailed(uid) && uid != state.inFlight()) {
                // Its scenario succeeded and the move was confirmed, yet the server still lists it: finish, never
                // re-run.
                if (finishSuccess(store, folder, message, id)) {
                    note(
                            false,
                            "path " + settings.systemName() + ": " + id
                                    + " processed before, still in the folder; moved again");
                }
                continue;
            }
            if (state.failures(uid) >= settings.maxFailures()) {
                // Its last failure's move to the failure folder was refused: try that again, never re-run it.
                if (moveTo(store, folder, message, settings.failureFolder(), id)) {
                    state.setAside(uid);
                }
                continue;
            }
            int size = message.getSize();
            if (size > settings.maxMessageSize()) {
                if (moveTo(store, folder, message, settings.failureFolder(), id)) {
                    state.setAside(uid);
                    note(
                            true,
                            "path " + settings.systemName() + ": " + id + " has " + size
                                    + " bytes, more than maxMessageSize " + settings.maxMessageSize() + "; moved to "
                                    + settings.failureFolder());
                }
                continue;
            }
            boolean possibleDuplicate = uid == state.inFlight();
            if (uid <= state.resyncUpTo()) {
                String messageId = messageId(message);
                if (state.processed(messageId)) {
                    if (finishSuccess(store, folder, message, id)) {
                        state.moved(uid);
                        note(
                                false,
                                "path " + settings.systemName() + ": " + id + " " + messageId
                                        + " was processed before the UIDVALIDITY change; moved, not run again");
                    }
                    continue;
                }
                // Without a Message-ID nothing tells whether it was processed before the change.
                possibleDuplicate |= messageId == null || state.wasInFlight(messageId);
            }
            Map<String, Object> attributes;
            try {
                attributes = MailAttributes.of(message, uid, settings.folder());
            } catch (MessagingException | IOException e) {
                if (!folder.isOpen() || !store.isConnected()) {
                    throw e;
                }
                if (moveTo(store, folder, message, settings.failureFolder(), id)) {
                    state.setAside(uid);
                    note(
                            true,
                            "path " + settings.systemName() + ": " + id + " cannot be read (" + e.getMessage()
                                    + "); moved to " + settings.failureFolder());
                }
                continue;
            }
            String messageId = String.valueOf(attributes.get("MessageId"));
            state.handing(uid, messageId);
            ReceivedItem item = new ReceivedItem(id, attributes, possibleDuplicate);
            note(
                    false,
                    "path " + settings.systemName() + ": " + id + " " + messageId + " handed"
                            + (possibleDuplicate ? " (possible duplicate)" : ""));
            try {
                receiver.accept(item);
            } catch (RuntimeException e) {
                item.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
            }
            if (previewing) {
                continue;
            }
            CompletableFuture<ReceivedItem.Acknowledgement> acknowledged =
                    item.acknowledgement().toCompletableFuture();
            try {
                CompletableFuture.anyOf(acknowledged, closing).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the acknowledgement of " + id + " failed", e.getCause());
            }
            if (!acknowledged.isDone()) {
                return folderChanges != changesBefore; // closed while the scenario ran: the mail stays in flight,
                // handed again (possible duplicate) on the next start
            }
            ReceivedItem.Acknowledgement ack = acknowledged.join();
            if (ack.succeeded()) {
                state.succeeded(uid, messageId);
                if (finishSuccess(store, folder, message, id)) {
                    state.moved(uid);
                    note(
                            false,
                            "path " + settings.systemName() + ": " + id + " succeeded; "
                                    + (settings.moveAfterSuccess()
                                            ? "moved to " + settings.processedFolder()
                                            : settings.keyword() != null
                                                    ? "keyword " + settings.keyword() + " set"
                                                    : "deleted"));
                }
            } else {
                int failures = state.failed(uid);
                if (failures >= settings.maxFailures()) {
                    if (moveTo(store, folder, message, settings.failureFolder(), id)) {
                        state.setAside(uid);
                        note(
                                true,
                                "path " + settings.systemName() + ": " + id + " failed " + failures + " times ("
                                        + ack.reason() + "); moved to " + settings.failureFolder());
                    }
                } else {
                    retryLeft = true;
                    note(
                            true,
                            "path " + settings.systemName() + ": " + id + " failed " + failures + " of "
                                    + settings.maxFailures() + " times (" + ack.reason()
                                    + "); handed again at the next poll");
                }
            }
        }
        return folderChanges != changesBefore;
    }

    private static long uidOf(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The mail's Message-ID as {@link MailAttributes} gives it, or null when it has none. */
    private static String messageId(Message message) throws MessagingException {
        String id = message instanceof MimeMessage mime ? mime.getMessageID() : null;
        return id == null || id.isBlank() ? null : id;
    }

    /**
     * Moves (or deletes) a mail whose scenario succeeded; false when the server refused it, see
     * {@link #moveTo(IMAPStore, IMAPFolder, Message, String, String)}.
     */
    private boolean finishSuccess(IMAPStore store, IMAPFolder folder, Message message, String id)
            throws MessagingException {
        if (previewing) {
            return false;
        }
        if (settings.moveAfterSuccess()) {
            return moveTo(store, folder, message, settings.processedFolder(), id);
        }
        if (settings.keyword() != null) {
            try {
                message.setFlags(new Flags(settings.keyword()), true);
            } catch (MessagingException e) {
                refused(store, folder, id, "set the keyword " + settings.keyword(), e);
                return false;
            }
            folderChanges++;
            return true;
        }
        try {
            message.setFlag(Flags.Flag.DELETED, true);
            expunge(store, folder, message);
        } catch (MessagingException e) {
            refused(store, folder, id, "delete it", e);
            return false;
        }
        folderChanges++;
        return true;
    }

    /**
     * Moves {@code message} to {@code target}: MOVE when offered, else COPY + \Deleted + (UID) EXPUNGE; creates the
     * target folder when missing. A refusal by the server ({@code NO}, e.g. a quota or a read-only folder) is
     * journalled with the server's reason and returns false: the mail stays in the folder, never lost, and the caller
     * keeps what it remembers about it so that the next poll tries again. Network I/O.
     *
     * @return true when the mail left the folder
     * @throws MessagingException when the connection was lost
     */
    private boolean moveTo(IMAPStore store, IMAPFolder folder, Message message, String target, String id)
            throws MessagingException {
        if (previewing) {
            return false;
        }
        try {
            Folder destination = store.getFolder(target);
            if (!destination.exists() && !destination.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder " + target);
            }
            if (store.hasCapability("MOVE")) {
                folder.moveMessages(new Message[] {message}, destination);
            } else {
                folder.copyMessages(new Message[] {message}, destination);
                message.setFlag(Flags.Flag.DELETED, true);
                expunge(store, folder, message);
            }
        } catch (MessagingException e) {
            refused(store, folder, id, "move it to " + target, e);
            return false;
        }
        folderChanges++;
        return true;
    }

    /** Rethrows a lost connection; journals a refusal and asks for the next poll after {@code pollInterval}. */
    private void refused(IMAPStore store, IMAPFolder folder, String id, String what, MessagingException e)
            throws MessagingException {
        if (e instanceof FolderClosedException
                || e instanceof StoreClosedException
                || !folder.isOpen()
                || !store.isConnected()) {
            throw e;
        }
        retryLeft = true;
        note(
                true,
                "path " + settings.systemName() + ": " + id + ": the server refused to " + what + " ("
                        + e.getMessage() + "); it stays in " + settings.folder() + " and is tried again at the next"
                        + " poll");
    }

    private static void expunge(IMAPStore store, IMAPFolder folder, Message message) throws MessagingException {
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(new Message[] {message});
        } else {
            folder.expunge(); // without UIDPLUS only a whole-folder EXPUNGE exists
        }
    }

    /** Waits {@code duration}, or less when closed. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (wakeUp) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wakeUp.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops the thread: wakes it from its pause, its IDLE (the watchdog sends DONE within 200 ms) or from waiting for
     * an acknowledgement (a mail being moved is moved first), and waits for it, at most 30 s. IMAP I/O is never
     * interrupted.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        closing.complete(null);
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (running != null) {
            try {
                running.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        idleWatch.close();
    }
}
