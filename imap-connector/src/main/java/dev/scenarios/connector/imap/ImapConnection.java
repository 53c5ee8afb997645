package dev.scenarios.connector.imap;

import dev.scenarios.connector.api.Connection;
import dev.scenarios.connector.imap.internal.journal.Journal;
import dev.scenarios.connector.imap.internal.settings.ImapSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * An opened {@code imap} connection: its settings, its mail session and its journal. Holds no network session itself:
 * each receiving path opens its own store with {@link #connectStore()}, so a slow folder never blocks another.
 * Thread-safe.
 */
public final class ImapConnection implements Connection {

    private final ImapSettings settings;
    private final Journal journal;
    private final Session session;

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

    /** Nothing to close: the paths close their own stores. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "ImapConnection[" + settings + "]";
    }
}
