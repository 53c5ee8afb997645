package dev.scenarios.connector.smtp;

import static dev.scenarios.connector.smtp.testing.Configs.of;
import static dev.scenarios.connector.smtp.testing.Configs.plain;
import static dev.scenarios.connector.smtp.testing.Configs.with;
import static dev.scenarios.testing.ScriptedSmtpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scenarios.connector.api.ConnectorContext;
import dev.scenarios.connector.api.DeliveryException;
import dev.scenarios.connector.api.FailureKind;
import dev.scenarios.connector.api.SharedLimits;
import dev.scenarios.testing.ScriptedSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's SIZE limit is honoured before any upload, and maxMessagesPerMinute spaces messages. */
class SendLimitsTest {

    @TempDir
    Path data;

    private final SmtpConnectionType type = new SmtpConnectionType();

    private static MimeMessage message(SmtpConnection connection, int bodyBytes) throws Exception {
        MimeMessage m = connection.newMessage();
        m.setRecipients(Message.RecipientType.TO, "bob@example.com");
        m.setSubject("limits", "UTF-8");
        m.setText("x".repeat(bodyBytes), "UTF-8");
        return m;
    }

    @Test
    void aMessageOverTheServersSizeIsRefusedBeforeAnyUpload() throws Exception {
        try (ScriptedSmtpServer server =
                        new ScriptedSmtpServer().on("EHLO", reply("250-scripted.test\n250-SIZE 2000\n250 8BITMIME"));
                SmtpConnection connection = type.open(of(plain(server.port())), ConnectorContext.of(data))) {
            DeliveryException e = catchThrowableOfType(
                    DeliveryException.class, () -> connection.send(message(connection, 5_000), "orders"));

            assertThat(e.kind()).isEqualTo(FailureKind.MESSAGE_REJECTED);
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).contains("accepts at most 2000");
            assertThat(server.received())
                    .noneMatch(l -> l.startsWith("MAIL FROM"))
                    .doesNotContain("DATA");
            assertThat(Files.readString(data.resolve("journals/test_relay.log")))
                    .contains("SIZE limit");

            connection.send(message(connection, 100), "orders");
            assertThat(server.received()).contains("DATA");
        }
    }

    @Test
    void messagesPerMinuteAreSpacedEvenly() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpConnection connection = type.open(
                        of(with(plain(server.port()), "maxMessagesPerMinute", 600)), ConnectorContext.of(data))) {
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                connection.send(message(connection, 10), "orders");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(elapsed)
                    .as("four messages at 600 a minute need three 100 ms gaps")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(server.received().stream().filter("DATA"::equals).count())
                    .isEqualTo(4);
        }
    }

    /** A host that shares one session slot and counts what the connector asks of it. */
    private static final class OneSharedSlot implements SharedLimits {
        final Semaphore slot = new Semaphore(1);
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        volatile boolean wanted;

        @Override
        public SessionSlot session(String connection, int maxConnections, Duration wait) throws InterruptedException {
            if (!slot.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
            taken.incrementAndGet();
            return new SessionSlot() {
                @Override
                public boolean giveUp() {
                    return wanted;
                }

                @Override
                public void close() {
                    slot.release();
                }
            };
        }

        @Override
        public void send(String connection, int perMinute) {
            starts.incrementAndGet();
        }
    }

    @Test
    void theHostsSharedLimitsGateSessionsAndStartsAsWellAsTheConnectionsOwn() throws Exception {
        OneSharedSlot shared = new OneSharedSlot();
        ConnectorContext context = new ConnectorContext() {
            @Override
            public Path dataDirectory() {
                return data;
            }

            @Override
            public Optional<SharedLimits> sharedLimits() {
                return Optional.of(shared);
            }
        };
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpConnection connection = type.open(
                        of(with(with(plain(server.port()), "maxConnections", 3), "maxMessagesPerMinute", 6000)),
                        context)) {
            ExecutorService senders = Executors.newFixedThreadPool(3);
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sends.add(senders.submit(() -> connection.send(message(connection, 10), "orders")));
            }
            for (Future<?> f : sends) {
                f.get(30, TimeUnit.SECONDS);
            }
            senders.shutdown();
            assertThat(server.peakSessions())
                    .as("three local sessions allowed, one shared slot")
                    .isEqualTo(1);
            assertThat(shared.starts.get()).isEqualTo(6);
            assertThat(shared.taken.get()).as("the one session was reused").isEqualTo(1);

            // Another process wants the slot: the session is closed when its message is done, not kept idle.
            shared.wanted = true;
            connection.send(message(connection, 10), "orders");
            assertThat(ScriptedSmtpServer.await(Duration.ofSeconds(5), () -> server.openSessions() == 0))
                    .isTrue();
            assertThat(shared.slot.availablePermits()).isEqualTo(1);
        }
    }

    @Test
    void theRateLimitIsValidated() {
        var problems = type.validate(of(with(plain(25), "maxMessagesPerMinute", 0)));
        assertThat(problems.problemsOf("maxMessagesPerMinute"))
                .singleElement()
                .satisfies(p -> assertThat(p.message(Locale.ENGLISH)).contains("between 1 and 1000000"));
    }
}
