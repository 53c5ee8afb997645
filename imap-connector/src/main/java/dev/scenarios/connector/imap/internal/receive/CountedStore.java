package dev.scenarios.connector.imap.internal.receive;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiving path's store, counted in its connection's open sessions from before it connects until it is closed. The
 * count is kept here, around the path's own open and close, because Jakarta Mail's connection events proved unreliable
 * for this (the close event of a store dropped by the server never arrived).
 *
 * @param store the connected, authenticated store
 * @param open the connection's count of open sessions, shared by all its paths
 */
record CountedStore(Store store, AtomicInteger open) implements AutoCloseable {

    /**
     * Called by {@link FolderReceiver} for each session, reconnects included: opens a store through {@code opener}
     * (network I/O bounded by the connection's timeouts) and counts it in {@code open}; a store that fails to open is
     * no longer counted when this throws.
     *
     * @throws MessagingException when the server cannot be reached, refuses TLS or the credentials
     */
    static CountedStore open(FolderReceiver.StoreOpener opener, AtomicInteger open) throws MessagingException {
        open.incrementAndGet(); // a session being opened counts, as the SPI asks
        try {
            return new CountedStore(opener.open(), open);
        } catch (MessagingException | RuntimeException | Error e) {
            open.decrementAndGet();
            throw e;
        }
    }

    /** Logs out and closes the socket (network I/O), then no longer counts the session, even when closing failed. */
    @Override
    public void close() throws MessagingException {
        try {
            store.close();
        } finally {
            open.decrementAndGet();
        }
    }
}
