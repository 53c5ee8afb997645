package dev.scenarios.connector.imap.internal.receive;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.PathSource;
import dev.scenarios.connector.api.ReceivedItem;
import dev.scenarios.connector.imap.internal.journal.Journal;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
            SessionTiming timing,
            Journal journal,
            Path stateFile,
            ConnectorContext host) {
        this.settings = settings;
        this.opener = opener;
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
                journal.write(
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
        try (Store store = opener.open()) {
            boolean idle = timing.idle() && ((IMAPStore) store).hasCapability("IDLE");
            journal.write(
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
                            journal.write(
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
     * and that stays changes nothing: it is handed again at the next poll, not at once.
     */
    private boolean poll(IMAPStore store, IMAPFolder folder, Consumer<ReceivedItem> receiver, UidState state)
            throws MessagingException, IOException, InterruptedException {
        long changesBefore = folderChanges;
        retryLeft = false;
        long uidValidity = folder.getUIDValidity();
        boolean resynced = false;
        if (state.uidValidity() != uidValidity) {
            if (state.uidValidity() != 0) {
                journal.write(
                        true,
                        "path " + settings.systemName() + ": UIDVALIDITY of " + settings.folder() + " changed from "
                                + state.uidValidity() + " to " + uidValidity
                                + "; every mail left in the folder is handed as a possible duplicate");
                resynced = true;
            }
            state.reset(uidValidity);
        }
        for (long uid : state.pendingMoves()) {
            Message pending = folder.getMessageByUID(uid);
            if (pending != null && !pending.isExpunged() && !pending.isSet(Flags.Flag.DELETED)) {
                finishSuccess(store, folder, pending);
                journal.write(false, "path " + settings.systemName() + ": UID " + uid + " succeeded before; moved now");
            }
            state.moved(uid);
        }
        Message[] messages = folder.getMessagesByUID(1, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(messages, profile);
        Arrays.sort(messages, Comparator.comparingLong(m -> uidOf(folder, m)));
        for (Message message : messages) {
            if (closed) {
                return folderChanges != changesBefore;
            }
            if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            long uid = folder.getUID(message);
            String id = settings.folder() + ";UIDVALIDITY=" + uidValidity + ";UID=" + uid;
            if (uid <= state.lastUid() && !state.hasFailed(uid) && uid != state.inFlight()) {
                // Its scenario succeeded and the move was confirmed, yet the server still lists it: finish, never
                // re-run.
                finishSuccess(store, folder, message);
                journal.write(
                        false,
                        "path " + settings.systemName() + ": " + id
                                + " processed before, still in the folder; moved again");
                continue;
            }
            int size = message.getSize();
            if (size > settings.maxMessageSize()) {
                moveTo(
                        store,
                        folder,
                        message,
                        settings.failureFolder()); // the message is gone from the folder after this
                state.setAside(uid);
                journal.write(
                        true,
                        "path " + settings.systemName() + ": " + id + " has " + size
                                + " bytes, more than maxMessageSize " + settings.maxMessageSize() + "; moved to "
                                + settings.failureFolder());
                continue;
            }
            boolean possibleDuplicate = resynced || uid == state.inFlight();
            state.handing(uid);
            Map<String, Object> attributes;
            try {
                attributes = MailAttributes.of(message, uid, settings.folder());
            } catch (MessagingException | IOException e) {
                if (!folder.isOpen() || !store.isConnected()) {
                    throw e;
                }
                moveTo(store, folder, message, settings.failureFolder());
                state.setAside(uid);
                journal.write(
                        true,
                        "path " + settings.systemName() + ": " + id + " cannot be read (" + e.getMessage()
                                + "); moved to " + settings.failureFolder());
                continue;
            }
            ReceivedItem item = new ReceivedItem(id, attributes, possibleDuplicate);
            journal.write(
                    false,
                    "path " + settings.systemName() + ": " + id + " " + attributes.get("MessageId") + " handed"
                            + (possibleDuplicate ? " (possible duplicate)" : ""));
            try {
                receiver.accept(item);
            } catch (RuntimeException e) {
                item.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
            }
            CompletableFuture<ReceivedItem.Acknowledgement> acknowledged =
                    item.acknowledgement().toCompletableFuture();
            try {
                CompletableFuture.anyOf(acknowledged, closing).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the acknowledgement of " + id + " failed", e.getCause());
            }
            if (!acknowledged.isDone()) {
                return folderChanges
                        != changesBefore; // closed while the scenario ran: the mail stays in flight, handed again
                // (possible
                // duplicate) on
                // the next start
            }
            ReceivedItem.Acknowledgement ack = acknowledged.join();
            if (ack.succeeded()) {
                state.succeeded(uid);
                finishSuccess(store, folder, message);
                state.moved(uid);
                journal.write(
                        false,
                        "path " + settings.systemName() + ": " + id + " succeeded; "
                                + (settings.moveAfterSuccess() ? "moved to " + settings.processedFolder() : "deleted"));
            } else {
                int failures = state.failed(uid);
                if (failures >= settings.maxFailures()) {
                    moveTo(store, folder, message, settings.failureFolder());
                    state.setAside(uid);
                    journal.write(
                            true,
                            "path " + settings.systemName() + ": " + id + " failed " + failures + " times ("
                                    + ack.reason() + "); moved to " + settings.failureFolder());
                } else {
                    retryLeft = true;
                    journal.write(
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

    private void finishSuccess(IMAPStore store, IMAPFolder folder, Message message) throws MessagingException {
        if (settings.moveAfterSuccess()) {
            moveTo(store, folder, message, settings.processedFolder());
        } else {
            message.setFlag(Flags.Flag.DELETED, true);
            expunge(store, folder, message);
            folderChanges++;
        }
    }

    /** MOVE when offered, else COPY + \Deleted + (UID) EXPUNGE; creates the target folder when missing. */
    private void moveTo(IMAPStore store, IMAPFolder folder, Message message, String target) throws MessagingException {
        folderChanges++;
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
