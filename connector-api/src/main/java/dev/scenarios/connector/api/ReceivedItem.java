package dev.scenarios.connector.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One item a {@link PathSource} received (e.g. one mail), handed to the host with its attributes, and the host's answer
 * whether the scenario it started succeeded. Made by the source; acknowledged once by the host ({@link #succeeded} or
 * {@link #failed}); the first acknowledgement counts, later ones are ignored. Thread-safe.
 */
public final class ReceivedItem {

    /**
     * What the host said about an item.
     *
     * @param succeeded whether the scenario the item started ended without an error
     * @param reason why it failed, for the connector's journal; empty when it succeeded; never a secret
     * @param attributes what the scenario set for the source to act on (the path's response or error response
     *     attributes, e.g. a folder to move a mail to); possibly empty
     */
    public record Acknowledgement(boolean succeeded, String reason, Map<String, Object> attributes) {

        /**
         * Copies the attributes (keeping their order); a null reason becomes empty.
         *
         * @param succeeded whether the scenario succeeded
         * @param reason why it failed, or null
         * @param attributes the response attributes
         */
        public Acknowledgement {
            reason = reason == null ? "" : reason;
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    private final String id;
    private final Map<String, Object> attributes;
    private final boolean possibleDuplicate;
    private final CompletableFuture<Acknowledgement> acknowledgement = new CompletableFuture<>();

    /**
     * An item the host has not acknowledged yet.
     *
     * @param id what identifies the item at its source, for logs and journals (for IMAP: folder, UIDVALIDITY and UID);
     *     never a secret
     * @param attributes the item's values, keyed by the names of the path's {@linkplain PathType#attributes
     *     attributes}; nested values are lists and maps
     * @param possibleDuplicate whether the item may have been handed to the host before without the source learning the
     *     outcome
     */
    public ReceivedItem(String id, Map<String, ?> attributes, boolean possibleDuplicate) {
        this.id = Objects.requireNonNull(id, "id");
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.possibleDuplicate = possibleDuplicate;
    }

    /**
     * What identifies the item at its source.
     *
     * @return e.g. {@code INBOX;UIDVALIDITY=1700000000;UID=42}
     */
    public String id() {
        return id;
    }

    /**
     * The item's values.
     *
     * @return an unmodifiable map, in the order of the path's attributes
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Whether the item may have been handed before (e.g. the host stopped after the scenario ended but before the
     * source could mark the item done). A scenario that must not act twice checks it.
     *
     * @return true when the item may be a repeat
     */
    public boolean possibleDuplicate() {
        return possibleDuplicate;
    }

    /**
     * Called by the host when the scenario ended without an error: the source may now mark the item as done on its
     * server.
     *
     * @param response the response attributes the scenario set; possibly empty
     * @return whether this call acknowledged the item (false when it was acknowledged before)
     */
    public boolean succeeded(Map<String, ?> response) {
        return acknowledgement.complete(new Acknowledgement(true, "", new LinkedHashMap<>(response)));
    }

    /**
     * Called by the host when the scenario failed (or the receiver threw): the source leaves the item to be handed
     * again, or sets it aside after as many failures as its settings allow.
     *
     * @param reason what failed, e.g. the exception's message; never a secret
     * @param errorResponse the error response attributes the scenario set; possibly empty
     * @return whether this call acknowledged the item (false when it was acknowledged before)
     */
    public boolean failed(String reason, Map<String, ?> errorResponse) {
        return acknowledgement.complete(new Acknowledgement(false, reason, new LinkedHashMap<>(errorResponse)));
    }

    /**
     * The host's acknowledgement, for the source to wait on.
     *
     * @return a stage completed by the first call of {@link #succeeded} or {@link #failed}
     */
    public CompletionStage<Acknowledgement> acknowledgement() {
        return acknowledgement.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "ReceivedItem[" + id + (possibleDuplicate ? ", possible duplicate" : "") + ", " + attributes.size()
                + " attributes]";
    }
}
