package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenarios.connector.api.SendResult;
import dev.scenarios.testing.ScriptedSmtpServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 9: an operator drains the queue without starting any scenario, {@code --retry} says whether
 * anything will send the message, and a dead message shows whom it was for.
 */
class QueueOperatorTest {

    private static final String TIMER_SCENARIO = """
            - route:
                from:
                  uri: timer:orders?repeatCount=1&delay=0
                  steps:
                    - setVariable:
                        name: OrderNo
                        constant: "from-the-timer"
                    - setVariable:
                        name: To
                        constant: '[{"Address": "timer@example.com"}]'
                    - to: path:orders
            """;

    @TempDir
    Path dir;

    @Test
    void runQueueOnlyDeliversTheQueueAndStartsNoScenario() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), "delivery: queued");
            ws.files.write("scenarios/orders.yaml", TIMER_SCENARIO);
            CliRun send = CliRun.with(
                    Connectors.fromClassPath(),
                    "send",
                    dir.toString(),
                    "orders",
                    "--attr",
                    "OrderNo=queued-1",
                    "--to",
                    "anna@example.com");
            assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
            String id = ws.queued().get(0).id();

            CliRun retry = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--retry", id);
            assertThat(retry.out())
                    .contains("no runtime is running on this workspace")
                    .contains("--queue-only")
                    .doesNotContain("sends it within a second");

            CliRun drain =
                    CliRun.with(Connectors.fromClassPath(), "run", dir.toString(), "--queue-only", "--duration", "2s");
            assertThat(drain.exitCode()).as(drain.out() + drain.err()).isZero();
            assertThat(drain.out()).contains("Delivering the queue").contains("sent   path=orders");
            assertThat(server.withData()).singleElement().satisfies(t -> {
                assertThat(t.data()).contains("queued-1");
                assertThat(t.recipients()).containsExactly("anna@example.com");
            });
            assertThat(ws.queued()).isEmpty();
        }
    }

    @Test
    void aDeadMessageListsTheRecipientsItWasFor() throws Exception {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, 25, "delivery: queued");
        try (ScenarioRuntime oneShot = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
            oneShot.send("orders", DeliveryWorkspace.order("1", "gone@example.com"));
        }
        QueuedMessage m = ws.queued().get(0);
        ws.queue()
                .update(new QueuedMessage(
                        m.id(),
                        m.path(),
                        m.messageId(),
                        List.of(),
                        List.of(),
                        List.of(new SendResult.Rejection("gone@example.com", 550, "550 5.1.1 user unknown")),
                        QueuedMessage.State.DEAD,
                        1,
                        m.queuedAt(),
                        m.nextAttemptAt(),
                        m.expiresAt(),
                        "550 5.1.1 user unknown",
                        false,
                        "refused: gone@example.com"));

        CliRun list = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString());
        assertThat(list.out()).contains("DEAD").contains("to: gone@example.com");
        CliRun json = CliRun.with(Connectors.fromClassPath(), "queue", dir.toString(), "--json");
        assertThat(json.out()).contains("\"recipients\" : [ \"gone@example.com\" ]");
    }
}
