package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.imap.internal.journal.Journal;
import dev.scenarios.connector.imap.internal.settings.ImapSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An opened {@code imap} connection: its settings, its mail session and its journal. Holds no network session itself:
 * each receiving path opens its own store with {@link #connectStore()}, so a slow folder never blocks another, and
 * counts it in {@link #openSessions()}. Thread-safe.
 */
public final class ImapConnection implements Connection {

    private final ImapSettings settings;
    private final Journal journal;
    private final Session session;
    /** Stores its receiving paths hold open or are opening, counted by the paths themselves. */
    private final AtomicInteger openSessions = new AtomicInteger();

    ImapConnection(ImapSettings settings, Journal journal) {
        this.settings = settings;
        this.journal = journal;
        this.session = Session.getInstance(settings.sessionProperties());
    }

    @Override
    public String typeId() {
        return ImapConnectionType.ID;
    }

    @Override
    public String systemName() {
        return settings.systemName();
    }

    ImapSettings settings() {
        return settings;
    }

    Journal journal() {
        return journal;
    }

    /**
     * Connects and authenticates a new IMAP store. Network I/O bounded by the connection's timeouts.
     *
     * @throws MessagingException when the server cannot be reached, refuses TLS or the credentials
     */
    Store connectStore() throws MessagingException {
        Store store = session.getStore(settings.protocol());
        store.connect(settings.server(), settings.port(), settings.username(), settings.password());
        return store;
    }

    /** The paths' counter of open stores, handed to each path of this connection. */
    AtomicInteger openSessionCount() {
        return openSessions;
    }

    /**
     * How many IMAP sessions this connection's receiving paths hold open or are opening now, IDLE included; each path
     * holds at most one, and a reconnecting path none between its attempts. Called by the host's metrics from any
     * thread; no I/O.
     */
    @Override
    public int openSessions() {
        return openSessions.get();
    }

    /** Nothing to close: the paths close their own stores. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "ImapConnection[" + settings + "]";
    }
}
