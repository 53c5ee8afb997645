package dev.scenarios.runtime;

import dev.scenarios.connector.api.PreparedMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The durable store behind {@code delivery: queued}: the seam between the runtime's steps and sender and where queued
 * messages live. The runtime ships two implementations, chosen by the workspace's {@code workspace.yaml}
 * ({@link QueueSettings}): a folder of files under {@code <workspace>/data/queue/} (the default; one runtime per
 * workspace, see the README's "Delivery guarantees"), and tables in PostgreSQL that several runtimes share
 * ({@linkplain #shared() shared}: they claim messages with leases, see {@code docs/queue.md}).
 *
 * <p>Every method does I/O, is thread-safe, and returns only once its change is durable (on disk and flushed), so a
 * crash right after a call loses nothing the call reported done.
 */
public interface MessageQueue {

    /**
     * Stores {@code message} of path {@code path} as {@link QueuedMessage.State#PENDING}, due now. Called by a
     * {@code path:} step before it reports success.
     *
     * @throws IOException if the message cannot be stored durably (read-only folder, full disk): the step must fail
     */
    QueuedMessage add(String path, PreparedMessage message, Instant now, Instant expiresAt) throws IOException;

    /** The state of message {@code id}, or empty if it is not in the queue (delivered or purged). */
    Optional<QueuedMessage> find(String id) throws IOException;

    /**
     * The stored content of {@code message}: the same bytes and Message-ID on every attempt.
     *
     * @throws DamagedContentException if the stored bytes do not match their stored length and checksum: never send
     *     them
     */
    PreparedMessage content(QueuedMessage message) throws IOException;

    /**
     * Replaces the state of {@code message.id()} with {@code message} (moving it to or from the dead letters by its
     * state).
     */
    void update(QueuedMessage message) throws IOException;

    /**
     * Records that this runtime starts an attempt: {@code sending} is the message in state
     * {@link QueuedMessage.State#SENDING} with its attempts counted. Called by the sender before it transmits. A shared
     * store takes a lease on the message for this runtime and refuses (false) when another runtime holds a lease on it
     * that has not expired, or when the message changed since it was read (another runtime made an attempt, an operator
     * killed or purged it); the sender then leaves it alone. The file store, with one runtime, just writes the state.
     *
     * @return whether this runtime may now send the message
     */
    default boolean claim(QueuedMessage sending) throws IOException {
        update(sending);
        return true;
    }

    /**
     * Writes the outcome of an attempt this runtime {@linkplain #claim claimed} (the message DEFERRED, DEAD or
     * DAMAGED), or of the sender's own judgement of a due message. Called by the sender only. By default
     * {@link #update}; a store whose {@link #claim} left durable evidence of the attempt may write it without forcing
     * it to disk: a crash that loses it leaves the message as claimed, which the next start flags as a possible
     * duplicate and tries again.
     */
    default void settle(QueuedMessage message) throws IOException {
        update(message);
    }

    /**
     * Removes message {@code id} once the sender has delivered it and journaled {@code SENT}. By default
     * {@link #remove}; a store whose {@link #claim} left durable evidence of the attempt may remove it lazily (a crash
     * that undoes the removal leaves the message as claimed: the start finds its {@code SENT} line and removes it, or
     * sends it again flagged as a possible duplicate).
     */
    default void removeSent(String id) throws IOException {
        remove(id);
    }

    /**
     * Tells the store that the attempt which {@linkplain #claim claimed} message {@code id} ended without its outcome
     * written (the store failed meanwhile). A shared store stops renewing this runtime's lease on it, so that once the
     * lease expires any runtime retries it as a possible duplicate; the file store keeps it SENDING, retried at the
     * next start. Called by the sender; never throws. Nothing by default.
     */
    default void abandon(String id) {}

    /**
     * Whether several runtimes send from this store at once. When true, a message found
     * {@link QueuedMessage.State#SENDING} at start belongs to another runtime until its lease expires (the store then
     * offers it again, flagged a possible duplicate), so the sender does not take it over; when false (the file store),
     * one found at start was interrupted by a crash.
     */
    default boolean shared() {
        return false;
    }

    /** Removes message {@code id} and its content (delivered, or purged by an operator); false if it was not there. */
    boolean remove(String id) throws IOException;

    /**
     * The messages not dead, read lazily from the store (oldest first where the store can say): close the stream. Used
     * by the sender, which must not hold the whole queue in memory.
     */
    Stream<QueuedMessage> live() throws IOException;

    /**
     * As {@link #live()}, only the messages whose id {@code wanted} accepts; a store that can tell the id without
     * reading the state skips the others unread (a data bus's sender thus passes over another bus's backlog cheaply).
     */
    default Stream<QueuedMessage> live(java.util.function.Predicate<String> wanted) throws IOException {
        return live().filter(m -> wanted.test(m.id()));
    }

    /** The dead messages, read lazily; close the stream. */
    Stream<QueuedMessage> dead() throws IOException;

    /**
     * The {@link QueuedMessage.State#DAMAGED} messages: set aside because their state or content could not be read or
     * failed its checksum, with the reason. Read lazily; close the stream. None by default.
     */
    default Stream<QueuedMessage> damaged() throws IOException {
        return Stream.empty();
    }

    /**
     * Tidies the store after a crash, before a sender starts: content without a state written before {@code before} is
     * adopted as a pending message (when intact) or set aside as damaged, and leftover temporary files are removed.
     * Nothing by default.
     *
     * @return the messages adopted, to be journaled
     */
    default List<QueuedMessage> reconcile(Instant before) throws IOException {
        return List.of();
    }

    /**
     * Finishes what a stopped process left half done and frees what the queue keeps only for messages that have left it
     * (e.g. a log of accepted messages). Called by the sender from time to time. Nothing by default.
     */
    default void compact() throws IOException {}
}
