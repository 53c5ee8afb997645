package dev.scenarios.connector.smtp.internal.mime;

import dev.scenarios.connector.api.DeliveryException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that keep scenario data from rewriting a message's header: which custom header names a path may set, that
 * no header value carries a line break, and that no header line grows past RFC 5322's limit. Pure.
 */
public final class HeaderSafety {

    private static final Pattern X_HEADER = Pattern.compile("X-[A-Za-z0-9-]+", Pattern.CASE_INSENSITIVE);

    /** Lower-case names of the standard headers a path may set besides {@code X-*}. */
    private static final Set<String> ALLOWED = Set.of(
            "list-unsubscribe",
            "list-unsubscribe-post",
            "list-id",
            "importance",
            "priority",
            "sensitivity",
            "auto-submitted",
            "in-reply-to",
            "references",
            "keywords",
            "comments",
            "organization");

    /**
     * An RFC 2047 encoded-word anywhere in the text, not only between spaces as the standard asks: lenient readers
     * decode those too, so they must be checked as well.
     */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=");

    /** RFC 5322 2.1.1: a line of a message is at most 998 characters, without its CRLF. */
    static final int MAX_LINE = 998;

    private HeaderSafety() {}

    /**
     * Whether a path or a scenario may set the header {@code name}: {@code X-…} or one of a few informational standard
     * headers. Addressing, identity, routing and MIME structure headers (From, To, Subject, Message-ID, Content-*,
     * Received, …) are refused.
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
     * Whether {@code value} holds CR, LF or NUL, either as is or inside an RFC 2047 encoded-word (e.g.
     * {@code =?UTF-8?Q?=0D=0A?=}).
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
     * Fails when {@code value} {@linkplain #containsLineBreak contains a line break}; the message names {@code field}
     * but not the value.
     *
     * @throws DeliveryException CONFIGURATION
     */
    public static void requireSingleLine(String field, String value) throws DeliveryException {
        if (containsLineBreak(value)) {
            throw PathTexts.configurationError("send.linebreak", field);
        }
    }

    /**
     * Fails when header {@code header} with {@code value}, RFC 2047 encoded in UTF-8 and folded as Jakarta Mail writes
     * it, would have a line over the 998 characters RFC 5322 allows (a long word without spaces cannot be folded). The
     * message names {@code field} and the length. Pure.
     *
     * @throws DeliveryException CONFIGURATION
     */
    public static void requireShortLines(String field, String header, String value) throws DeliveryException {
        String folded;
        try {
            folded = MimeUtility.fold(header.length() + 2, MimeUtility.encodeText(value, "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        int longest = 0;
        int first = header.length() + 2;
        for (String line : folded.split("\r\n")) {
            longest = Math.max(longest, first + line.length());
            first = 0;
        }
        if (longest > MAX_LINE) {
            throw PathTexts.configurationError("send.header.tooLong", field, longest, MAX_LINE);
        }
    }

    private static boolean hasBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0;
    }
}
