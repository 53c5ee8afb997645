package dev.scenarios.runtime.cli;

import dev.scenarios.runtime.internal.logging.LogFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --log-format text|json} option of {@code run} and {@code serve}. */
public final class LogFormatOption {

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Converter.class,
            description =
                    "text (default) or json: one JSON object per log line, and per message line of run, for machines.")
    LogFormat format = LogFormat.TEXT;

    /** What a command does in the chosen format. */
    @FunctionalInterface
    interface Work {
        int run(LogFormat format) throws Exception;
    }

    /**
     * Runs {@code work} with every logger switched to the chosen format (the process's loggers are shared), then
     * switches back, so that a command embedded in a longer-lived JVM leaves no trace.
     */
    int run(Work work) throws Exception {
        LogFormat before = LogFormat.current();
        LogFormat.use(format);
        try {
            return work.run(format);
        } finally {
            LogFormat.use(before);
        }
    }

    /** {@code text} or {@code json}; anything else is a usage error (exit code 2), not silently text. */
    static final class Converter implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "text" -> LogFormat.TEXT;
                case "json" -> LogFormat.JSON;
                default -> throw new TypeConversionException("expected text or json, got \"" + value + "\"");
            };
        }
    }
}
