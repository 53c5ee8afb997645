package dev.scenarios.runtime;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SendResult;
import dev.scenarios.runtime.internal.delivery.QueueListing;
import dev.scenarios.runtime.testing.Tmpfs;
import dev.scenarios.testing.ScriptedSmtpServer;
import dev.scenarios.testing.ScriptedSmtpServer.DataEnd;
import dev.scenarios.testing.ScriptedSmtpServer.Transaction;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delivery: queued} against real SMTP dialogues on loopback (the fault matrix): each test asserts what the
 * server received, what the queue holds and what its journal says.
 */
class QueuedDeliveryTest {

    private static final String QUEUED = """
            delivery: queued
            retry:
              backoff: [200ms]
              jitter: 0
            """;
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** Queues order {@code number} through a runtime on {@code ws}; returns the step's result ("queued as ..."). */
    private static SendResult queue(ScenarioRuntime runtime, String number, String... to) throws DeliveryException {
        SendResult result = runtime.send("orders", DeliveryWorkspace.order(number, to));
        assertThat(result.serverReply()).startsWith("queued as ");
        assertThat(result.acceptedRecipients()).isEmpty();
        return result;
    }

    @Test
    void aRelayThatIsDownAndThenUpGetsTheMessageExactlyOnce() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, QUEUED);
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
            SendResult queued = queue(runtime, "1", "anna@example.com");
            assertThat(await(LIMIT, () -> ws.queued().stream().anyMatch(m -> m.attempts() >= 2)))
                    .isTrue();
            assertThat(ws.queued()).singleElement().satisfies(m -> {
                assertThat(m.state()).isIn(QueuedMessage.State.DEFERRED, QueuedMessage.State.SENDING);
                assertThat(m.messageId()).isEqualTo(queued.messageId());
            });
            // No server answered, so the last reply is our own failure text: each reader gets it in their language.
            QueuedMessage waiting = ws.queued().get(0);
            String ru = (String)
                    QueueListing.json(waiting, 0, Locale.forLanguageTag("ru")).get("lastReply");
            String en = (String) QueueListing.json(waiting, 0, Locale.ENGLISH).get("lastReply");
            assertThat(ru).containsPattern("[а-яё]{4,}").isNotEqualTo(en);
            assertThat(en).isNotBlank().doesNotContainPattern("[а-яё]").doesNotStartWith("{");

            try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(port, new ScriptedSmtpServer.Script() {})) {
                assertThat(await(LIMIT, () -> ws.queued().isEmpty())).isTrue();
                assertThat(relay.withData()).singleElement().satisfies(t -> {
                    assertThat(t.messageId()).isEqualTo(queued.messageId());
                    assertThat(t.recipients()).containsExactly("anna@example.com");
                });
            }
        }
        assertThat(ws.journal())
                .anyMatch(l -> l.contains(" DEFERRED ") && l.contains("TRANSIENT"))
                .filteredOn(l -> l.contains(" SENT "))
                .hasSize(1);
    }

    @Test
    void greylistingTwiceWithA451OnRcptIsRetriedUntilAccepted() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return transaction < 2 ? "451 4.7.1 greylisted, try again later" : "250 2.1.5 Ok";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = queue(runtime, "2", "anna@example.com");
                assertThat(await(LIMIT, () -> ws.queued().isEmpty())).isTrue();
                assertThat(server.transactions()).hasSize(3);
                assertThat(server.withData())
                        .singleElement()
                        .satisfies(t -> assertThat(t.messageId()).isEqualTo(queued.messageId()));
            }
            assertThat(ws.journal())
                    .filteredOn(l -> l.contains(" DEFERRED "))
                    .hasSize(2)
                    .allMatch(l -> l.contains("451"));
        }
    }

    @Test
    void a550OnRcptIsDeadAtOnceWithTheReplyAndNeverRetried() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                return "550 5.1.1 <" + address + ">: user unknown";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                queue(runtime, "3", "nobody@example.com");
                assertThat(await(
                                LIMIT, () -> ws.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.DEAD)))
                        .isTrue();
            }
            assertThat(ws.queued()).singleElement().satisfies(m -> {
                assertThat(m.attempts()).isEqualTo(1);
                assertThat(m.refused()).singleElement().satisfies(r -> {
                    assertThat(r.address()).isEqualTo("nobody@example.com");
                    assertThat(r.replyCode()).isEqualTo(550);
                });
                assertThat(m.deadReason()).contains("nobody@example.com").contains("550");
            });
            assertThat(server.transactions()).hasSize(1);
            assertThat(server.withData()).isEmpty();
            assertThat(ws.journal()).noneMatch(l -> l.contains(" DEFERRED ")).anyMatch(l -> l.contains(" DEAD "));
        }
    }

    @Test
    void silenceAfterTheFinalDotIsAmbiguousAndRetriedWithTheSameMessageId() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public DataEnd dataEnd(int transaction) {
                return transaction == 0 ? DataEnd.STALL : DataEnd.ACCEPT;
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = queue(runtime, "4", "anna@example.com");
                assertThat(await(LIMIT, () -> ws.queued().isEmpty())).isTrue();
            }
            List<Transaction> received = server.withData();
            assertThat(received)
                    .hasSize(2)
                    .extracting(Transaction::messageId)
                    .containsOnly(received.get(0).messageId());
            assertThat(ws.journal())
                    .anyMatch(l -> l.contains(" POSSIBLE_DUPLICATE ")
                            && l.contains(received.get(0).messageId()))
                    .anyMatch(l -> l.contains(" SENT ") && l.contains("(possible duplicate)"));
        }
    }

    @Test
    void aConnectionDroppedBeforeTheDataIsTransientAndRetried() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public DataEnd dataEnd(int transaction) {
                return transaction == 0 ? DataEnd.DROP_AT_DATA : DataEnd.ACCEPT;
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = queue(runtime, "5", "anna@example.com");
                assertThat(await(LIMIT, () -> ws.queued().isEmpty())).isTrue();
                assertThat(server.withData())
                        .singleElement()
                        .satisfies(t -> assertThat(t.messageId()).isEqualTo(queued.messageId()));
            }
            assertThat(ws.journal())
                    .anyMatch(l -> l.contains(" DEFERRED ") && l.contains("TRANSIENT"))
                    .noneMatch(l -> l.contains("POSSIBLE_DUPLICATE"));
        }
    }

    @Test
    void a421GreetingIsTransientAndRetried() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String greeting(int connection) {
                return connection == 0 ? "421 4.3.2 too busy, try later" : "220 scripted.test ESMTP";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = queue(runtime, "6", "anna@example.com");
                assertThat(await(LIMIT, () -> ws.queued().isEmpty())).isTrue();
                assertThat(server.withData())
                        .singleElement()
                        .satisfies(t -> assertThat(t.messageId()).isEqualTo(queued.messageId()));
            }
            assertThat(server.connections()).isGreaterThanOrEqualTo(2);
            assertThat(ws.journal()).anyMatch(l -> l.contains(" DEFERRED ") && l.contains("421"));
        }
    }

    @Test
    void partialRejectionRetriesOnlyThe4yzRecipientAndReportsThe5yzOne() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public String rcpt(int transaction, String address) {
                if (address.startsWith("later")) {
                    return transaction == 0 ? "451 4.2.0 mailbox busy" : "250 2.1.5 Ok";
                }
                return address.startsWith("gone") ? "550 5.1.1 user unknown" : "250 2.1.5 Ok";
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                queue(runtime, "7", "anna@example.com", "later@example.com", "gone@example.com");
                assertThat(await(
                                LIMIT, () -> ws.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.DEAD)))
                        .isTrue();
            }
            List<Transaction> received = server.withData();
            assertThat(received).hasSize(2);
            assertThat(received.get(0).recipients())
                    .containsExactly("anna@example.com", "later@example.com", "gone@example.com");
            assertThat(received.get(1).recipients()).containsExactly("later@example.com");
            assertThat(received.get(1).messageId()).isEqualTo(received.get(0).messageId());
            assertThat(ws.queued()).singleElement().satisfies(m -> {
                assertThat(m.delivered()).containsExactly("anna@example.com", "later@example.com");
                assertThat(m.owed()).isEmpty();
                assertThat(m.refused())
                        .singleElement()
                        .satisfies(r -> assertThat(r.replyCode()).isEqualTo(550));
                assertThat(m.deadReason()).contains("gone@example.com");
            });
        }
    }

    @Test
    void aMessageLargerThanTheServersSizeIsDeadWithoutUploading() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public long sizeLimit() {
                return 100;
            }
        })) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                queue(runtime, "8", "anna@example.com");
                assertThat(await(
                                LIMIT, () -> ws.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.DEAD)))
                        .isTrue();
            }
            assertThat(server.withData()).isEmpty();
            assertThat(ws.queued()).singleElement().satisfies(m -> {
                assertThat(m.reason().in(java.util.Locale.ENGLISH)).startsWith("refused for good (MESSAGE_REJECTED");
                assertThat(m.reason().in(java.util.Locale.forLanguageTag("ru")))
                        .startsWith("отказ окончательный («MESSAGE_REJECTED»): размер письма 285 байт");
                assertThat(m.owed()).containsExactly("anna@example.com");
            });
        }
    }

    @Test
    void aMessageStillUndeliveredAtTheEndOfItsLifetimeGoesDead() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        DeliveryWorkspace ws = DeliveryWorkspace.create(dir, port, """
                delivery: queued
                retry:
                  backoff: [200ms]
                  jitter: 0
                  lifetime: 1s
                """);
        try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
            queue(runtime, "9", "anna@example.com");
            assertThat(await(LIMIT, () -> ws.queued().stream().anyMatch(m -> m.state() == QueuedMessage.State.DEAD)))
                    .isTrue();
        }
        assertThat(ws.queued()).singleElement().satisfies(m -> {
            assertThat(m.reason().key()).isEqualTo("queue.reason.expired");
            assertThat(m.reason().in(java.util.Locale.ENGLISH)).startsWith("expired after ");
            assertThat(m.reason().in(java.util.Locale.forLanguageTag("ru"))).startsWith("срок истёк после попыток: ");
            assertThat(m.attempts()).isGreaterThan(1);
        });
    }

    @Test
    void aQueueThatCannotBeWrittenFailsTheStepInsteadOfClaimingSuccess() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            // A file where the queue's folder should be: no user (root included) can write the queue.
            ws.files.write("data/queue", "not a folder");
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThatThrownBy(() -> runtime.send("orders", DeliveryWorkspace.order("10", "anna@example.com")))
                        .isInstanceOfSatisfying(DeliveryException.class, e -> {
                            assertThat(e.kind()).isEqualTo(FailureKind.OTHER);
                            assertThat(e.getMessage()).contains("NOT queued").contains("data/queue");
                        });
            }
            assertThat(server.transactions()).isEmpty();
        }
    }

    /** A real read-only file system (a tmpfs mounted {@code ro}): file permissions would not stop root. */
    @Test
    void aReadOnlyQueueFolderFailsTheStep() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {});
                Tmpfs queue = Tmpfs.readOnly(dir.resolve("data/queue"))) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThatThrownBy(() -> runtime.send("orders", DeliveryWorkspace.order("11", "anna@example.com")))
                        .isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("NOT queued")
                        .hasMessageContaining("Read-only file system");
            }
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void badAttributesFailTheStepAtOnceAndQueueNothing() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                assertThatThrownBy(() -> runtime.send(
                                "orders",
                                java.util.Map.of("To", List.of(java.util.Map.of("Address", "anna@example.com")))))
                        .isInstanceOfSatisfying(
                                DeliveryException.class,
                                e -> assertThat(e.kind()).isEqualTo(FailureKind.CONFIGURATION))
                        .hasMessageContaining("OrderNo");
            }
            assertThat(ws.queued()).isEmpty();
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void aDamagedStateFileIsSkippedAndTheOtherMessagesStillGo() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            DeliveryWorkspace ws = DeliveryWorkspace.create(dir, server.port(), QUEUED);
            ws.files.write("data/queue/live/zzzz-0000.json", "{ not json");
            try (ScenarioRuntime runtime = ScenarioRuntime.start(ws.load(), SendEvents.NONE, true)) {
                SendResult queued = queue(runtime, "13", "anna@example.com");
                assertThat(await(LIMIT, () -> server.withData().size() == 1)).isTrue();
                assertThat(server.withData().get(0).messageId()).isEqualTo(queued.messageId());
            }
        }
    }
}
