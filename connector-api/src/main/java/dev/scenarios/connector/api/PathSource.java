package dev.scenarios.connector.api;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A data transfer path of a {@linkplain PathType.Direction#RECEIVE receiving} type bound to its connection: receives
 * items (e.g. mails in an IMAP folder) and hands each one to the host, which runs a scenario with it and then
 * {@linkplain ReceivedItem#succeeded acknowledges} it. Created by {@link PathType#source}; the scenario runtime's
 * {@code from: path:…} consumer starts it.
 *
 * <p>The acknowledgement is what makes receiving safe: a source marks an item as done on its server (moves, deletes,
 * remembers it) only after the host said the scenario succeeded, and hands an item whose scenario failed again later
 * (or sets it aside after as many failures as its settings allow). An item the source may have handed before without
 * learning the outcome (the host was stopped in between) comes with {@link ReceivedItem#possibleDuplicate()} set.
 */
public interface PathSource extends AutoCloseable {

    /**
     * The path's system name.
     *
     * @return the name written as {@code systemName:} in the path's file
     */
    String systemName();

    /**
     * Begins receiving; returns at once. From then on the source calls {@code receiver} on its own thread with each
     * received item, one at a time: it hands the next item only once the previous one was acknowledged. If
     * {@code receiver} throws, the item counts as {@linkplain ReceivedItem#failed failed}. Network failures are the
     * source's business: it reconnects with a backoff and never stops silently.
     *
     * @param receiver called with each item; it must acknowledge every item exactly once, possibly later and from
     *     another thread
     * @throws IllegalStateException if the source was started or closed before
     */
    void start(Consumer<ReceivedItem> receiver);

    /**
     * Hands {@code receiver} every item a {@link #start} would hand now, once, on the calling thread, and changes
     * nothing: no item is moved, marked, counted or remembered, acknowledgements are ignored, and the next start hands
     * the same items. For tools that show what a path would receive (the CLI's {@code scenario receive} without
     * {@code --ack}); called instead of {@link #start} on a fresh source. Network I/O bounded by the connection's
     * timeouts; returns when every item was handed.
     *
     * @param receiver called with each item, in the order a start would hand them
     * @throws IOException if the server cannot be reached or refuses the session
     * @throws UnsupportedOperationException if the source cannot show items without receiving them (the default)
     * @throws IllegalStateException if the source was started or closed before
     */
    default void preview(Consumer<ReceivedItem> receiver) throws IOException {
        throw new UnsupportedOperationException("path " + systemName() + " cannot preview what it would receive");
    }

    /**
     * Stops receiving and waits (bounded by the connection's timeouts) for the source's thread to end; an item handed
     * but not yet acknowledged stays on the server, to be handed again by the next start. Never throws.
     */
    @Override
    void close();
}
