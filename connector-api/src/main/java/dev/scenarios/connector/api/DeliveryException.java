package dev.scenarios.connector.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message was not delivered. Carries what a scenario's error handler needs to decide: the kind of failure, the
 * server's reply code (0 when there was none, e.g. the server was unreachable) and the recipients the server refused.
 * The message text never contains a secret. A connector may also give the text in every language it knows
 * ({@link #message(Locale)}); {@link #getMessage()} is the English one, for logs, journals and Camel's
 * {@code ${exception.message}}.
 *
 * <p>Made with {@link #builder(FailureKind)}, or the short constructor for a plain English text.
 */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    private final FailureKind kind;
    /** The server's reply code, or 0. */
    private final int replyCode;
    /** The refused recipients. */
    private final List<SendResult.Rejection> rejectedRecipients;
    /** Whether the server may have the message. */
    private final boolean possiblyDelivered;

    private final transient LocalizedMessage text;
    /** The untranslated technical detail, possibly empty. */
    private final String detail;

    /**
     * A failure with a plain English text and nothing else to say.
     *
     * @param kind what went wrong
     * @param replyCode the server's reply code, or 0
     * @param message the English text; never a secret
     */
    public DeliveryException(FailureKind kind, int replyCode, String message) {
        this(builder(kind).replyCode(replyCode).message(message));
    }

    /**
     * The failure a builder describes.
     *
     * @param b the builder, with a kind and a text
     */
    protected DeliveryException(Builder b) {
        super(b.text != null ? withDetail(b.text.in(Locale.ENGLISH), b.detail) : b.message, b.cause);
        this.kind = b.kind;
        this.replyCode = b.replyCode;
        this.rejectedRecipients = List.copyOf(b.rejectedRecipients);
        this.possiblyDelivered = b.possiblyDelivered;
        this.text = b.text;
        this.detail = b.detail;
    }

    /**
     * Starts describing a failure.
     *
     * @param kind what went wrong
     * @return a builder; give it a text with {@link Builder#message(String)} or
     *     {@link Builder#message(LocalizedMessage)}
     */
    public static Builder builder(FailureKind kind) {
        return new Builder(kind);
    }

    /**
     * The failure's text for people: a CLI, a console, a notification. In {@code locale} when the connector gave it in
     * several languages, also through a wrapping DeliveryException with the same text; otherwise as
     * {@link #getMessage()}.
     *
     * @param locale the reader's language
     * @return the text, with the detail in brackets when there is one
     */
    public String message(Locale locale) {
        if (text != null) {
            return withDetail(text.in(locale), detail);
        }
        Throwable cause = getCause();
        if (cause instanceof DeliveryException wrapped && getMessage().equals(wrapped.getMessage())) {
            return wrapped.message(locale);
        }
        return getMessage();
    }

    private static String withDetail(String text, String detail) {
        return detail == null || detail.isBlank() ? text : text + " [" + detail + "]";
    }

    /**
     * What went wrong.
     *
     * @return e.g. {@link FailureKind#RECIPIENT_REJECTED}
     */
    public FailureKind kind() {
        return kind;
    }

    /**
     * The server's reply code for the failing command.
     *
     * @return e.g. 550, or 0 if the server gave none
     */
    public int replyCode() {
        return replyCode;
    }

    /**
     * Whether sending the same message again later may succeed, and nothing was delivered this time: the one rule a
     * host's retry loop, its queue and its {@code --json} output share. A failure that {@linkplain #possiblyDelivered()
     * may have delivered} the message is not transient (a retry may duplicate it); nor are configuration, disabled and
     * TLS failures whatever their reply code, nor any 5yz reply. A 4yz reply is transient, and so is a failure without
     * a reply code when the server was unreachable, timed out, or dropped the session before the data ended.
     *
     * @return true when a retry is safe and may succeed
     */
    public boolean transientFailure() {
        if (possiblyDelivered
                || kind == FailureKind.CONFIGURATION
                || kind == FailureKind.DISABLED
                || kind == FailureKind.TLS) {
            return false;
        }
        int replyClass = replyCode / 100;
        if (replyClass == 4 || replyClass == 5) {
            return replyClass == 4;
        }
        return kind == FailureKind.UNREACHABLE || kind == FailureKind.TIMEOUT || kind == FailureKind.PROTOCOL;
    }

    /**
     * The recipients the server refused.
     *
     * @return the refusals, possibly none
     */
    public List<SendResult.Rejection> rejectedRecipients() {
        return rejectedRecipients;
    }

    /**
     * Whether the connection was lost after the message data was sent: the server may have accepted it, so a retry must
     * reuse the same Message-ID.
     *
     * @return true when the server may have the message
     */
    public boolean possiblyDelivered() {
        return possiblyDelivered;
    }

    /** Describes a {@link DeliveryException}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final FailureKind kind;
        private int replyCode;
        private String message;
        private LocalizedMessage text;
        private String detail = "";
        private List<SendResult.Rejection> rejectedRecipients = List.of();
        private boolean possiblyDelivered;
        private Throwable cause;

        private Builder(FailureKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /**
         * Sets the server's reply code.
         *
         * @param replyCode e.g. 550; 0 (the default) when there was none
         * @return this builder
         */
        public Builder replyCode(int replyCode) {
            this.replyCode = replyCode;
            return this;
        }

        /**
         * Sets a plain English text.
         *
         * @param message the text; never a secret
         * @return this builder
         */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            this.text = null;
            return this;
        }

        /**
         * Sets a text the connector has in several languages.
         *
         * @param text the text
         * @return this builder
         */
        public Builder message(LocalizedMessage text) {
            this.text = Objects.requireNonNull(text, "text");
            this.message = null;
            return this;
        }

        /**
         * Sets a technical detail shown in brackets after a localized text, not translated.
         *
         * @param detail e.g. the server's reply; null or blank for none
         * @return this builder
         */
        public Builder detail(String detail) {
            this.detail = detail == null ? "" : detail;
            return this;
        }

        /**
         * Sets the recipients the server refused.
         *
         * @param rejectedRecipients the refusals
         * @return this builder
         */
        public Builder rejectedRecipients(List<SendResult.Rejection> rejectedRecipients) {
            this.rejectedRecipients = List.copyOf(rejectedRecipients);
            return this;
        }

        /**
         * Sets whether the server may have accepted the message.
         *
         * @param possiblyDelivered true when the connection was lost after the data was sent
         * @return this builder
         */
        public Builder possiblyDelivered(boolean possiblyDelivered) {
            this.possiblyDelivered = possiblyDelivered;
            return this;
        }

        /**
         * Sets the cause.
         *
         * @param cause the underlying exception, or null
         * @return this builder
         */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        /**
         * The exception.
         *
         * @return a new exception
         * @throws IllegalStateException if no text was set
         */
        public DeliveryException build() {
            if (message == null && text == null) {
                throw new IllegalStateException("a DeliveryException needs a message");
            }
            return new DeliveryException(this);
        }
    }
}
