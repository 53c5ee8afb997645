package dev.scenarios.connector.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message was not delivered. Carries what a scenario's error handler needs to decide: the kind
 * of failure, the server's reply code (0 when there was none, e.g. the server was unreachable) and
 * the recipients the server refused. The message text never contains a secret. A connector may
 * also give the text in every language it knows ({@link #message(Locale)}); {@link #getMessage()}
 * is the English one, for logs, journals and Camel's {@code ${exception.message}}.
 */
public class DeliveryException extends Exception {

    private final FailureKind kind;
    private final int replyCode;
    private final List<RecipientRejection> rejectedRecipients;
    private final boolean possiblyDelivered;
    private final transient LocalizedMessage text;
    private final String detail;

    public DeliveryException(FailureKind kind, int replyCode, String message,
            List<RecipientRejection> rejectedRecipients, boolean possiblyDelivered, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.replyCode = replyCode;
        this.rejectedRecipients = List.copyOf(rejectedRecipients);
        this.possiblyDelivered = possiblyDelivered;
        this.text = null;
        this.detail = "";
    }

    public DeliveryException(FailureKind kind, int replyCode, String message) {
        this(kind, replyCode, message, List.of(), false, null);
    }

    /**
     * A failure whose text the connector has in several languages: {@code text}, followed by
     * {@code detail} in brackets when there is one (technical, e.g. the server's reply: not translated).
     */
    public DeliveryException(FailureKind kind, int replyCode, LocalizedMessage text, String detail,
            List<RecipientRejection> rejectedRecipients, boolean possiblyDelivered, Throwable cause) {
        super(withDetail(text.in(Locale.ENGLISH), detail), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.replyCode = replyCode;
        this.rejectedRecipients = List.copyOf(rejectedRecipients);
        this.possiblyDelivered = possiblyDelivered;
        this.text = text;
        this.detail = detail == null ? "" : detail;
    }

    /**
     * The failure's text in {@code locale} when the connector gave it in several languages, also
     * through a wrapping DeliveryException with the same text (as {@link #getMessage()} otherwise).
     * For people: a CLI, a console, a notification.
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

    /** What went wrong, e.g. {@link FailureKind#RECIPIENT_REJECTED}. */
    public FailureKind kind() {
        return kind;
    }

    /** The server's reply code for the failing command, or 0 if the server gave none. */
    public int replyCode() {
        return replyCode;
    }

    /** Whether retrying the same message later may succeed (4yz replies, network failures). */
    public boolean transientFailure() {
        return replyCode / 100 == 4 || kind == FailureKind.UNREACHABLE || kind == FailureKind.TIMEOUT;
    }

    /** The recipients the server refused, possibly empty. */
    public List<RecipientRejection> rejectedRecipients() {
        return rejectedRecipients;
    }

    /**
     * True when the connection was lost after the message data was sent: the server may have
     * accepted it, so a retry must reuse the same Message-ID.
     */
    public boolean possiblyDelivered() {
        return possiblyDelivered;
    }
}
