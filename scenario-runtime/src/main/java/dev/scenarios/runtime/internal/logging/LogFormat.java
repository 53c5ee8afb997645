package dev.scenarios.runtime.internal.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the process writes log lines, chosen once at start ({@code --log-format}): {@link #TEXT} for people,
 * {@link #JSON} (one object per line) for machines. Both carry the date, time and time-zone offset. Read by
 * {@link LineLogger} on every line, so a command can choose before it logs anything.
 */
public enum LogFormat {
    /** {@code 2026-12-04T17:20:01.123+01:00 INFO logger - message}, then the stack trace if any. */
    TEXT,
    /** {@code {"time":"…","level":"INFO","logger":"…","thread":"…","message":"…","exception":"…"}}. */
    JSON;

    /** Date, time with milliseconds, and the offset: sortable, and unambiguous across a DST change. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile LogFormat current = TEXT;

    /** The format in use. */
    public static LogFormat current() {
        return current;
    }

    /** Uses {@code format} from now on, for every logger. */
    public static void use(LogFormat format) {
        current = format;
    }

    /** {@code fields} as one line of JSON (in their order), e.g. a run's line per message in JSON mode. Pure. */
    public static String json(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line as JSON", e);
        }
    }

    /** One log record in this format, without the final line break. Pure. */
    String render(OffsetDateTime time, String level, String logger, String thread, String message, Throwable thrown) {
        if (this == JSON) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("time", time.format(TIME));
            fields.put("level", level);
            fields.put("logger", logger);
            fields.put("thread", thread);
            fields.put("message", message);
            if (thrown != null) {
                fields.put("exception", stackTrace(thrown));
            }
            return json(fields);
        }
        String line = time.format(TIME) + " " + String.format("%-5s", level) + " " + logger + " - " + message;
        return thrown == null
                ? line
                : line + System.lineSeparator() + stackTrace(thrown).stripTrailing();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
