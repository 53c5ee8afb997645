package dev.scenarios.runtime;

import dev.scenarios.connector.api.SendResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The delivery state of one queued message (its content is stored apart, see {@link MessageQueue#content}). Immutable:
 * every change is a new value written back with {@link MessageQueue#update}.
 *
 * @param id the queue's id, e.g. {@code mwzb1rvw-8d77e0a1}: what {@code scenario queue --retry ID} takes
 * @param path the system name of the path it was queued through
 * @param messageId its {@code Message-ID} header, the same on every attempt
 * @param owed the recipients still owed the message
 * @param delivered the recipients a server accepted it for: never sent it again
 * @param refused the recipients refused for good (5yz), with the server's reply
 * @param state where it stands
 * @param attempts the attempts made so far
 * @param queuedAt when the step queued it
 * @param nextAttemptAt when it is due
 * @param expiresAt when it goes dead if still not delivered
 * @param lastReply the last server reply or failure text, empty before the first attempt
 * @param possibleDuplicate whether an attempt may have delivered it already (lost after the final dot, or the runtime
 *     stopped during an attempt): a later delivery may be a duplicate with the same Message-ID
 * @param deadReason why it is dead or damaged, empty otherwise: the {@linkplain QueueReason#stored() stored form} of a
 *     {@link QueueReason} (or the English text an older version stored); read it with {@link #reason()}
 */
public record QueuedMessage(
        String id,
        String path,
        String messageId,
        List<String> owed,
        List<String> delivered,
        List<SendResult.Rejection> refused,
        State state,
        int attempts,
        Instant queuedAt,
        Instant nextAttemptAt,
        Instant expiresAt,
        String lastReply,
        boolean possibleDuplicate,
        String deadReason) {

    /** Where a queued message stands. */
    public enum State {
        /** Not tried yet. */
        PENDING,
        /** Tried and failed transiently (or ambiguously): tried again at {@code nextAttemptAt}. */
        DEFERRED,
        /** An attempt is under way; found in this state after a crash, the message may have been sent. */
        SENDING,
        /** Refused for good, or expired: kept with its reason until retried or purged. */
        DEAD,
        /**
         * Its stored state or content could not be read or does not match its checksum: never sent as it is, kept with
         * the reason in {@code deadReason} until retried (possible only when the content is intact) or purged.
         */
        DAMAGED
    }

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(messageId, "messageId");
        owed = List.copyOf(owed);
        delivered = List.copyOf(delivered);
        refused = List.copyOf(refused);
        Objects.requireNonNull(state, "state");
        lastReply = lastReply == null ? "" : lastReply;
        deadReason = deadReason == null ? "" : deadReason;
    }

    /**
     * Why it is dead or damaged, to render in the reader's language.
     *
     * @return the parsed {@link #deadReason()}; empty text when it is neither dead nor damaged
     */
    public QueueReason reason() {
        return QueueReason.parse(deadReason);
    }

    /** This message set aside as {@link State#DAMAGED} with {@code reason}, everything else unchanged. */
    public QueuedMessage damaged(QueueReason reason) {
        return damaged(reason.stored());
    }

    /**
     * This message set aside as {@link State#DAMAGED} with {@code reason} (a {@link QueueReason}'s stored form, or text
     * shown as it is), everything else unchanged.
     */
    public QueuedMessage damaged(String reason) {
        return new QueuedMessage(
                id,
                path,
                messageId,
                owed,
                delivered,
                refused,
                State.DAMAGED,
                attempts,
                queuedAt,
                nextAttemptAt,
                expiresAt,
                lastReply,
                possibleDuplicate,
                reason);
    }

    /** This message in {@code newState}, due at {@code due}. */
    public QueuedMessage with(State newState, Instant due) {
        return new QueuedMessage(
                id,
                path,
                messageId,
                owed,
                delivered,
                refused,
                newState,
                attempts,
                queuedAt,
                due,
                expiresAt,
                lastReply,
                possibleDuplicate,
                newState == State.DEAD || newState == State.DAMAGED ? deadReason : "");
    }
}
