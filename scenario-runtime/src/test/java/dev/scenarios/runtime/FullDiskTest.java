package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that stops taking bytes in the middle of the queue's write: {@code scenario send} runs in a JVM whose file
 * size limit ({@code ulimit -f}) is smaller than the message, so the operating system refuses the write halfway, as a
 * full disk would. The step must fail, saying so, and leave nothing behind in the queue.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    @Test
    void aWriteTheOperatingSystemRefusesHalfwayFailsTheStepAndQueuesNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 2525, "delivery: queued");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // words, so that the subject folds within RFC 5322's 998-character line and only the disk refuses
        String longOrderNumber = "9999 ".repeat(4_000).trim();

        // 8 blocks of 1 KiB: larger than any file the JVM writes to start, far smaller than the message.
        Process send = new ProcessBuilder(
                        "/bin/bash",
                        "-c",
                        "ulimit -f 8; exec \"$0\" \"$@\"",
                        java,
                        "-cp",
                        classPath,
                        "dev.scenarios.runtime.cli.ScenarioCommand",
                        "send",
                        ws.files.dir.toString(),
                        "orders",
                        "--attr",
                        "OrderNo=" + longOrderNumber,
                        "--to",
                        "anna@example.com",
                        "--lang",
                        "en")
                .redirectErrorStream(true)
                .start();
        String output = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(send.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(send.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .contains("Not sent through path orders: OTHER")
                .contains("the message was NOT queued")
                .contains("data/queue cannot be written")
                .doesNotContain("Exception:\n")
                .doesNotContain("\tat ");
        assertThat(ws.queued()).isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("data/queue/messages"))) {
            assertThat(left).as("no partial or temporary file is left").isEmpty();
        }
    }
}
