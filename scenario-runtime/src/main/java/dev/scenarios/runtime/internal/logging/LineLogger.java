package dev.scenarios.runtime.internal.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that writes each record as one {@link LogFormat} line to standard error (looked up per line, so a test or a
 * command may replace it). Its level comes, as with slf4j-simple whose settings it keeps, from the system property
 * {@code org.slf4j.simpleLogger.log.<name or a parent>}, else {@code simplelogger.properties} on the class path, else
 * {@code org.slf4j.simpleLogger.defaultLogLevel}, else INFO; {@code off} silences it. Thread-safe.
 */
final class LineLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final int OFF = Integer.MAX_VALUE;
    private static final Properties FILE = load();

    private final int threshold;

    LineLogger(String name) {
        this.name = name;
        this.threshold = threshold(name);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = LineLogger.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no settings: the defaults apply
        }
        return p;
    }

    private static String setting(String key) {
        String value = System.getProperty(PREFIX + key);
        return value != null ? value : FILE.getProperty(PREFIX + key);
    }

    /** The lowest level {@code name} logs: its own setting or its nearest parent's ({@code a.b} for {@code a.b.C}). */
    private static int threshold(String name) {
        String level = null;
        for (String n = name;
                level == null && !n.isEmpty();
                n = n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : "") {
            level = setting("log." + n);
        }
        if (level == null) {
            level = setting("defaultLogLevel");
        }
        return switch (level == null ? "info" : level.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE.toInt();
            case "debug" -> Level.DEBUG.toInt();
            case "warn" -> Level.WARN.toInt();
            case "error" -> Level.ERROR.toInt();
            case "off" -> OFF;
            default -> Level.INFO.toInt();
        };
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String line = LogFormat.current()
                .render(
                        OffsetDateTime.now(),
                        level.name(),
                        name,
                        Thread.currentThread().getName(),
                        message,
                        thrown);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
