package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.ScriptedSmtpServer.DataEnd;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime in its own JVM ({@code scenario run}) is killed with {@code kill -9} while messages are queued and some
 * are being sent to a relay that never answers the final dot; restarted with a healthy relay, it delivers every message
 * the steps queued. A message can arrive twice only if the crash caught it after its data went out, and then with the
 * same Message-ID.
 */
class CrashRecoveryTest {

    private static final String SCENARIO = """
            - route:
                from:
                  uri: timer:orders?repeatCount=5&period=10&includeMetadata=true
                  steps:
                    - setVariable:
                        name: OrderNo
                        simple: "${header.CamelTimerCounter}"
                    - setVariable:
                        name: To
                        constant: '[{"Address": "anna@example.com"}]'
                    - to: path:orders
            """;

    @TempDir
    Path dir;

    @Test
    void killedWhileSendingThenRestartedDeliversEveryQueuedMessage() throws Exception {
        DeliveryWorkspace ws;
        Set<String> queuedIds;
        List<String> dataBeforeCrash;
        try (ScriptedSmtpServer stalling = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public DataEnd dataEnd(int transaction) {
                return DataEnd.STALL;
            }
        })) {
            ws = DeliveryWorkspace.create(
                    dir, stalling.port(), "delivery: queued\nretry:\n  backoff: [200ms]\n  jitter: 0\n");
            ws.connectTo(stalling.port(), "60s");
            ws.files.write("scenarios/orders.yaml", SCENARIO);
            ws.load();

            Process first = start(ws, "first.log");
            DeliveryWorkspace queue = ws;
            boolean caught = await(
                    Duration.ofSeconds(40),
                    () -> queue.queued().size() == 5
                            && !stalling.withData().isEmpty()
                            && queue.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.SENDING)
                            && queue.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.PENDING));
            assertThat(caught).as(log("first.log")).isTrue();
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();

            queuedIds = ws.queued().stream().map(QueuedMessage::messageId).collect(Collectors.toSet());
            dataBeforeCrash = stalling.withData().stream()
                    .map(ScriptedSmtpServer.Transaction::messageId)
                    .toList();
        }
        assertThat(queuedIds).hasSize(5);
        assertThat(queuedIds).containsAll(dataBeforeCrash);

        GreenMail healthy = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        healthy.start();
        try {
            ws.connectTo(healthy.getSmtp().getPort(), "5s");
            Files.delete(dir.resolve("scenarios/orders.yaml"));
            Process second = start(ws, "second.log");
            try {
                assertThat(healthy.waitForIncomingEmail(30_000, 5))
                        .as(log("second.log"))
                        .isTrue();
                DeliveryWorkspace queue = ws;
                assertThat(await(Duration.ofSeconds(10), () -> queue.queued().isEmpty()))
                        .as(log("second.log"))
                        .isTrue();
            } finally {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }

            List<String> afterRestart = new ArrayList<>();
            for (MimeMessage m : healthy.getReceivedMessages()) {
                afterRestart.add(m.getMessageID());
            }
            assertThat(afterRestart).hasSize(5).containsExactlyInAnyOrderElementsOf(queuedIds);

            Map<String, Integer> copies = new HashMap<>();
            dataBeforeCrash.forEach(id -> copies.merge(id, 1, Integer::sum));
            afterRestart.forEach(id -> copies.merge(id, 1, Integer::sum));
            Set<String> flagged = ws.journal().stream()
                    .filter(l -> l.contains(" POSSIBLE_DUPLICATE "))
                    .map(l -> l.split(" ")[3])
                    .collect(Collectors.toSet());
            copies.forEach((id, n) -> {
                if (n > 1) {
                    assertThat(flagged)
                            .as("a duplicate must be one the journal flagged")
                            .contains(id);
                }
            });
            assertThat(flagged).containsAll(dataBeforeCrash);
            assertThat(ws.journal()).filteredOn(l -> l.contains(" SENT ")).hasSize(5);
        } finally {
            healthy.stop();
        }
    }

    private Process start(DeliveryWorkspace ws, String logName) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        classPath,
                        "dev.scenarios.runtime.cli.ScenarioCommand",
                        "run",
                        ws.files.dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
    }

    private String log(String name) {
        try {
            File file = dir.resolve(name).toFile();
            return file.exists() ? Files.readString(file.toPath()) : "(no output)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
