package dev.scenarios.connector.smtp.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Collects Angus's debug output of one SMTP session (set as the session's debug stream) and gives it back as a redacted
 * dialogue for the journal: AUTH exchanges (commands, challenges and responses) and the message content after DATA are
 * replaced by placeholders, whatever Angus itself suppresses. Bounded in size. Not thread-safe: one recorder per
 * session.
 */
public final class DialogueRecorder {

    private static final int LIMIT = 64 * 1024;
    private static final Pattern REPLY = Pattern.compile("^\\d{3}([ -].*)?$");
    private static final Pattern AUTH_COMMAND = Pattern.compile("(?i)^AUTH\\s+(\\S+).*");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(
            new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    if (bytes.size() < LIMIT) {
                        bytes.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, Math.max(0, Math.min(len, LIMIT - bytes.size())));
                }
            },
            true,
            StandardCharsets.UTF_8);

    /** The stream to pass as the session's debug output. */
    public PrintStream stream() {
        return stream;
    }

    /** The dialogue so far, redacted, one line per command or reply line. Pure over what was recorded. */
    public String redacted() {
        stream.flush();
        String raw = bytes.toString(StandardCharsets.UTF_8);
        return redact(raw) + (bytes.size() >= LIMIT ? "[dialogue truncated]\n" : "");
    }

    /** Forgets what was recorded, so a pooled session's next message starts a fresh dialogue. */
    public void reset() {
        stream.flush();
        bytes.reset();
    }

    /** The size in bytes of the message data seen after DATA (lines plus CRLF), or -1 if none. */
    public long messageBytes() {
        stream.flush();
        long size = -1;
        boolean inData = false;
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\r?\n")) {
            if (inData && line.equals(".")) {
                inData = false;
            } else if (inData) {
                size += line.getBytes(StandardCharsets.UTF_8).length + 2;
            } else if (line.startsWith("354")) {
                inData = true;
                size = 0;
            }
        }
        return size;
    }

    /** Redacts an SMTP trace: see the class comment. Pure; package-visible for tests. */
    static String redact(String trace) {
        StringBuilder out = new StringBuilder();
        boolean inAuth = false;
        boolean inData = false;
        boolean dataAccepted = false;
        int dataLines = 0;
        for (String line : trace.split("\r?\n")) {
            if (inData) {
                if (!dataAccepted) {
                    out.append(line).append('\n');
                    dataAccepted = line.startsWith("354");
                    inData = dataAccepted;
                } else if (line.equals(".")) {
                    out.append("[message content redacted: ").append(dataLines).append(" lines]\n.\n");
                    inData = false;
                } else {
                    dataLines++;
                }
                continue;
            }
            var auth = AUTH_COMMAND.matcher(line);
            if (auth.matches()) {
                out.append("AUTH ").append(auth.group(1)).append(" [redacted]\n");
                inAuth = true;
                continue;
            }
            if (inAuth) {
                if (REPLY.matcher(line).matches() && !line.startsWith("334")) {
                    out.append(line).append('\n');
                    inAuth = false;
                } else if (line.startsWith("334")) {
                    out.append("334 [redacted]\n");
                } else if (!line.startsWith("DEBUG")) {
                    out.append("[redacted]\n");
                } else {
                    out.append(line).append('\n');
                }
                continue;
            }
            if (line.equalsIgnoreCase("DATA")) {
                inData = true;
                dataAccepted = false;
                dataLines = 0;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
