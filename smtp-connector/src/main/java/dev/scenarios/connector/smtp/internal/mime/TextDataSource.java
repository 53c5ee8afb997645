package dev.scenarios.connector.smtp.internal.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.EncodingAware;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 text body that names its own transfer encoding when the text is plain 7bit data (RFC 2045 section 2.7:
 * US-ASCII without NUL, no line over 998 octets), so that Jakarta Mail need not scan its bytes again on every save;
 * that scan was a tenth of the CPU of a pooled message. For any other text it answers null and Jakarta chooses as
 * always (quoted-printable or base64). Its {@link #handler()} writes the bytes as they are.
 */
final class TextDataSource extends ByteArrayDataSource implements EncodingAware {

    /** RFC 5322 section 2.1.1: at most 998 characters on a line, excluding the CRLF. */
    private static final int MAX_LINE = 998;

    private final byte[] utf8;
    private final String encoding;

    /** The body {@code text} of MIME type {@code type} (without charset; UTF-8 is added). No I/O. */
    TextDataSource(String text, String type) {
        this(text, text.getBytes(StandardCharsets.UTF_8), type);
    }

    private TextDataSource(String text, byte[] utf8, String type) {
        super(utf8, type + "; charset=UTF-8");
        this.utf8 = utf8;
        // UTF-8 takes one byte per character only for US-ASCII.
        this.encoding = utf8.length == text.length() && text.indexOf('\0') < 0 && shortLines(text) ? "7bit" : null;
    }

    @Override
    public String getEncoding() {
        return encoding;
    }

    /**
     * A DataHandler over this body that writes its bytes in one call: the plain one copies them through a new 8 KB
     * buffer each time the message is written, a third of a message's garbage.
     */
    DataHandler handler() {
        return new DataHandler(this) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(utf8);
            }
        };
    }

    /**
     * Whether no line is longer than {@link #MAX_LINE}; a bare CR counts as part of a line, which errs towards "no".
     */
    private static boolean shortLines(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int length = end - start - (end > start && text.charAt(end - 1) == '\r' ? 1 : 0);
            if (length > MAX_LINE) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
