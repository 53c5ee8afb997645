package dev.scenarios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.ScriptedSmtpServer.DataEnd;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 7: {@code rejectedRecipients} lists only recipients the server refused by reply; a failure of the
 * whole session is the exception's kind and text, not a list of everybody.
 */
class RejectedRecipientsTest {

    private static final String DIRECT = "delivery: direct\nretry:\n  attempts: 2\n  backoff: [50ms]\n  jitter: 0\n";

    @TempDir
    Path dir;

    private void failsWith(int port, Consumer<DeliveryException> expectation) throws Exception {
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, DIRECT);
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, false)) {
            assertThatThrownBy(() -> runtime.send(
                            "orders", DeliveryWorkspace.order("1", "anna@example.com", "boris@example.com")))
                    .isInstanceOfSatisfying(DeliveryException.class, expectation);
        }
    }

    private void failsWith(ScriptedSmtpServer.Script script, Consumer<DeliveryException> expectation) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            failsWith(server.port(), expectation);
        }
    }

    @Test
    void aWholeSessionFailureRefusesNobody() throws Exception {
        failsWith(
                new ScriptedSmtpServer.Script() {
                    @Override
                    public String greeting(int connection) {
                        return "421 4.3.2 service not available";
                    }
                },
                e -> assertThat(e.rejectedRecipients()).isEmpty());
        failsWith(
                new ScriptedSmtpServer.Script() {
                    @Override
                    public DataEnd dataEnd(int transaction) {
                        return DataEnd.DEFER;
                    }
                },
                e -> {
                    assertThat(e.replyCode()).isEqualTo(451);
                    assertThat(e.rejectedRecipients()).isEmpty();
                });
        int closed;
        try (ServerSocket reserved = new ServerSocket(0)) {
            closed = reserved.getLocalPort();
        }
        failsWith(closed, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.UNREACHABLE);
            assertThat(e.rejectedRecipients()).isEmpty();
        });
    }

    @Test
    void aPermanentRefusalAfterTheDataRefusesEveryRecipientByItsReply() throws Exception {
        failsWith(
                new ScriptedSmtpServer.Script() {
                    @Override
                    public DataEnd dataEnd(int transaction) {
                        return DataEnd.REFUSE;
                    }
                },
                e -> {
                    assertThat(e.replyCode()).isEqualTo(554);
                    assertThat(e.rejectedRecipients())
                            .extracting(r -> r.address() + " " + r.replyCode())
                            .containsExactly("anna@example.com 554", "boris@example.com 554");
                });
    }

    @Test
    void aRecipientRefusedAtRcptIsListedWithItsReply() throws Exception {
        failsWith(
                new ScriptedSmtpServer.Script() {
                    @Override
                    public String rcpt(int transaction, String address) {
                        return "550 5.1.1 user unknown";
                    }
                },
                e -> assertThat(e.rejectedRecipients())
                        .extracting(r -> r.address() + " " + r.reply())
                        .containsExactly(
                                "anna@example.com 550 5.1.1 user unknown", "boris@example.com 550 5.1.1 user unknown"));
    }
}
