package dev.scenarios.runtime.internal.delivery;

import static dev.scenarios.testing.ScriptedSmtpServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenarios.runtime.DamagedContentException;
import dev.scenarios.runtime.MessageQueue;
import dev.scenarios.runtime.QueueSettings;
import dev.scenarios.runtime.QueuedMessage;
import dev.scenarios.runtime.QueuedMessage.State;
import dev.scenarios.runtime.testing.TestPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store against a real server ({@link TestPostgres}): the queue contract, and what sharing adds: claims
 * that only one runtime wins, leases that are renewed while a runtime lives and taken over, flagged, when it dies.
 */
class PostgresMessageQueueTest extends MessageQueueContract {

    private static final Duration LIMIT = Duration.ofSeconds(15);
    private final List<PostgresMessageQueue> opened = new ArrayList<>();
    private QueueSettings settings;

    @Override
    MessageQueue newQueue() throws IOException {
        settings = TestPostgres.newQueue();
        return open("runtime-a", Duration.ofSeconds(30), true);
    }

    private PostgresMessageQueue open(String owner, Duration lease, boolean renewing) throws IOException {
        PostgresMessageQueue queue = PostgresMessageQueue.open(settings, owner, "test-host", lease, renewing);
        opened.add(queue);
        return queue;
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresMessageQueue::close);
    }

    private static QueuedMessage sending(QueuedMessage m) {
        return new QueuedMessage(
                m.id(),
                m.path(),
                m.messageId(),
                m.owed(),
                m.delivered(),
                m.refused(),
                State.SENDING,
                m.attempts() + 1,
                m.queuedAt(),
                m.nextAttemptAt(),
                m.expiresAt(),
                m.lastReply(),
                m.possibleDuplicate(),
                "");
    }

    private Object column(String id, String column) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.url(), "postgres", "");
                PreparedStatement st = c.prepareStatement(
                        "SELECT " + column + " FROM " + settings.schema() + ".queued_message WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private void execute(String sql, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.url(), "postgres", "");
                PreparedStatement st =
                        c.prepareStatement(sql.replace("queued_message", settings.schema() + ".queued_message"))) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    @Test
    void onlyOneOfTwoRuntimesWinsAClaimAndAStaleClaimLoses() throws Exception {
        PostgresMessageQueue a = (PostgresMessageQueue) newQueue();
        PostgresMessageQueue b = open("runtime-b", Duration.ofSeconds(30), true);
        QueuedMessage m = a.add("orders", message(1), NOW, NOW.plusSeconds(60));
        QueuedMessage seenByB = b.find(m.id()).orElseThrow();

        assertThat(a.claim(sending(m))).isTrue();
        assertThat(b.claim(sending(seenByB))).as("held under a's lease").isFalse();
        assertThat(column(m.id(), "lease_owner")).isEqualTo("runtime-a");

        // a's attempt ends deferred: b's claim from what it read before that attempt is stale.
        a.update(sending(m).with(State.DEFERRED, NOW));
        assertThat(column(m.id(), "lease_owner")).isNull();
        assertThat(b.claim(sending(seenByB))).as("read before a's attempt").isFalse();
        assertThat(b.claim(sending(b.find(m.id()).orElseThrow()))).isTrue();
        assertThat(b.find(m.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aLateOutcomeNeverOverwritesAnotherRuntimesLiveLease() throws Exception {
        PostgresMessageQueue a = (PostgresMessageQueue) newQueue();
        PostgresMessageQueue b = open("runtime-b", Duration.ofSeconds(30), true);
        QueuedMessage m = a.add("orders", message(1), NOW, NOW.plusSeconds(60));
        assertThat(b.claim(sending(m))).isTrue();

        a.update(sending(m).with(State.DEFERRED, NOW.plusSeconds(300)));

        assertThat(b.find(m.id()).orElseThrow().state()).isEqualTo(State.SENDING);
    }

    @Test
    void aLeaseIsRenewedWhileItsRuntimeLives() throws Exception {
        newQueue();
        PostgresMessageQueue shortLease = open("runtime-short", Duration.ofMillis(600), true);
        PostgresMessageQueue b = open("runtime-b", Duration.ofSeconds(30), true);
        QueuedMessage m = shortLease.add("orders", message(1), NOW, NOW.plusSeconds(60));
        assertThat(shortLease.claim(sending(m))).isTrue();
        Timestamp first = (Timestamp) column(m.id(), "lease_expires_at");

        assertThat(await(LIMIT, () -> {
                    try {
                        return ((Timestamp) column(m.id(), "lease_expires_at")).getTime() > first.getTime() + 600;
                    } catch (Exception e) {
                        return false;
                    }
                }))
                .as("renewed past the first expiry")
                .isTrue();
        assertThat(b.find(m.id()).orElseThrow().state()).isEqualTo(State.SENDING);
        assertThat(b.claim(sending(b.find(m.id()).orElseThrow()))).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenOverAsAPossibleDuplicateAndJournaled() throws Exception {
        PostgresMessageQueue b = (PostgresMessageQueue) newQueue();
        // A runtime that stopped renewing (killed): its lease is never extended.
        PostgresMessageQueue killed = open("runtime-killed", Duration.ofMillis(300), false);
        QueuedMessage m = killed.add("orders", message(1), NOW, NOW.plusSeconds(60));
        assertThat(killed.claim(sending(m))).isTrue();

        assertThat(await(LIMIT, () -> {
                    try {
                        return b.find(m.id()).orElseThrow().state() == State.DEFERRED;
                    } catch (IOException e) {
                        return false;
                    }
                }))
                .isTrue();
        QueuedMessage due = b.find(m.id()).orElseThrow();
        assertThat(due.possibleDuplicate()).isTrue();
        assertThat(due.attempts()).isEqualTo(1);
        assertThat(due.messageId()).isEqualTo(m.messageId());
        assertThat(b.claim(sending(due))).isTrue();

        assertThat(column(m.id(), "lease_owner")).isEqualTo("runtime-a");
        assertThat(column(m.id(), "possible_duplicate")).isEqualTo(true);
        assertThat(b.journalLines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("POSSIBLE_DUPLICATE " + m.id() + " " + m.messageId())
                        .contains("runtime runtime-killed stopped renewing its lease during attempt 1"));
    }

    @Test
    void contentThatDoesNotMatchItsChecksumIsNeverReturned() throws Exception {
        MessageQueue queue = newQueue();
        QueuedMessage m = queue.add("orders", message(1), NOW, NOW.plusSeconds(60));
        QueuedMessage n = queue.add("orders", message(2), NOW, NOW.plusSeconds(60));

        execute("UPDATE queued_message SET content = overlay(content placing 'X'::bytea from 3) WHERE id = ?", m.id());
        execute("UPDATE queued_message SET content = substring(content from 1 for 5) WHERE id = ?", n.id());

        assertThatThrownBy(() -> queue.content(m))
                .isInstanceOf(DamagedContentException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> queue.content(n))
                .isInstanceOf(DamagedContentException.class)
                .hasMessageContaining("bytes instead of");
    }

    @Test
    void theRuntimesAreRegisteredAndLeaveWhenClosed() throws Exception {
        PostgresMessageQueue a = (PostgresMessageQueue) newQueue();
        PostgresMessageQueue b = open("runtime-b", Duration.ofSeconds(30), true);
        PostgresMessageQueue reader = open("cli", Duration.ofSeconds(30), false);

        assertThat(reader.runtimes())
                .extracting(PostgresMessageQueue.RuntimeEntry::id)
                .containsExactly("runtime-a", "runtime-b");
        b.close();
        assertThat(reader.liveRuntimes())
                .extracting(PostgresMessageQueue.RuntimeEntry::id)
                .containsExactly("runtime-a");
        assertThat(a.runtimes()).allSatisfy(r -> assertThat(r.host()).isEqualTo("test-host"));
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorWithoutThePassword() {
        QueueSettings unreachable = new QueueSettings(
                QueueSettings.Store.POSTGRESQL,
                "jdbc:postgresql://127.0.0.1:1/mail?connectTimeout=2",
                "mail",
                "pw-Secret-42",
                "scenario_mail");

        assertThatThrownBy(() -> PostgresMessageQueue.open(unreachable, "r", "h", Duration.ofSeconds(30), false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(
                        "cannot connect to the queue database jdbc:postgresql://127.0.0.1:1/mail schema scenario_mail")
                .hasMessageNotContaining("pw-Secret-42");
    }
}
