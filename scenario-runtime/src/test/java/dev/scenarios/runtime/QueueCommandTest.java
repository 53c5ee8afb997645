package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenarios.connector.api.PreparedMessage;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.delivery.FileMessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenario queue}: what an operator sees and can do, on a queue written as the runtime writes it. */
class QueueCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    FileMessageQueue queue;
    QueuedMessage pending;
    QueuedMessage dead;

    @BeforeEach
    void queueTwoMessages() throws Exception {
        TestWorkspace.minimal(dir);
        queue = new FileMessageQueue(dir.resolve("data/queue"));
        pending = queue.add("orders", message("<a@test>", "anna@example.com"), NOW, NOW.plusSeconds(86400));
        QueuedMessage second = queue.add(
                "orders",
                message("<b@test>", "boris@example.com", "gone@example.com"),
                NOW.plusSeconds(1),
                NOW.plusSeconds(86401));
        // add() returns once a message is durable; it is laid out as files for readers a moment later.
        queue.flush();
        dead = new QueuedMessage(
                second.id(),
                "orders",
                "<b@test>",
                List.of(),
                List.of("boris@example.com"),
                List.of(new SendResult.Rejection("gone@example.com", 550, "550 5.1.1 user unknown")),
                QueuedMessage.State.DEAD,
                1,
                second.queuedAt(),
                second.nextAttemptAt(),
                second.expiresAt(),
                "550 5.1.1 user unknown",
                false,
                "refused: gone@example.com 550 5.1.1 user unknown");
        queue.update(dead);
    }

    private static PreparedMessage message(String id, String... to) {
        return new PreparedMessage(
                id, List.of(to), ("Message-ID: " + id + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void listsPendingAndDeadMessagesWithRecipientsAttemptsAndReasons() {
        CliRun run = CliRun.of("queue", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(pending.id() + "  PENDING  path orders  bus 0  <a@test>")
                .contains("to: anna@example.com")
                .contains(dead.id() + "  DEAD  path orders  bus 0  <b@test>")
                .contains("already delivered to: boris@example.com")
                .contains("refused: gone@example.com 550 5.1.1 user unknown")
                .contains("dead because: refused: gone@example.com")
                .contains("1 pending, 0 deferred, 0 sending, 1 dead");
    }

    @Test
    void aStoredReasonIsShownInTheReadersLanguage() throws Exception {
        QueuedMessage third = queue.add("orders", message("<c@test>", "vera@example.com"), NOW.plusSeconds(2), NOW);
        queue.flush();
        queue.update(third.with(QueuedMessage.State.DEAD, NOW)
                .damaged(QueueReason.of("queue.reason.content.checksum", third.id() + ".eml")));

        CliRun ru = CliRun.of("queue", dir.toString(), "--lang", "ru");
        assertThat(ru.out())
                .contains("сохранённое содержимое «" + third.id() + ".eml» повреждено: контрольная сумма SHA-256 не"
                        + " совпадает")
                // stored as English text by an older version: still shown as it was
                .contains("refused: gone@example.com 550 5.1.1 user unknown");
        assertThat(CliRun.of("queue", dir.toString()).out())
                .contains("the stored content " + third.id() + ".eml is damaged: its SHA-256 checksum does not match");
        JsonNode listed = new ObjectMapper()
                .readTree(CliRun.of("queue", dir.toString(), "--json", "--lang", "ru")
                        .out())
                .get(2);
        assertThat(listed.get("reasonKey").asText()).isEqualTo("queue.reason.content.checksum");
        assertThat(listed.get("deadReason").asText()).startsWith("сохранённое содержимое");
    }

    @Test
    void listsAsJson() throws Exception {
        CliRun run = CliRun.of("queue", dir.toString(), "--json");

        JsonNode list = new ObjectMapper().readTree(run.out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(pending.id());
        assertThat(list.get(0).get("state").asText()).isEqualTo("PENDING");
        assertThat(list.get(0).get("nextAttemptAt").asText()).isEqualTo(NOW.toString());
        assertThat(list.get(1).get("state").asText()).isEqualTo("DEAD");
        assertThat(list.get(1).get("refused").get(0).get("replyCode").asInt()).isEqualTo(550);
        assertThat(list.get(1).get("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void eachMessageShowsTheDataBusOfItsPathInTextAndJson() throws Exception {
        new TestWorkspace(dir).write("paths/orders.yaml", TestWorkspace.PATH + "bus: 2\n");

        assertThat(CliRun.of("queue", dir.toString()).out())
                .contains(pending.id() + "  PENDING  path orders  bus 2  <a@test>");
        assertThat(CliRun.of("queue", dir.toString(), "--lang", "ru").out())
                .contains(pending.id() + "  PENDING  путь orders  шина 2  <a@test>");
        JsonNode list = new ObjectMapper()
                .readTree(CliRun.of("queue", dir.toString(), "--json").out());
        assertThat(list.get(0).get("bus").asInt()).isEqualTo(2);
        assertThat(list.get(1).get("bus").asInt()).isEqualTo(2);
    }

    @Test
    void retryingADeadMessageOwesItAgainToTheRefusedRecipientsOnly() throws Exception {
        CliRun run = CliRun.of("queue", dir.toString(), "--retry", dead.id());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("message " + dead.id() + " is due now");
        QueuedMessage retried = queue.find(dead.id()).orElseThrow();
        assertThat(retried.state()).isEqualTo(QueuedMessage.State.DEFERRED);
        assertThat(retried.owed()).containsExactly("gone@example.com");
        assertThat(retried.delivered()).containsExactly("boris@example.com");
        assertThat(retried.expiresAt()).isAfter(Instant.now());
        assertThat(Files.readString(dir.resolve("data/queue/events.log"))).contains("RETRY " + dead.id());
    }

    @Test
    void retryDeadRetriesEveryDeadMessage() throws Exception {
        CliRun run = CliRun.of("queue", dir.toString(), "--retry-dead");

        assertThat(run.out()).contains("1 dead messages are due again");
        try (var stream = queue.dead()) {
            assertThat(stream.count()).isZero();
        }
    }

    @Test
    void purgingRemovesTheStateAndTheContent() throws Exception {
        CliRun run = CliRun.of("queue", dir.toString(), "--purge", pending.id());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("message " + pending.id() + " was removed from the queue");
        assertThat(queue.find(pending.id())).isEmpty();
        assertThat(dir.resolve("data/queue/messages/" + pending.id() + ".eml")).doesNotExist();
    }

    @Test
    void anUnknownIdExitsWith1AndABadWorkspaceOrArgumentsWith2() {
        CliRun unknown = CliRun.of("queue", dir.toString(), "--retry", "nope-0000");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err())
                .isEqualTo("no queued message with id \"nope-0000\" (scenario queue <workspace> lists them)"
                        + System.lineSeparator());

        CliRun missing = CliRun.of("queue", dir.resolve("missing").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("not a workspace folder").doesNotContain("Exception");

        CliRun both = CliRun.of("queue", dir.toString(), "--retry", pending.id(), "--purge", pending.id());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("use only one of --retry, --retry-dead and --purge");
    }

    @Test
    void anEmptyQueueSaysSo() throws Exception {
        queue.remove(pending.id());
        queue.remove(dead.id());

        assertThat(CliRun.of("queue", dir.toString(), "--lang", "ru").out())
                .isEqualTo("очередь пуста" + System.lineSeparator());
    }

    @Test
    void sendOnAQueuedPathSaysQueuedAndTheQueueListsTheMessage() throws Exception {
        queue.remove(pending.id());
        queue.remove(dead.id());
        try (dev.scenarios.testing.ScriptedSmtpServer server = dev.scenarios.testing.ScriptedSmtpServer.start(
                new dev.scenarios.testing.ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace.create(dir, server.port(), "delivery: queued");

            CliRun send = CliRun.with(
                    Connectors.fromClassPath(),
                    "send",
                    dir.toString(),
                    "orders",
                    "--attr",
                    "OrderNo=12",
                    "--to",
                    "anna@example.com");

            assertThat(send.exitCode()).as(send.err()).isZero();
            assertThat(send.out()).startsWith("Queued through path orders: Message-ID <");
            CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
            assertThat(list.out())
                    .contains("PENDING  path orders")
                    .contains("to: anna@example.com")
                    .contains("1 pending, 0 deferred");
            assertThat(server.transactions()).isEmpty();
        }
    }
}
