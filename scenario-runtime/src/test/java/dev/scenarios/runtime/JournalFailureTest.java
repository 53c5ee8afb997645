package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.testing.Tmpfs;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 1: a connection journal ({@code journal: full}) on a read-only file system. The journal is
 * evidence, never state: the send and the check keep their real result and exit code, {@code --json} says
 * {@code journalError}, and a queued message is recorded SENT and sent once.
 */
class JournalFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DeliveryWorkspace workspace(int port, String delivery) throws Exception {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, delivery);
        Path connection = dir.resolve("connections/mail.yaml");
        ws.files.write(
                "connections/mail.yaml", Files.readString(connection).replace("journal: errors", "journal: full"));
        return ws;
    }

    @Test
    void aSendWhoseJournalCannotBeWrittenReportsItsRealResult() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {});
                Tmpfs journals = Tmpfs.readOnly(dir.resolve("data/journals"))) {
            DeliveryWorkspace ws = workspace(server.port(), "delivery: direct");
            CliRun send = CliRun.with(
                    Connectors.fromClassPath(),
                    "send",
                    ws.files.dir.toString(),
                    "orders",
                    "--attr",
                    "OrderNo=7",
                    "--to",
                    "anna@example.com",
                    "--json");

            assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
            JsonNode out = JSON.readTree(send.out());
            assertThat(out.path("status").asText()).isEqualTo("SENT");
            assertThat(out.path("journalError").asText())
                    .contains("journals/mail.log")
                    .contains("Read-only file system");
            assertThat(server.withData()).hasSize(1);

            CliRun check = CliRun.with(Connectors.fromClassPath(), "check", ws.files.dir.toString(), "mail", "--json");
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            JsonNode checked = JSON.readTree(check.out());
            assertThat(checked.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(checked.path("journalError").asText()).contains("journals/mail.log");
        }
    }

    @Test
    void aQueuedMessageWhoseJournalCannotBeWrittenIsRecordedSentAndSentOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {});
                Tmpfs journals = Tmpfs.readOnly(dir.resolve("data/journals"))) {
            DeliveryWorkspace ws = workspace(server.port(), "delivery: queued");
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = runtime.send("orders", DeliveryWorkspace.order("8", "anna@example.com"));
                assertThat(await(Duration.ofSeconds(15), () -> ws.queued().isEmpty()))
                        .as("delivered and removed: %s", ws.queued())
                        .isTrue();
                assertThat(runtime.journalError())
                        .hasValueSatisfying(e -> assertThat(e).contains("journals/mail.log"));
                assertThat(ws.journal())
                        .anySatisfy(line -> assertThat(line).contains(" SENT ").contains(queued.messageId()));
            }
            // A restart finds nothing to send again.
            try (ScenarioRuntime again = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThat(ws.queued()).isEmpty();
            }
            assertThat(server.withData()).hasSize(1);
        }
    }
}
