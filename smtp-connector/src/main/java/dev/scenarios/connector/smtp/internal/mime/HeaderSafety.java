package dev.scenarios.connector.smtp.internal.mime;

import dev.scenarios.connector.api.DeliveryException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two rules that keep scenario data from rewriting a message's header: which custom header
 * names a path may set, and that no header value carries a line break. Pure.
 */
public final class HeaderSafety {

    private static final Pattern X_HEADER = Pattern.compile("X-[A-Za-z0-9-]+", Pattern.CASE_INSENSITIVE);

    /** Lower-case names of the standard headers a path may set besides {@code X-*}. */
    private static final Set<String> ALLOWED = Set.of(
            "list-unsubscribe", "list-unsubscribe-post", "list-id", "importance", "priority", "sensitivity",
            "auto-submitted", "in-reply-to", "references", "keywords", "comments", "organization");

    /**
     * An RFC 2047 encoded-word anywhere in the text, not only between spaces as the standard asks:
     * lenient readers decode those too, so they must be checked as well.
     */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=");

    private HeaderSafety() {
    }

    /**
     * Whether a path or a scenario may set the header {@code name}: {@code X-…} or one of a few
     * informational standard headers. Addressing, identity, routing and MIME structure headers
     * (From, To, Subject, Message-ID, Content-*, Received, …) are refused.
     */
    public static boolean isAllowedCustomHeader(String name) {
        return name != null && (X_HEADER.matcher(name).matches() || ALLOWED.contains(name.toLowerCase(Locale.ROOT)));
    }

    /** The names {@link #isAllowedCustomHeader} accepts, for messages. */
    public static String allowedNames() {
        return "X-…, List-Unsubscribe, List-Unsubscribe-Post, List-Id, Importance, Priority, Sensitivity, "
                + "Auto-Submitted, In-Reply-To, References, Keywords, Comments, Organization";
    }

    /**
     * Whether {@code value} holds CR, LF or NUL, either as is or inside an RFC 2047 encoded-word
     * (e.g. {@code =?UTF-8?Q?=0D=0A?=}).
     */
    public static boolean containsLineBreak(String value) {
        if (value == null) {
            return false;
        }
        if (hasBreak(value)) {
            return true;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        while (m.find()) {
            try {
                if (hasBreak(MimeUtility.decodeWord(m.group()))) {
                    return true;
                }
            } catch (UnsupportedEncodingException | jakarta.mail.internet.ParseException | IllegalArgumentException e) {
                // A word a reader cannot decode is shown as typed, so it cannot break a line.
            }
        }
        return false;
    }

    /**
     * Fails when {@code value} {@linkplain #containsLineBreak contains a line break}; the message
     * names {@code field} but not the value.
     *
     * @throws DeliveryException CONFIGURATION
     */
    public static void requireSingleLine(String field, String value) throws DeliveryException {
        if (containsLineBreak(value)) {
            throw PathTexts.configurationError("send.linebreak", field);
        }
    }

    private static boolean hasBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
    }
}
