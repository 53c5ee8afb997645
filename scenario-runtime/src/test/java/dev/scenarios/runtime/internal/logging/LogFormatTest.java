package dev.scenarios.runtime.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the runtime's loggers write to standard error, through SLF4J as every class logs. */
class LogFormatTest {

    private final PrintStream original = System.err;

    @AfterEach
    void restore() {
        System.setErr(original);
        LogFormat.use(LogFormat.TEXT);
    }

    private String logged(LogFormat format, Runnable logging) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LogFormat.use(format);
        logging.run();
        System.setErr(original);
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textLinesCarryDateTimeAndOffset() {
        String out = logged(
                LogFormat.TEXT,
                () -> LoggerFactory.getLogger("dev.scenarios.test").info("queued {} for {}", 3, "orders"));

        assertThat(out)
                .matches(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  dev\\.scenarios\\.test - queued 3 for orders\\R");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheStackTraceInside() throws Exception {
        String out = logged(
                LogFormat.JSON,
                () -> LoggerFactory.getLogger("dev.scenarios.test")
                        .warn("cannot write \"{}\"", "events.log", new java.io.IOException("No space left on device")));

        assertThat(out.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(out);
        assertThat(line.get("time").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("dev.scenarios.test");
        assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.get("message").asText()).isEqualTo("cannot write \"events.log\"");
        assertThat(line.get("exception").asText())
                .startsWith("java.io.IOException: No space left on device")
                .contains("\tat ");
    }

    @Test
    void levelsKeepTheSimpleLoggerSettings() {
        String out = logged(LogFormat.TEXT, () -> {
            LoggerFactory.getLogger("org.apache.camel.impl.Something").info("hidden: Camel logs from WARN");
            LoggerFactory.getLogger("com.icegreen.greenmail.smtp.SmtpHandler").error("hidden: off");
            LoggerFactory.getLogger("org.apache.camel.impl.Something").warn("shown");
        });

        assertThat(out).doesNotContain("hidden").contains("WARN  org.apache.camel.impl.Something - shown");
    }
}
