package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.ScriptedSmtpServer.DataEnd;
import dev.scenarios.testing.ScriptedSmtpServer.Transaction;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery: direct}: the step itself retries, then succeeds or fails with the last failure. */
class DirectDeliveryTest {

    private static final String DIRECT = """
            delivery: direct
            retry:
              attempts: 3
              backoff: [100ms]
              jitter: 0
            """;

    @TempDir
    Path dir;

    @Test
    void transientFailuresAreRetriedThenTheStepFailsWithTheLastKindAndCode() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "451 4.7.1 greylisted";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), DIRECT);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
                assertThatThrownBy(() -> runtime.send("orders", DeliveryWorkspace.order("1", "anna@example.com")))
                        .isInstanceOfSatisfying(DeliveryException.class, e -> {
                            assertThat(e.kind()).isEqualTo(FailureKind.RECIPIENT_REJECTED);
                            assertThat(e.replyCode()).isEqualTo(451);
                            assertThat(e.rejectedRecipients())
                                    .singleElement()
                                    .satisfies(r -> assertThat(r.address()).isEqualTo("anna@example.com"));
                        });
            }
            assertThat(server.transactions()).hasSize(3);
            assertThat(server.withData()).isEmpty();
        }
    }

    @Test
    void anAmbiguousAttemptIsRetriedWithTheSameMessageIdAndTheStepSucceeds() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public DataEnd dataEnd(int transaction) {
                return transaction == 0 ? DataEnd.STALL : DataEnd.ACCEPT;
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), DIRECT);
            SendResult result;
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
                result = runtime.send("orders", DeliveryWorkspace.order("2", "anna@example.com"));
            }
            assertThat(result.serverReply()).startsWith("250");
            assertThat(server.withData())
                    .hasSize(2)
                    .extracting(Transaction::messageId)
                    .containsOnly(result.messageId());
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "550 5.1.1 user unknown";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), DIRECT);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
                assertThatThrownBy(() -> runtime.send("orders", DeliveryWorkspace.order("3", "anna@example.com")))
                        .isInstanceOfSatisfying(
                                DeliveryException.class,
                                e -> assertThat(e.replyCode()).isEqualTo(550));
            }
            assertThat(server.transactions()).hasSize(1);
        }
    }

    @Test
    void aStepWhoseRecipientsAreRefusedPartlyReportsThemAndRetriesOnlyThe4yzOnes() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                if (address.startsWith("later")) {
                    return transaction == 0 ? "452 4.2.2 mailbox full" : "250 2.1.5 Ok";
                }
                return address.startsWith("gone") ? "550 5.1.1 user unknown" : "250 2.1.5 Ok";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), DIRECT);
            ws.files.write("scenarios/orders.yaml", """
                    - route:
                        from:
                          uri: direct:orders
                          steps:
                            - to: path:orders
                            - setBody:
                                simple: "${variable.queued} ${variable.rejectedRecipients}"
                    """);
            Exchange done;
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                done = runtime.camelContext()
                        .createProducerTemplate()
                        .send(
                                "direct:orders",
                                e -> e.getMessage()
                                        .setBody(DeliveryWorkspace.order(
                                                "4", "anna@example.com", "later@example.com", "gone@example.com")));
            }
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(String.class))
                    .startsWith("false ")
                    .contains("gone@example.com")
                    .contains("550")
                    .doesNotContain("later@example.com")
                    .doesNotContain("anna@example.com");
            List<Transaction> received = server.withData();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).recipients()).containsExactly("later@example.com");
        }
    }

    /**
     * Issue 14, finding 8: a step's attempts end at its overall deadline (retry.lifetime), whatever the attempt count
     * says.
     */
    @Test
    void theAttemptsOfOneStepEndAtItsOverallDeadline() throws Exception {
        assertThat(DeliveryPolicy.DIRECT.lifetime()).isEqualTo(java.time.Duration.ofMinutes(2));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "451 4.7.1 greylisted";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(
                    dir,
                    server.port(),
                    "delivery: direct\nretry:\n  attempts: 100\n  backoff: [200ms]\n  jitter: 0\n  lifetime: 1s\n");
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> runtime.send("orders", DeliveryWorkspace.order("1", "anna@example.com")))
                        .isInstanceOfSatisfying(
                                DeliveryException.class,
                                e -> assertThat(e.replyCode()).isEqualTo(451));
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(java.time.Duration.ofSeconds(3));
            }
            assertThat(server.transactions()).hasSizeBetween(2, 7);
        }
    }
}
